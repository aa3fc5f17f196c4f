import { decideAdminRemoval, mustRestoreAdmin } from '../../src/domain/last-admin';

describe('removing someone from admin_group', () => {
  it('is refused for the only admin', () => {
    expect(decideAdminRemoval(['root'], 'root')).toBe('last-admin');
  });

  it('is allowed while another admin remains', () => {
    expect(decideAdminRemoval(['root', 'alice'], 'root')).toBe('allowed');
  });

  it('changes nothing for a user who is not an admin', () => {
    expect(decideAdminRemoval(['root'], 'bob')).toBe('not-a-member');
  });

  it('is undone when, after it, the group turned out empty (a concurrent removal raced it)', () => {
    expect(mustRestoreAdmin([])).toBe(true);
    expect(mustRestoreAdmin(['alice'])).toBe(false);
  });
});
