/**
 * Entity tags for products. The tag is the product's `version`, which every write bumps (edits,
 * stock reservations and releases, images), so a client holding a tag knows exactly which state
 * it read. Strong tags only: `If-Match` uses strong comparison (RFC 9110, 13.1.1), so a weak
 * `W/"v7"` never matches.
 */
export function productETag(version: number): string {
  return `"v${version}"`;
}

/** What an `If-Match` header asks for: any existing product, or one of these versions. */
export type IfMatch = { any: true } | { any: false; versions: number[] };

// One entity-tag of a list, with its separator: [W/]"opaque", then a comma or the end.
const LIST_MEMBER = /\s*(W\/)?"([\x21\x23-\x7e\x80-\xff]*)"\s*(?:,|$)/y;
const OUR_TAG = /^v([1-9][0-9]{0,14})$/;

/**
 * Parses an `If-Match` header; undefined when absent. A malformed header, a weak tag or a tag
 * this API never issued yields an empty version list: it matches nothing, hence 412.
 */
export function parseIfMatch(header: string | undefined): IfMatch | undefined {
  if (header === undefined) return undefined;
  const text = header.trim();
  if (text === '*') return { any: true };
  const versions: number[] = [];
  LIST_MEMBER.lastIndex = 0;
  while (LIST_MEMBER.lastIndex < text.length) {
    const start = LIST_MEMBER.lastIndex;
    const match = LIST_MEMBER.exec(text);
    if (!match || LIST_MEMBER.lastIndex === start) return { any: false, versions: [] };
    const ours = OUR_TAG.exec(match[2]);
    if (!match[1] && ours) versions.push(Number(ours[1]));
  }
  return { any: false, versions };
}

/** Whether a product at `version` satisfies the precondition. */
export function ifMatchAllows(condition: IfMatch, version: number): boolean {
  return condition.any || condition.versions.includes(version);
}
