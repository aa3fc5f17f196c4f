import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { createCognitoClient, createDynamoDbDocumentClient, createSesClient } from '@estore/core/aws';
import { requireEnv } from '@estore/core/config';
import { SesMailer } from '@estore/core/email';
import { AppError } from '@estore/core/errors';
import { rejectionOf, uniqueName, verificationCodeIn, waitForEmail } from '@estore/testkit';
import { identityTableName } from '../../src/config';
import { VERIFICATION_RULES } from '../../src/domain/verification';
import { EmailVerification } from '../../src/email-verification';
import { Registration } from '../../src/registration';
import { EmailClaimRepository } from '../../src/repositories/email-claims';
import { RateLimitRepository } from '../../src/repositories/rate-limits';
import { UserPoolRepository } from '../../src/repositories/user-pool';
import { VerificationCodeRepository } from '../../src/repositories/verification-codes';
import { Sessions } from '../../src/sessions';
import { SignIn } from '../../src/sign-in';

/** The use cases against cognito-local, DynamoDB Local (the table the service migrated) and the local SES. */
const db = createDynamoDbDocumentClient();
const tableName = identityTableName(requireEnv('STAGE'));
const users = new UserPoolRepository(
  createCognitoClient(),
  requireEnv('USER_POOL_ID'),
  requireEnv('USER_POOL_CLIENT_ID'),
);
let clockOffsetMs = 0;
/** A client of its own per run, so counters of earlier runs (the same table in `npm run dev`) do not count. */
const client = { sourceIp: uniqueName('ip-') };
const parts = {
  users,
  emailClaims: new EmailClaimRepository(db, tableName),
  codes: new VerificationCodeRepository(db, tableName),
  rateLimits: new RateLimitRepository(db, tableName),
  // Every test of this file registers from one client; the limits have their own tests.
  registrationLimits: { perAddress: 5, perClient: 1000, windowSeconds: 3600 },
  mailer: new SesMailer(createSesClient(), 'no-reply@estore.local'),
  cookies: { refreshTokenMaxAgeSeconds: 30 * 86400 },
  now: () => Date.now() + clockOffsetMs,
  rules: VERIFICATION_RULES,
};
const verification = new EmailVerification(parts);
const sessions = new Sessions(parts);
const signIn = new SignIn(parts);
const registration = new Registration({ ...parts, verification });
/** The use cases, by the names the flows below call them. */
const identity = {
  register: registration.register.bind(registration),
  login: signIn.login.bind(signIn),
  refresh: sessions.refresh.bind(sessions),
  logout: sessions.logout.bind(sessions),
  sendCode: verification.sendCode.bind(verification),
  verifyCode: verification.verifyCode.bind(verification),
};

const cookie = (cookies: string[], name: string) =>
  cookies
    .find((c) => c.startsWith(`${name}=`))
    ?.split(';')[0]
    .slice(name.length + 1);

async function failure(promise: Promise<unknown>): Promise<[number, string]> {
  const error = await rejectionOf(promise, AppError);
  return [error.status, error.code];
}

function newUser() {
  const username = uniqueName('iid_');
  return { username, email: `${username}@example.test`, password: 'secret1', gender: 'other' as const };
}

const otherDigits = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

beforeEach(() => {
  clockOffsetMs = 0;
});

jest.setTimeout(20_000);

