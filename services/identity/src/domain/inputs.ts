// Facts about the identity inputs, apart from their joi schemas (validation.ts): the repositories
// and use cases read them, and a function that validates nothing (GET /auth, say) loads no joi.

export const GENDERS = ['male', 'female', 'other'] as const;
export type Gender = (typeof GENDERS)[number];

export const isEmailIdentity = (identity: string): boolean => identity.includes('@');
