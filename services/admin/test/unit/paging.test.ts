import { type FetchSourcePage, type PagePosition, readPage, START } from '../../src/domain/paging';

/** Pages like Cognito: at most `limit` items, a token while more remain. */
function cognitoLike(all: number[], calls: number[] = []): FetchSourcePage<number> {
  return async (token, limit) => {
    calls.push(limit);
    const start = token ? Number(token) : 0;
    const end = start + limit;
    return { items: all.slice(start, end), nextToken: end < all.length ? String(end) : undefined };
  };
}

/** Like cognito-local: ignores the limit and returns everything at once. */
const everythingAtOnce =
  (all: number[]): FetchSourcePage<number> =>
  async () => ({ items: all, nextToken: undefined });

async function readAll(
  source: FetchSourcePage<number>,
  limit: number,
  maxPerCall = 60,
): Promise<{ items: number[]; pages: number }> {
  const items: number[] = [];
  let position: PagePosition | undefined = START;
  let pages = 0;
  while (position) {
    const page: { items: number[]; next: PagePosition | undefined } = await readPage(source, position, limit, {
      maxPerCall,
    });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    items.push(...page.items);
    position = page.next;
    pages++;
  }
  return { items, pages };
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('reading a page of users from a paged source', () => {
  it('asks Cognito for no more than 60 at a time and fills a limit above that from further calls', async () => {
    const calls: number[] = [];
    const page = await readPage(cognitoLike(range(150), calls), START, 100);
    expect(page.items).toEqual(range(100));
    expect(calls).toEqual([60, 40]);
    expect(page.next).toEqual({ token: '100', skip: 0 });
  });

  it('ends on the source token exactly, so the next page starts where this one stopped', async () => {
    const first = await readPage(cognitoLike(range(10)), START, 4);
    const second = await readPage(cognitoLike(range(10)), first.next!, 4);
    expect(first.items).toEqual([0, 1, 2, 3]);
    expect(second.items).toEqual([4, 5, 6, 7]);
  });

  it('has no next position after the last item', async () => {
    expect((await readPage(cognitoLike(range(8)), START, 8)).next).toBeUndefined();
    expect((await readPage(cognitoLike(range(3)), START, 20)).next).toBeUndefined();
  });

  it.each([1, 3, 7, 60, 100])('visits every item exactly once with limit %i (Cognito-like paging)', async (limit) => {
    const { items } = await readAll(cognitoLike(range(137)), limit);
    expect(items).toEqual(range(137));
  });

  it.each([1, 4, 25])(
    'visits every item exactly once with limit %i when the source returns more than asked',
    async (limit) => {
      const { items, pages } = await readAll(everythingAtOnce(range(50)), limit);
      expect(items).toEqual(range(50));
      expect(pages).toBe(Math.ceil(50 / limit));
    },
  );

  it('skips within a page when a read stopped in its middle', async () => {
    const page = await readPage(everythingAtOnce(range(10)), { token: undefined, skip: 8 }, 5);
    expect(page).toEqual({ items: [8, 9], next: undefined });
  });

  it('returns a short page with an exact cursor instead of looping on a source of empty pages', async () => {
    let calls = 0;
    const empty: FetchSourcePage<number> = async (token) => {
      calls++;
      return { items: [], nextToken: String(Number(token ?? 0) + 1) };
    };
    const page = await readPage(empty, START, 10, { maxCalls: 4 });
    expect(calls).toBe(4);
    expect(page).toEqual({ items: [], next: { token: '4', skip: 0 } });
  });
});
