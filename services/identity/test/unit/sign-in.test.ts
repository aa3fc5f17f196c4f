import type { Registration } from '../../src/registration';
import type { SignIn } from '../../src/sign-in';
import { errorOf, FakeWorld } from './fakes';

const registration = { username: 'jane', email: 'jane@example.test', password: 'secret1', gender: 'female' as const };
const client = { sourceIp: '203.0.113.7' };

describe('identity use cases', () => {
  let world: FakeWorld;
  let registrations: Registration;
  let signIn: SignIn;

  beforeEach(() => {
    world = new FakeWorld();
    ({ registration: registrations, signIn } = world.useCases());
  });

  describe('login', () => {
    beforeEach(async () => {
      await registrations.register(registration, client);
    });

    it('signs in by username or by email', async () => {
      await expect(signIn.login({ identity: 'jane', password: 'secret1' })).resolves.toMatchObject({
        user: { username: 'jane' },
      });
      await expect(signIn.login({ identity: 'jane@example.test', password: 'secret1' })).resolves.toMatchObject({
        user: { username: 'jane' },
      });
    });

    it('answers an unknown user, an unknown email and a wrong password identically', async () => {
      const failures = await Promise.all([
        errorOf(signIn.login({ identity: 'nobody', password: 'secret1' })),
        errorOf(signIn.login({ identity: 'nobody@example.test', password: 'secret1' })),
        errorOf(signIn.login({ identity: 'jane', password: 'wrong!' })),
      ]);
      expect(failures).toEqual(Array(3).fill({ status: 401, code: 'INVALID_CREDENTIALS' }));
    });

    it('reports admin and product management from the groups in the token', async () => {
      world.addUser({ username: 'boss', groups: ['admin_group'] });
      const { user } = await signIn.login({ identity: 'boss', password: 'secret1' });
      expect(user).toMatchObject({ groups: ['admin_group'], admin: true, manageProducts: true });
    });
  });
});
