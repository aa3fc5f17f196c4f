import { cursorCodecFromEnv } from '@estore/core/pagination';
import type { UserItem } from '../../src/domain/users';
import { listUsers } from '../../src/handlers/list-users';
import { UserListing } from '../../src/user-listing';
import { invoke } from './http';
import { createIsolatedPool, type IsolatedPool } from './isolated-pool';

interface Page {
  items: UserItem[];
  nextCursor: string | null;
}

describe('GET /users against cognito-local (a pool of its own, so counts are exact)', () => {
  let pool: IsolatedPool;
  let list: ReturnType<typeof listUsers>;
  const admins: string[] = [];
  const managers: string[] = [];
  const customers: string[] = [];

  beforeAll(async () => {
    pool = await createIsolatedPool();
    list = listUsers({ listing: new UserListing(pool.directory, cursorCodecFromEnv) });
    admins.push(await pool.createUser('adm_', ['admin_group', 'manage_product_group']));
    managers.push(
      await pool.createUser('mgr_', ['manage_product_group']),
      await pool.createUser('mgr_', ['manage_product_group']),
    );
    for (let i = 0; i < 4; i++) customers.push(await pool.createUser('cus_'));
  });

  afterAll(() => pool.dispose());

  // The caller is the pool's admin: admin routes confirm the caller's membership in the pool itself.
  const page = (query: Record<string, string>) =>
    invoke<Page>(list, {
      method: 'GET',
      path: '/users',
      caller: { username: admins[0], groups: ['admin_group'] },
      query,
    });

  async function pageThrough(query: Record<string, string>): Promise<Page[]> {
    const pages: Page[] = [];
    let cursor: string | null = null;
    do {
      const response = await page({ ...query, ...(cursor ? { cursor } : {}) });
      expect(response.status).toBe(200);
      pages.push(response.body);
      cursor = response.body.nextCursor;
    } while (cursor && pages.length < 20);
    return pages;
  }

  it('pages through more users than one page holds, each user exactly once, no page over the limit', async () => {
    const pages = await pageThrough({ limit: '2' });
    const usernames = pages.flatMap((p) => p.items.map((item) => item.username));
    expect(pages).toHaveLength(4);
    expect(pages.every((p) => p.items.length <= 2)).toBe(true);
    expect(usernames.sort()).toEqual([...admins, ...managers, ...customers].sort());
    expect(pages.at(-1)!.nextCursor).toBeNull();
  });

  it('answers each user with the contract fields and their groups', async () => {
    const items = (await pageThrough({ limit: '100' })).flatMap((p) => p.items);
    expect(items.find((item) => item.username === admins[0])).toEqual({
      username: admins[0],
      email: `${admins[0]}@example.test`,
      emailVerified: true,
      gender: 'other',
      status: 'CONFIRMED',
      enabled: true,
      groups: ['admin_group', 'manage_product_group'],
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
    });
    expect(items.find((item) => item.username === managers[0])!.groups).toEqual(['manage_product_group']);
    expect(items.find((item) => item.username === customers[0])!.groups).toEqual([]);
  });

  it('lists only one group’s members with ?group=, paging too', async () => {
    const pages = await pageThrough({ group: 'manage_product_group', limit: '2' });
    expect(pages).toHaveLength(2);
    expect(pages.flatMap((p) => p.items.map((item) => item.username)).sort()).toEqual([...admins, ...managers].sort());
    const onlyAdmins = (await page({ group: 'admin_group' })).body;
    expect(onlyAdmins.items.map((item) => [item.username, item.groups])).toEqual([
      [admins[0], ['admin_group', 'manage_product_group']],
    ]);
  });

  it('refuses a tampered cursor and a cursor from another listing with 400', async () => {
    const first = await page({ limit: '2' });
    const cursor = first.body.nextCursor!;
    const tampered = await page({ limit: '2', cursor: `${cursor.slice(0, -2)}xx` });
    expect(tampered.status).toBe(400);
    expect(tampered.body).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    expect((await page({ limit: '2', group: 'admin_group', cursor })).status).toBe(400);
  });

  it('is refused to a manager (403), a customer (403) and anonymous callers (401)', async () => {
    expect(
      (
        await invoke(list, {
          method: 'GET',
          path: '/users',
          caller: { username: managers[0], groups: ['manage_product_group'] },
        })
      ).status,
    ).toBe(403);
    expect(
      (await invoke(list, { method: 'GET', path: '/users', caller: { username: customers[0], groups: [] } })).status,
    ).toBe(403);
    expect((await invoke(list, { method: 'GET', path: '/users', caller: null })).status).toBe(401);
  });
});