describe('identity against the local emulators', () => {
  it('registers, emails a code that verifies the email, logs in by email, refreshes, logs out and revokes', async () => {
    const input = newUser();
    const registered = await identity.register(input, client);
    expect(registered.user).toMatchObject({
      username: input.username,
      email: input.email,
      emailVerified: false,
      groups: [],
    });

    const email = await waitForEmail(input.email);
    expect(email.from).toBe('no-reply@estore.local');
    await identity.verifyCode(input.username, verificationCodeIn(email));
    await expect(users.profile(input.username)).resolves.toMatchObject({ emailVerified: true });

    const session = await identity.login({ identity: input.email, password: input.password });
    expect(session.user).toMatchObject({ username: input.username, emailVerified: true });
    const refreshToken = cookie(session.cookies, 'RefreshToken')!;
    expect(refreshToken).toBeTruthy();

    const refreshed = await identity.refresh(refreshToken);
    expect(refreshed.user.username).toBe(input.username);
    expect(cookie(refreshed.cookies, 'AccessToken')).toBeTruthy();

    const cleared = await identity.logout(refreshToken);
    expect(cleared.every((c) => c.includes('Max-Age=0'))).toBe(true);
    await expect(failure(identity.refresh(refreshToken))).resolves.toEqual([401, 'UNAUTHENTICATED']);
  });

  it('sets cookie lifetimes from the tokens themselves', async () => {
    const { cookies } = await identity.register(newUser(), client);
    const maxAge = (name: string) => Number(/Max-Age=(\d+)/.exec(cookies.find((c) => c.startsWith(`${name}=`))!)![1]);
    const exp = JSON.parse(Buffer.from(cookie(cookies, 'AccessToken')!.split('.')[1], 'base64url').toString())
      .exp as number;
    expect(Math.abs(maxAge('AccessToken') - (exp - Date.now() / 1000))).toBeLessThan(5);
    expect(maxAge('RefreshToken')).toBe(30 * 86400);
  });

  it('refuses a taken username and a taken email with 409', async () => {
    const first = newUser();
    await identity.register(first, client);
    await expect(failure(identity.register({ ...newUser(), username: first.username }, client))).resolves.toEqual([
      409,
      'USERNAME_TAKEN',
    ]);
    await expect(failure(identity.register({ ...newUser(), email: first.email }, client))).resolves.toEqual([
      409,
      'EMAIL_TAKEN',
    ]);
  });

  it('lets exactly one of two simultaneous registrations with the same email win', async () => {
    const email = `${uniqueName('race')}@example.test`;
    const results = await Promise.allSettled([
      identity.register({ ...newUser(), email }, client),
      identity.register({ ...newUser(), email }, client),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const loser = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((loser.reason as AppError).code).toBe('EMAIL_TAKEN');
  });

  it('gives the email back when the same username wins a race elsewhere, so it can be registered again', async () => {
    const username = uniqueName('iid_');
    const results = await Promise.allSettled([
      identity.register({ ...newUser(), username }, client),
      identity.register({ ...newUser(), username, email: `${username}-b@example.test` }, client),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lostEmail = results[0].status === 'rejected' ? `${username}@example.test` : `${username}-b@example.test`;
    expect(((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason as AppError).code).toBe(
      'USERNAME_TAKEN',
    );
    await expect(identity.register({ ...newUser(), email: lostEmail }, client)).resolves.toMatchObject({
      user: { email: lostEmail },
    });
  });

  it('answers an unknown user, an unknown email and a wrong password with the same 401', async () => {
    const input = newUser();
    await identity.register(input, client);
    const answers = await Promise.all([
      failure(identity.login({ identity: uniqueName('ghost'), password: input.password })),
      failure(identity.login({ identity: `${uniqueName('ghost')}@example.test`, password: input.password })),
      failure(identity.login({ identity: input.username, password: 'wrong-password' })),
      failure(identity.login({ identity: input.email, password: 'wrong-password' })),
    ]);
    expect(answers).toEqual(Array(4).fill([401, 'INVALID_CREDENTIALS']));
  });

  it('rate-limits code emails: a second request within a minute is refused, after a minute a new code arrives', async () => {
    const input = newUser();
    await identity.register(input, client); // sends the first code
    await waitForEmail(input.email, 1);
    await expect(failure(identity.sendCode(input.username))).resolves.toEqual([429, 'RATE_LIMITED']);
    clockOffsetMs = 61_000;
    await identity.sendCode(input.username);
    const second = await waitForEmail(input.email, 2);
    // Only the newest code works.
    await identity.verifyCode(input.username, verificationCodeIn(second));
    await expect(users.profile(input.username)).resolves.toMatchObject({ emailVerified: true });
  });

  it('allows at most five code emails an hour', async () => {
    const input = newUser();
    await identity.register(input, client);
    for (let minute = 1; minute <= 4; minute += 1) {
      clockOffsetMs = minute * 61_000;
      await identity.sendCode(input.username);
    }
    clockOffsetMs = 10 * 61_000;
    await expect(failure(identity.sendCode(input.username))).resolves.toEqual([429, 'RATE_LIMITED']);
    clockOffsetMs = 61 * 60_000;
    await expect(identity.sendCode(input.username)).resolves.toBeUndefined();
  });

  it('keeps only a hash of the code, with an expiry the table can use as TTL', async () => {
    const input = newUser();
    await identity.register(input, client);
    const code = verificationCodeIn(await waitForEmail(input.email));
    const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: { pk: `VERIFY#${input.username}` } }));
    expect(JSON.stringify(Item)).not.toContain(code);
    expect(Item).toMatchObject({
      attempts: 0,
      codeHash: expect.any(String),
      expiresAt: expect.any(Number),
      ttl: expect.any(Number),
    });
  });

  it('refuses a wrong code and an expired code, and the email stays unverified', async () => {
    const input = newUser();
    await identity.register(input, client);
    const code = verificationCodeIn(await waitForEmail(input.email));
    await expect(failure(identity.verifyCode(input.username, otherDigits(code)))).resolves.toEqual([
      400,
      'CODE_MISMATCH',
    ]);
    clockOffsetMs = 15 * 60_000 + 1000;
    await expect(failure(identity.verifyCode(input.username, code))).resolves.toEqual([400, 'CODE_EXPIRED']);
    await expect(users.profile(input.username)).resolves.toMatchObject({ emailVerified: false });
  });

  it('locks the code after five wrong tries, even when guesses arrive all at once', async () => {
    const input = newUser();
    await identity.register(input, client);
    const code = verificationCodeIn(await waitForEmail(input.email));
    const guesses = await Promise.all(
      Array.from({ length: 12 }, () => failure(identity.verifyCode(input.username, otherDigits(code)))),
    );
    expect(guesses.filter(([, c]) => c === 'CODE_MISMATCH')).toHaveLength(5);
    expect(guesses.filter(([status, c]) => status === 429 && c === 'CODE_LOCKED')).toHaveLength(7);
    await expect(failure(identity.verifyCode(input.username, code))).resolves.toEqual([429, 'CODE_LOCKED']);
    // A new code (after the cooldown) starts over.
    clockOffsetMs = 61_000;
    await identity.sendCode(input.username);
    await identity.verifyCode(input.username, verificationCodeIn(await waitForEmail(input.email, 2)));
    await expect(users.profile(input.username)).resolves.toMatchObject({ emailVerified: true });
  });
});
