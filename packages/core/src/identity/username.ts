/**
 * The contract's usernames: 3-32 of lower-case letters, digits and `_ . -`. The set has no `@`,
 * so a username is never mistaken for an email at login, and no space or other character
 * Cognito's own username pattern would refuse with an error instead of an answer.
 */
export const USERNAME_PATTERN = /^[a-z0-9_.-]{3,32}$/;

export const USERNAME_RULE = 'username must be 3-32 characters of a-z, 0-9, _ . -';
