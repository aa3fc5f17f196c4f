import Joi from 'joi';
import { USERNAME_PATTERN, USERNAME_RULE } from '@estore/core/identity';
import { normalizeEmail } from './email';

export const GENDERS = ['male', 'female', 'other'] as const;
export type Gender = (typeof GENDERS)[number];

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

const email = Joi.string()
  .trim()
  .email({ tlds: { allow: false } })
  .max(254)
  .custom((value: string) => normalizeEmail(value));

/**
 * The pool's password policy is set from the same stage parameter, but cognito-local does not
 * enforce it, so the service checks the minimum itself.
 */
export function registerSchema(passwordMinLength: number): Joi.ObjectSchema<RegisterInput> {
  return Joi.object<RegisterInput>({
    username: Joi.string().trim().lowercase().pattern(USERNAME_PATTERN).required().messages({
      'string.pattern.base': USERNAME_RULE,
    }),
    email: email.required(),
    password: Joi.string().min(passwordMinLength).max(MAX_PASSWORD_LENGTH).pattern(PASSWORD_PATTERN).required().messages({
      'string.pattern.base': 'password must not start or end with white space',
    }),
    gender: Joi.string()
      .valid(...GENDERS)
      .required(),
  });
}

export const loginSchema = Joi.object<LoginInput>({
  // An email identity is normalized like a registered one, so login finds its claim.
  identity: Joi.string()
    .trim()
    .min(1)
    .max(254)
    .custom((value: string) => normalizeEmail(value))
    .required(),
  password: Joi.string().min(1).max(MAX_PASSWORD_LENGTH).required(),
});

/** POST /verify: no body (or `{}`) asks for a code; `{code}` confirms one. */
export const verifySchema = Joi.object<VerifyInput>({
  code: Joi.string()
    .trim()
    .pattern(/^\d{6}$/)
    .messages({ 'string.pattern.base': 'code must be 6 digits' }),
})
  .default({});

export const isEmailIdentity = (identity: string): boolean => identity.includes('@');
