import type { EmailVerification } from '../../src/email-verification';
import type { Registration } from '../../src/registration';
import { errorOf, FakeWorld } from './fakes';

const registration = { username: 'jane', email: 'jane@example.test', password: 'secret1', gender: 'female' as const };
const client = { sourceIp: '203.0.113.7' };

describe('identity use cases', () => {
  let world: FakeWorld;
  let registrations: Registration;
  let verification: EmailVerification;

  beforeEach(() => {
    world = new FakeWorld();
    ({ registration: registrations, verification } = world.useCases());
  });

  describe('email verification', () => {
    beforeEach(async () => {
      await registrations.register(registration, client);
      world.nowMs += 61_000;
    });

    it('marks the email verified with the emailed code, once', async () => {
      await verification.sendCode('jane');
      const code = world.lastCode();
      await verification.verifyCode('jane', code);
      expect(world.users.get('jane')!.emailVerified).toBe(true);
      await expect(errorOf(verification.verifyCode('jane', code))).resolves.toEqual({
        status: 400,
        code: 'CODE_EXPIRED',
      });
    });

    it('refuses a wrong code with CODE_MISMATCH', async () => {
      await verification.sendCode('jane');
      const wrong = world.lastCode() === '000000' ? '000001' : '000000';
      await expect(errorOf(verification.verifyCode('jane', wrong))).resolves.toEqual({
        status: 400,
        code: 'CODE_MISMATCH',
      });
    });

    it('refuses an expired code with CODE_EXPIRED', async () => {
      await verification.sendCode('jane');
      world.nowMs += 15 * 60 * 1000;
      await expect(errorOf(verification.verifyCode('jane', world.lastCode()))).resolves.toEqual({
        status: 400,
        code: 'CODE_EXPIRED',
      });
      expect(world.users.get('jane')!.emailVerified).toBe(false);
    });

    it('locks the code after five wrong tries, then refuses even the right one with 429', async () => {
      await verification.sendCode('jane');
      const code = world.lastCode();
      const wrong = code === '000000' ? '000001' : '000000';
      for (let i = 0; i < 5; i += 1)
        await expect(errorOf(verification.verifyCode('jane', wrong))).resolves.toEqual({
          status: 400,
          code: 'CODE_MISMATCH',
        });
      await expect(errorOf(verification.verifyCode('jane', code))).resolves.toEqual({
        status: 429,
        code: 'CODE_LOCKED',
      });
      expect(world.users.get('jane')!.emailVerified).toBe(false);
    });

    it('rate-limits sends: one a minute', async () => {
      await verification.sendCode('jane');
      await expect(errorOf(verification.sendCode('jane'))).resolves.toEqual({ status: 429, code: 'RATE_LIMITED' });
      world.nowMs += 60_000;
      await expect(verification.sendCode('jane')).resolves.toBeUndefined();
    });

    it('treats a send that lost the conditional write to a concurrent one as rate limited', async () => {
      const parts = world.parts();
      parts.codes.saveIssued = async () => false;
      await expect(errorOf(world.useCases(parts).verification.sendCode('jane'))).resolves.toEqual({
        status: 429,
        code: 'RATE_LIMITED',
      });
      expect(world.sent).toHaveLength(1); // only the registration email
    });
  });
});
