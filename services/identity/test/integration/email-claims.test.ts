import { createDynamoDbDocumentClient, requireEnv } from '@estore/core';
import { uniqueName } from '@estore/testkit';
import { identityTableName } from '../../src/config';
import { EmailClaimRepository, STALE_CLAIM_SECONDS } from '../../src/repositories/email-claims';

const claims = new EmailClaimRepository(createDynamoDbDocumentClient(), identityTableName(requireEnv('STAGE')));
const now = Math.floor(Date.now() / 1000);
const email = () => `${uniqueName('claim')}@example.test`;

describe('email claims in DynamoDB Local', () => {
  it('refuses a second claim on a pending registration and on a registered email', async () => {
    const address = email();
    await expect(claims.claim(address, 'first', now)).resolves.toBe('claimed');
    await expect(claims.claim(address, 'second', now)).resolves.toBe('taken');
    await claims.activate(address, 'first');
    await expect(claims.claim(address, 'third', now + 10 * STALE_CLAIM_SECONDS)).resolves.toBe('taken');
  });

  it('lets a registration that died half way be taken over once its claim is stale', async () => {
    const address = email();
    await expect(claims.claim(address, 'crashed', now - STALE_CLAIM_SECONDS - 1)).resolves.toBe('claimed');
    await expect(claims.claim(address, 'next', now)).resolves.toBe('claimed');
    await expect(claims.usernameFor(address)).resolves.toBe('next');
  });

  it('treats emails case-insensitively', async () => {
    const address = email();
    await claims.claim(address, 'someone', now);
    await expect(claims.claim(address.toUpperCase(), 'other', now)).resolves.toBe('taken');
  });

  it('releases only the claimant’s own pending claim', async () => {
    const address = email();
    await claims.claim(address, 'owner', now);
    await claims.release(address, 'stranger');
    await expect(claims.usernameFor(address)).resolves.toBe('owner');
    await claims.activate(address, 'owner');
    await claims.release(address, 'owner');
    await expect(claims.usernameFor(address)).resolves.toBe('owner');
  });
});
