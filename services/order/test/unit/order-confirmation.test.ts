import type { Email } from '@estore/core/email';
import type { OrderRepository } from '@estore/core/order';
import { OrderConfirmation } from '../../src/order-confirmation';
import type { UserEmails } from '../../src/repositories/user-emails';
import { ORDER_ID, paidOrder } from './fixtures';

const NOW = new Date('2026-03-01T12:00:00.000Z');

/** The order's confirmation flags, with the repository's contract: one claim at a time, none once sent. */
class FakeConfirmations {
  leaseUntil?: number;
  sentAt?: string;
  releases = 0;

  async claimConfirmation(_orderId: string, now: Date, leaseMs: number): Promise<boolean> {
    if (this.sentAt || (this.leaseUntil !== undefined && this.leaseUntil >= now.getTime())) return false;
    this.leaseUntil = now.getTime() + leaseMs;
    return true;
  }

  async markConfirmationSent(_orderId: string, now: Date): Promise<void> {
    this.sentAt = now.toISOString();
    this.leaseUntil = undefined;
  }

  async releaseConfirmation(): Promise<void> {
    this.releases += 1;
    this.leaseUntil = undefined;
  }
}

describe('OrderConfirmation', () => {
  let orders: FakeConfirmations;
  let sent: Email[];
  let failSes: Error | undefined;
  let emailOf: jest.Mock<Promise<string | undefined>, [string]>;
  let confirmation: OrderConfirmation;

  beforeEach(() => {
    orders = new FakeConfirmations();
    sent = [];
    failSes = undefined;
    emailOf = jest.fn<Promise<string | undefined>, [string]>(async () => 'alice@example.test');
    confirmation = new OrderConfirmation(
      orders as unknown as OrderRepository,
      { emailOf } as unknown as UserEmails,
      {
        send: async (email) => {
          if (failSes) throw failSes;
          sent.push(email);
        },
      },
      () => NOW,
    );
  });

  it('sends the confirmation once and marks it sent', async () => {
    await expect(confirmation.send(paidOrder())).resolves.toBe('sent');

    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ to: 'alice@example.test', subject: `Your E-Store order ${ORDER_ID} is confirmed` });
    expect(emailOf).toHaveBeenCalledWith('alice');
    expect(orders.sentAt).toBe(NOW.toISOString());
  });

  it("answers 'already-sent' to a second delivery of the same event and sends nothing", async () => {
    await confirmation.send(paidOrder());

    await expect(confirmation.send(paidOrder())).resolves.toBe('already-sent');

    expect(sent).toHaveLength(1);
  });

  it('releases the claim and rethrows when SES fails, so the retry can send', async () => {
    failSes = new Error('SES throttled');

    await expect(confirmation.send(paidOrder())).rejects.toBe(failSes);
    expect(orders.releases).toBe(1);
    expect(orders.sentAt).toBeUndefined();

    failSes = undefined;
    await expect(confirmation.send(paidOrder())).resolves.toBe('sent');
    expect(sent).toHaveLength(1);
  });

  it('marks a user without an email address as done rather than retrying forever', async () => {
    emailOf.mockResolvedValueOnce(undefined);

    await expect(confirmation.send(paidOrder())).resolves.toBe('no-email');

    expect(sent).toEqual([]);
    expect(orders.sentAt).toBe(NOW.toISOString());
  });
});
