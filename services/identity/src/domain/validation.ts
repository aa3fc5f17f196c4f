import { strictObject } from '@estore/core/http';
import { USERNAME_PATTERN, USERNAME_RULE } from '@estore/core/identity';
import * as v from 'valibot';
import { isEmailAddress, normalizeEmail } from './email';

export const GENDERS = ['male', 'female', 'other'] as const;
export type Gender = (typeof GENDERS)[number];

/** Cognito's own ceiling; anything longer is refused before it reaches the pool. */
const MAX_PASSWORD_LENGTH = 256;

/**
 * Cognito's own password pattern (`^[\S]+.*[\S]+$`): no leading or trailing white space. Checked
 * here so such a password is a 400 naming the field, not an InvalidParameterException.
 */
export const PASSWORD_PATTERN = /^[\S]+.*[\S]+$/;

const email = v.pipe(
  v.string(),
  v.trim(),
  v.check(isEmailAddress, 'email must be a valid email address'),
  v.maxLength(254),
  v.transform(normalizeEmail),
);

/**
 * The pool's password policy is set from the same stage parameter, but cognito-local does not
 * enforce it, so the service checks the minimum itself.
 */
export function registerSchema(passwordMinLength: number) {
  return strictObject({
    username: v.pipe(v.string(), v.trim(), v.toLowerCase(), v.regex(USERNAME_PATTERN, USERNAME_RULE)),
    email,
    password: v.pipe(
      v.string(),
      v.minLength(passwordMinLength),
      v.maxLength(MAX_PASSWORD_LENGTH),
      v.regex(PASSWORD_PATTERN, 'password must not start or end with white space'),
    ),
    gender: v.picklist(GENDERS),
  });
}

export type RegisterInput = v.InferOutput<ReturnType<typeof registerSchema>>;

export const loginSchema = strictObject({
  // An email identity is normalized like a registered one, so login finds its claim.
  identity: v.pipe(v.string(), v.trim(), v.nonEmpty(), v.maxLength(254), v.transform(normalizeEmail)),
  password: v.pipe(v.string(), v.nonEmpty(), v.maxLength(MAX_PASSWORD_LENGTH)),
});

export type LoginInput = v.InferOutput<typeof loginSchema>;

/** POST /verify: no body (or `{}`) asks for a code; `{code}` confirms one. */
export const verifySchema = v.optional(
  strictObject({
    code: v.optional(v.pipe(v.string(), v.trim(), v.regex(/^\d{6}$/, 'code must be 6 digits'))),
  }),
  () => ({}),
);

export type VerifyInput = v.InferOutput<typeof verifySchema>;

export const isEmailIdentity = (identity: string): boolean => identity.includes('@');
