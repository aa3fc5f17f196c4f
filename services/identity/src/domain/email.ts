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

// The rules of RFC 5321 (and RFC 6531 for non-ASCII) the store checks an email against: a
// dot-string local part of at most 64 bytes, a domain of at least two labels, any top-level domain.
const LOCAL_ASCII_CHAR = /^[\w!#$%&'*+\-/=?^`{|}~]$/;
// Control characters, space and URL separators.
// eslint-disable-next-line no-control-regex
const DOMAIN_FORBIDDEN = /[\x00-\x20@:/\\#!$&'()*+,;=?]/;
const DOMAIN_LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;
const TOP_LEVEL_LABEL = /^[a-z](?:[a-z0-9-]*[a-z0-9])?$/i;

/** The host of a (possibly internationalized) domain in its ASCII (punycode) form, as URLs resolve it. */
function asciiDomain(domain: string): string {
  try {
    return new URL(`http://${domain.replace(/%/g, '%25')}`).host;
  } catch {
    return domain;
  }
}

/** Whether `value` is an email address a mail server would accept (no quoted local parts, no IP literals). */
export function isEmailAddress(value: string): boolean {
  const email = value.normalize('NFC');
  const parts = email.split('@');
  if (email.length > 254 || parts.length !== 2) return false;
  const [local, domain] = parts;
  if (!local || new TextEncoder().encode(local).length > 64) return false;
  const localOk = local
    .split('.')
    .every((segment) => segment !== '' && [...segment].every((char) => char > '\x7f' || LOCAL_ASCII_CHAR.test(char)));
  if (!localOk || !domain || DOMAIN_FORBIDDEN.test(domain)) return false;
  const labels = asciiDomain(domain).split('.');
  return (
    labels.length >= 2 &&
    labels.every(
      (label, i) =>
        label.length > 0 && label.length <= 63 && (i < labels.length - 1 ? DOMAIN_LABEL : TOP_LEVEL_LABEL).test(label),
    )
  );
}
