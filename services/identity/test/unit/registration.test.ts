import type { EmailVerification } from '../../src/email-verification';
import type { Registration } from '../../src/registration';
import type { SignIn } from '../../src/sign-in';
import { errorOf, FakeWorld } from './fakes';

const registration = { username: 'jane', email: 'jane@example.test', password: 'secret1', gender: 'female' as const };
const client = { sourceIp: '203.0.113.7' };

describe('identity use cases', () => {
  let world: FakeWorld;
  let registrations: Registration;
  let signIn: SignIn;
  let verification: EmailVerification;

  beforeEach(() => {
    world = new FakeWorld();
    ({ registration: registrations, signIn, verification } = world.useCases());
  });

  describe('register', () => {
    it('creates the user, claims the email, signs in and emails the first code', async () => {
      const session = await registrations.register(registration, client);
      expect(session.user).toEqual({
        username: 'jane',
        email: 'jane@example.test',
        emailVerified: false,
        gender: 'female',
        groups: [],
        admin: false,
        manageProducts: false,
      });
      expect(session.cookies.map((c) => c.split('=')[0])).toEqual(['AccessToken', 'IdToken', 'RefreshToken']);
      expect(world.claims.get('jane@example.test')).toMatchObject({ username: 'jane', status: 'active' });
      expect(world.sent).toHaveLength(1);
      expect(world.sent[0].to).toBe('jane@example.test');
    });

    it('refuses a taken username with USERNAME_TAKEN and leaves the email free', async () => {
      world.addUser({ username: 'jane' });
      await expect(
        errorOf(registrations.register({ ...registration, email: 'other@example.test' }, client)),
      ).resolves.toEqual({ status: 409, code: 'USERNAME_TAKEN' });
      expect(world.claims.has('other@example.test')).toBe(false);
    });

    it('refuses a taken email with EMAIL_TAKEN without creating the user', async () => {
      world.claims.set('jane@example.test', { username: 'someone', status: 'active' });
      await expect(errorOf(registrations.register(registration, client))).resolves.toEqual({
        status: 409,
        code: 'EMAIL_TAKEN',
      });
      expect(world.users.has('jane')).toBe(false);
    });

    it('gives the email claim back when the username is taken at sign-up (a race lost)', async () => {
      const parts = world.parts();
      parts.users.exists = async () => false; // the other registration lands between the check and SignUp
      world.addUser({ username: 'jane' });
      registrations = world.useCases(parts).registration;
      await expect(errorOf(registrations.register(registration, client))).resolves.toEqual({
        status: 409,
        code: 'USERNAME_TAKEN',
      });
      expect(world.claims.has('jane@example.test')).toBe(false);
    });

    it('gives the email claim back when sign-up fails unexpectedly', async () => {
      world.failSignUpWith = new Error('Cognito is down');
      await expect(registrations.register(registration, client)).rejects.toThrow('Cognito is down');
      expect(world.claims.has('jane@example.test')).toBe(false);
    });

    it('deletes the user and releases the email when a step after the user’s creation fails', async () => {
      world.failSignInWith = new Error('Cognito is down');
      await expect(registrations.register(registration, client)).rejects.toThrow('Cognito is down');
      expect(world.removed).toEqual(['jane']);
      expect(world.users.has('jane')).toBe(false);
      expect(world.claims.has('jane@example.test')).toBe(false);
      world.failSignInWith = undefined;
      await expect(registrations.register(registration, client)).resolves.toMatchObject({ user: { username: 'jane' } });
    });

    it('claims an email once whatever its Unicode form: composed and decomposed é are one address', async () => {
      await registrations.register({ ...registration, email: 'Jos\u00e9@Example.TEST' }, client);
      expect([...world.claims.keys()]).toContain('jos\u00e9@example.test');
      await expect(
        errorOf(
          registrations.register({ ...registration, username: 'copycat', email: 'jose\u0301@example.test' }, client),
        ),
      ).resolves.toEqual({
        status: 409,
        code: 'EMAIL_TAKEN',
      });
    });

    it('lets the owner register an address someone else registered but never verified, once a day has passed', async () => {
      await registrations.register({ ...registration, username: 'squatter' }, client);
      world.nowMs += 23 * 3600 * 1000;
      await expect(errorOf(registrations.register({ ...registration, username: 'owner' }, client))).resolves.toEqual({
        status: 409,
        code: 'EMAIL_TAKEN',
      });
      world.nowMs += 3600 * 1000 + 1000;
      await expect(registrations.register({ ...registration, username: 'owner' }, client)).resolves.toMatchObject({
        user: { username: 'owner' },
      });
      // Login by email now finds the owner, and the squatter can no longer prove the address.
      await expect(
        signIn.login({ identity: registration.email, password: registration.password }),
      ).resolves.toMatchObject({ user: { username: 'owner' } });
      world.nowMs += 61_000;
      await verification.sendCode('squatter');
      await expect(errorOf(verification.verifyCode('squatter', world.lastCode()))).resolves.toEqual({
        status: 409,
        code: 'EMAIL_TAKEN',
      });
    });

    it('keeps a verified address for good', async () => {
      await registrations.register(registration, client);
      await verification.verifyCode('jane', world.lastCode());
      world.nowMs += 30 * 86400 * 1000;
      await expect(errorOf(registrations.register({ ...registration, username: 'late' }, client))).resolves.toEqual({
        status: 409,
        code: 'EMAIL_TAKEN',
      });
    });

    it('lets a verified owner take over an unverified claim whose window is over', async () => {
      world.addUser({ username: 'owner', email: 'jane@example.test' });
      await registrations.register({ ...registration, username: 'squatter' }, client);
      world.nowMs += 86400 * 1000 + 61_000;
      await verification.sendCode('owner');
      await verification.verifyCode('owner', world.lastCode());
      expect(world.claims.get('jane@example.test')).toMatchObject({ username: 'owner', verified: true });
    });

    it('limits registrations per address: the 6th attempt within an hour is 429 RATE_LIMITED', async () => {
      await registrations.register(registration, client);
      for (let i = 0; i < 4; i++) {
        await expect(
          errorOf(registrations.register({ ...registration, username: `jane${i}` }, { sourceIp: `198.51.100.${i}` })),
        ).resolves.toEqual({ status: 409, code: 'EMAIL_TAKEN' });
      }
      await expect(
        errorOf(registrations.register({ ...registration, username: 'jane9' }, { sourceIp: '198.51.100.9' })),
      ).resolves.toEqual({ status: 429, code: 'RATE_LIMITED' });
      world.nowMs += 3600 * 1000;
      await expect(
        errorOf(registrations.register({ ...registration, username: 'jane9' }, { sourceIp: '198.51.100.9' })),
      ).resolves.toEqual({ status: 409, code: 'EMAIL_TAKEN' });
    });

    it('limits registrations per client (source IP), whatever the addresses', async () => {
      registrations = world.useCases({
        ...world.parts(),
        registrationLimits: { perAddress: 5, perClient: 3, windowSeconds: 3600 },
      }).registration;
      for (let i = 0; i < 3; i++)
        await registrations.register({ ...registration, username: `user${i}`, email: `user${i}@example.test` }, client);
      await expect(
        errorOf(registrations.register({ ...registration, username: 'user3', email: 'user3@example.test' }, client)),
      ).resolves.toEqual({ status: 429, code: 'RATE_LIMITED' });
      expect(world.users.has('user3')).toBe(false);
      await expect(
        registrations.register(
          { ...registration, username: 'user3', email: 'user3@example.test' },
          { sourceIp: '198.51.100.1' },
        ),
      ).resolves.toBeDefined();
    });

    it('still registers when the first email cannot be sent', async () => {
      const parts = world.parts();
      parts.mailer = { send: async () => Promise.reject(new Error('SES refused')) };
      await expect(world.useCases(parts).registration.register(registration, client)).resolves.toMatchObject({
        user: { username: 'jane' },
      });
    });
  });
});
