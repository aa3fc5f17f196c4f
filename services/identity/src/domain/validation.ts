import Joi from 'joi';

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
 * Usernames are lower case letters, digits and `_ . -`. The character set has no `@`, so a
 * username can never be mistaken for an email at login (which looks up emails separately).
 */
export const USERNAME_PATTERN = /^[a-z0-9_.-]{3,32}$/;

const email = Joi.string().trim().lowercase().email({ tlds: { allow: false } }).max(254);

/**
 * The pool's password policy is set from the same stage parameter, but cognito-local does not
 * enforce it, so the service checks the minimum itself.
 */
export function registerSchema(passwordMinLength: number): Joi.ObjectSchema<RegisterInput> {
  return Joi.object<RegisterInput>({
    username: Joi.string().trim().lowercase().pattern(USERNAME_PATTERN).required().messages({
      'string.pattern.base': 'username must be 3-32 characters of a-z, 0-9, _ . -',
    }),
    email: email.required(),
    password: Joi.string().min(passwordMinLength).max(MAX_PASSWORD_LENGTH).required(),
    gender: Joi.string()
      .valid(...GENDERS)
      .required(),
  });
}

export const loginSchema = Joi.object<LoginInput>({
  identity: Joi.string().trim().lowercase().min(1).max(254).required(),
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
