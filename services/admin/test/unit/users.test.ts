import { type DirectoryUser, membershipIndex, storeGroups, toUserItem } from '../../src/domain/users';

const user = (overrides: Partial<DirectoryUser> = {}): DirectoryUser => ({
  username: 'alice',
  attributes: { email: 'alice@example.test', email_verified: 'true', gender: 'female', sub: 'uuid' },
  status: 'CONFIRMED',
  enabled: true,
  createdAt: new Date('2026-01-02T03:04:05.000Z'),
  ...overrides,
});

describe('mapping a directory user to a GET /users item', () => {
  it('names every field of the contract and nothing else', () => {
    expect(toUserItem(user(), ['manage_product_group'])).toEqual({
      username: 'alice',
      email: 'alice@example.test',
      emailVerified: true,
      gender: 'female',
      status: 'CONFIRMED',
      enabled: true,
      groups: ['manage_product_group'],
      createdAt: '2026-01-02T03:04:05.000Z',
    });
  });

  it('reads Cognito string booleans: only "true" is verified', () => {
    expect(toUserItem(user({ attributes: { email_verified: 'false' } }), []).emailVerified).toBe(false);
    expect(toUserItem(user({ attributes: {} }), []).emailVerified).toBe(false);
  });

  it('gives null for attributes a user does not have', () => {
    const item = toUserItem(user({ attributes: {}, createdAt: undefined }), []);
    expect(item).toMatchObject({ email: null, gender: null, createdAt: null });
  });

  it('keeps a disabled or unconfirmed user as Cognito reports it', () => {
    expect(toUserItem(user({ enabled: false, status: 'FORCE_CHANGE_PASSWORD' }), [])).toMatchObject({
      enabled: false,
      status: 'FORCE_CHANGE_PASSWORD',
    });
  });
});

describe('the store groups of a user', () => {
  it('lists them in a fixed order and drops groups the store does not manage', () => {
    expect(storeGroups(['manage_product_group', 'beta_testers', 'admin_group'])).toEqual([
      'admin_group',
      'manage_product_group',
    ]);
  });

  it('are indexed from one member listing per group', () => {
    const groupsOf = membershipIndex({ admin_group: ['admin', 'root'], manage_product_group: ['admin', 'user'] });
    expect(groupsOf('admin')).toEqual(['admin_group', 'manage_product_group']);
    expect(groupsOf('root')).toEqual(['admin_group']);
    expect(groupsOf('user')).toEqual(['manage_product_group']);
    expect(groupsOf('customer')).toEqual([]);
  });
});
