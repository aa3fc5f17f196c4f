/**
 * Word-prefix search maintained at write time: every product gets one index entry per distinct
 * prefix of each word of its name, so "quan" finds "Zebra Quantum Lamp" with one Query.
 * Pure functions: the repository writes and reads what these derive.
 */

/** Prefixes longer than this are not indexed; longer search words are checked with a filter. */
export const MAX_PREFIX_LENGTH = 10;
/**
 * At most this many index entries per product, so that an update (old entries out, new in,
 * plus the product item) fits one 100-action DynamoDB transaction: 49 + 49 + 1 <= 100.
 */
export const MAX_SEARCH_TERMS = 49;

/** Lower case, accents folded, split on anything that is not a letter or a digit. */
export function searchWords(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

/** The distinct word prefixes (1..MAX_PREFIX_LENGTH characters) a name is indexed under, sorted. */
export function searchTerms(name: string): string[] {
  const terms = new Set<string>();
  for (const word of searchWords(name)) {
    const chars = [...word];
    for (let length = 1; length <= Math.min(chars.length, MAX_PREFIX_LENGTH); length += 1) {
      terms.add(chars.slice(0, length).join(''));
    }
  }
  return [...terms].sort();
}

/** Words joined with a leading space: " zebra quantum lamp" contains " quan" iff a word starts with "quan". */
export function searchText(name: string): string {
  return ` ${searchWords(name).join(' ')}`;
}

export interface SearchPlan {
  /** The indexed prefix to Query. */
  prefix: string;
  /** Word starts the Query cannot guarantee, checked with `contains(searchText, " word")`. */
  filters: string[];
}

/**
 * How to answer a search: Query the index entry of the longest word (the most selective),
 * filter on the rest. Every word of the search must start some word of the name.
 * Undefined when the search has no letter or digit at all.
 */
export function planSearch(search: string): SearchPlan | undefined {
  const words = [...new Set(searchWords(search))];
  if (words.length === 0) return undefined;
  const longest = words.reduce((best, word) => ([...word].length > [...best].length ? word : best));
  const prefix = [...longest].slice(0, MAX_PREFIX_LENGTH).join('');
  const filters = words.filter((word) => word !== prefix);
  return { prefix, filters };
}

/** True when every word of the search starts some word of the name (the search's meaning). */
export function nameMatches(name: string, search: string): boolean {
  const words = searchWords(name);
  return searchWords(search).every((term) => words.some((word) => word.startsWith(term)));
}
