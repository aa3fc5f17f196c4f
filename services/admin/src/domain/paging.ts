/**
 * Reading `limit` items from a source that pages with its own tokens (Cognito's
 * PaginationToken / NextToken), at most `maxPerCall` per call (Cognito: 60).
 *
 * A position is "the source page that starts at `token`, after skipping `skip` of its items".
 * Against Cognito `skip` stays 0: each call asks for exactly what is still needed, so a read
 * always ends on a page boundary and the next position is the source's own token. A source
 * that returns more than it was asked for (cognito-local ignores Limit and returns every user)
 * ends a read in the middle of a page; `skip` keeps the position exact there too.
 */
export interface PagePosition {
  /** The source's token for the page; undefined for the first page. */
  token: string | undefined;
  skip: number;
}

export interface SourcePage<T> {
  items: T[];
  nextToken: string | undefined;
}

export type FetchSourcePage<T> = (token: string | undefined, limit: number) => Promise<SourcePage<T>>;

export interface ReadResult<T> {
  items: T[];
  /** Where the next read starts; undefined when the source is exhausted. */
  next: PagePosition | undefined;
}

export const START: PagePosition = { token: undefined, skip: 0 };

export async function readPage<T>(
  fetchPage: FetchSourcePage<T>,
  start: PagePosition,
  limit: number,
  { maxPerCall = 60, maxCalls = 10 }: { maxPerCall?: number; maxCalls?: number } = {},
): Promise<ReadResult<T>> {
  const items: T[] = [];
  let { token, skip } = start;
  for (let call = 0; call < maxCalls; call++) {
    const wanted = limit - items.length;
    const page = await fetchPage(token, Math.min(maxPerCall, skip + wanted));
    const taken = page.items.slice(skip, skip + wanted);
    items.push(...taken);
    const consumed = skip + taken.length;
    if (consumed < page.items.length) return { items, next: { token, skip: consumed } };
    if (page.nextToken === undefined) return { items, next: undefined };
    token = page.nextToken;
    skip = 0;
    if (items.length === limit) return { items, next: { token, skip } };
  }
  // A source that keeps answering with empty pages: hand back a short page and an exact cursor
  // rather than spending the whole request on it.
  return { items, next: { token, skip } };
}
