import { matching, type Schema, satisfying } from '@estore/core/http';
import { USERNAME_PATTERN, USERNAME_RULE } from '@estore/core/identity';
import Joi from 'joi';
import { isEmailAddress, normalizeEmail } from './email';
import { GENDERS, type Gender } from './inputs';

export { GENDERS, type Gender, isEmailIdentity } from './inputs';

export interface RegisterInput {
  username: string;
  email: string;
  password: string;
  gender: Gender;
}

export interface LoginInput {
  identity: string;
  password: string;
}

export interface VerifyInput {
  code?: string;
}

/** Cognito's own ceiling; anything longer is refused before it reaches the pool. */
const MAX_PASSWORD_LENGTH = 256;

/**
 * Cognito's own password pattern (`^[\S]+.*[\S]+$`): no leading or trailing white space. Checked
 * here so such a password is a 400 naming the field, not an InvalidParameterException.
 */
export const PASSWORD_PATTERN = /^[\S]+.*[\S]+$/;

const email = satisfying(isEmailAddress, 'email must be a valid email address')
  .trim()
  .max(254)
  .custom((value: string) => normalizeEmail(value));

/**
 * The pool's password policy is set from the same stage parameter, but cognito-local does not
 * enforce it, so the service checks the minimum itself.
 */
export function registerSchema(passwordMinLength: number): Schema<RegisterInput> {
  return Joi.object<RegisterInput>({
    username: matching(USERNAME_PATTERN, USERNAME_RULE).trim().lowercase(),
    email,
    password: Joi.string()
      .min(passwordMinLength)
      .max(MAX_PASSWORD_LENGTH)
      .pattern(PASSWORD_PATTERN)
      .message('password must not start or end with white space')
      // An empty password is short, like any other below the minimum.
      .messages({
        'string.empty': `password must be at least ${passwordMinLength} character${passwordMinLength === 1 ? '' : 's'} long`,
      }),
    gender: Joi.string().valid(...GENDERS),
  });
}

export const loginSchema: Schema<LoginInput> = Joi.object<LoginInput>({
  // An email identity is normalized like a registered one, so login finds its claim.
  identity: Joi.string()
    .trim()
    .max(254)
    .custom((value: string) => normalizeEmail(value)),
  password: Joi.string().max(MAX_PASSWORD_LENGTH),
});

/** POST /verify: no body (or `{}`) asks for a code; `{code}` confirms one. */
export const verifySchema: Schema<VerifyInput> = Joi.object<VerifyInput>({
  code: matching(/^\d{6}$/, 'code must be 6 digits')
    .trim()
    .optional(),
})
  .optional()
  .default({});
