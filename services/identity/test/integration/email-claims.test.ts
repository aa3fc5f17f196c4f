import { createDynamoDbDocumentClient } from '@estore/core/aws';
import { requireEnv } from '@estore/core/config';
import { uniqueName } from '@estore/testkit';
import { identityTableName } from '../../src/config';
import {
  EmailClaimRepository,
  STALE_CLAIM_SECONDS,
  UNVERIFIED_CLAIM_SECONDS,
} from '../../src/repositories/email-claims';
import { RateLimitRepository } from '../../src/repositories/rate-limits';

const db = createDynamoDbDocumentClient();
const claims = new EmailClaimRepository(db, identityTableName(requireEnv('STAGE')));
const limits = new RateLimitRepository(db, identityTableName(requireEnv('STAGE')));
const now = Math.floor(Date.now() / 1000);
const email = () => `${uniqueName('claim')}@example.test`;

describe('email claims in DynamoDB Local', () => {
  it('refuses a second claim on a pending registration and on a registered email within its unverified window', async () => {
    const address = email();
    await expect(claims.claim(address, 'first', now)).resolves.toBe('claimed');
    await expect(claims.claim(address, 'second', now)).resolves.toBe('taken');
    await claims.activate(address, 'first', now);
    await expect(claims.claim(address, 'third', now + 10 * STALE_CLAIM_SECONDS)).resolves.toBe('taken');
  });

  it('lets a registration that died half way be taken over once its claim is stale', async () => {
    const address = email();
    await expect(claims.claim(address, 'crashed', now - STALE_CLAIM_SECONDS - 1)).resolves.toBe('claimed');
    await expect(claims.claim(address, 'next', now)).resolves.toBe('claimed');
    await expect(claims.usernameFor(address, now)).resolves.toBe('next');
  });

  it('frees an unverified address after its window even before TTL deletes the item, but never a verified one', async () => {
    const squatted = email();
    await claims.claim(squatted, 'squatter', now);
    await claims.activate(squatted, 'squatter', now);
    const later = now + UNVERIFIED_CLAIM_SECONDS + 1;
    await expect(claims.usernameFor(squatted, later)).resolves.toBeUndefined();
    await expect(claims.claim(squatted, 'owner', later)).resolves.toBe('claimed');

    const proven = email();
    await claims.claim(proven, 'owner', now);
    await claims.activate(proven, 'owner', now);
    await expect(claims.confirm(proven, 'owner', now)).resolves.toBe(true);
    await expect(claims.claim(proven, 'late', now + 365 * 86400)).resolves.toBe('taken');
    await expect(claims.usernameFor(proven, now + 365 * 86400)).resolves.toBe('owner');
  });

  it('lets a verified owner take over an expired unverified claim, and nobody take a live one', async () => {
    const address = email();
    await claims.claim(address, 'squatter', now);
    await claims.activate(address, 'squatter', now);
    await expect(claims.confirm(address, 'owner', now + 60)).resolves.toBe(false);
    await expect(claims.confirm(address, 'owner', now + UNVERIFIED_CLAIM_SECONDS + 1)).resolves.toBe(true);
    await expect(claims.confirm(address, 'squatter', now + UNVERIFIED_CLAIM_SECONDS + 2)).resolves.toBe(false);
  });

  it('treats emails case-insensitively and Unicode forms as one', async () => {
    const address = email();
    await claims.claim(address, 'someone', now);
    await expect(claims.claim(address.toUpperCase(), 'other', now)).resolves.toBe('taken');
    const accented = `${uniqueName('jos')}\u00e9@example.test`;
    await claims.claim(accented, 'someone', now);
    await expect(claims.claim(accented.normalize('NFD'), 'other', now)).resolves.toBe('taken');
  });

  it('releases only the claimant’s own unverified claim', async () => {
    const address = email();
    await claims.claim(address, 'owner', now);
    await claims.release(address, 'stranger');
    await expect(claims.usernameFor(address, now)).resolves.toBe('owner');
    await claims.confirm(address, 'owner', now);
    await claims.release(address, 'owner');
    await expect(claims.usernameFor(address, now)).resolves.toBe('owner');
  });
});

describe('rate-limit counters in DynamoDB Local', () => {
  it('lets exactly `max` of many simultaneous hits through in one window, and opens the next window', async () => {
    const key = uniqueName('rl-');
    const results = await Promise.all(Array.from({ length: 12 }, () => limits.hit(key, 5, 3600, now)));
    expect(results.filter(Boolean)).toHaveLength(5);
    await expect(limits.hit(key, 5, 3600, now - (now % 3600) + 3600)).resolves.toBe(true);
  });
});
