/**
 * The one spelling of an email address the service stores and compares, so an address cannot be
 * claimed twice through look-alike spellings:
 * - Unicode NFC: `é` typed as one code point or as `e` + a combining accent is the same address
 *   to a reader and to mail servers, so it must be the same claim;
 * - the domain lower-cased: domains are case-insensitive (RFC 5321 s. 2.4);
 * - the local part lower-cased too. RFC 5321 lets a server treat it case-sensitively, but no
 *   mainstream provider does, and two accounts for `Jane@x` and `jane@x` would be one inbox:
 *   uniqueness errs on the side of one owner per inbox. (Dots and `+tags` are left alone: those
 *   really are provider-specific.)
 * Normalizing again after lower-casing keeps the result NFC (case mapping can decompose).
 */
export function normalizeEmail(email: string): string {
  return email.trim().normalize('NFC').toLowerCase().normalize('NFC');
}
