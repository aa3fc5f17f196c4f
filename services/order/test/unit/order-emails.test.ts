import type { Email } from '@estore/core/email';
import type { EventDetail } from '@estore/core/events';
import type { OrderRecord } from '@estore/core/order';
import type { EmailedOrderEvent } from '../../src/domain/event-emails';
import { EmailInProgressError, OrderEmails } from '../../src/order-emails';
import { canceledOrder, REFUND_ID, refundedOrder, shippedOrder } from './email-fixtures';
import { ORDER_ID, paidOrder } from './fixtures';

const NOW = new Date('2026-03-01T12:00:00.000Z');

/** The order's email facts, with the repository's contract: one claim per fact at a time, none once sent. */
class FakeEmailFacts {
  leases = new Map<string, number>();
  sent = new Map<string, string>();
  releases: string[] = [];

  async claimEmail(orderId: string, fact: string, now: Date, leaseMs: number): Promise<boolean> {
    const key = `${orderId}/${fact}`;
    const lease = this.leases.get(key);
    if (this.sent.has(key) || (lease !== undefined && lease >= now.getTime())) return false;
    this.leases.set(key, now.getTime() + leaseMs);
    return true;
  }

  async markEmailSent(orderId: string, fact: string, now: Date): Promise<void> {
    if (this.markFailures > 0) {
      this.markFailures -= 1;
      throw new Error('ProvisionedThroughputExceededException');
    }
    this.sent.set(`${orderId}/${fact}`, now.toISOString());
    this.leases.delete(`${orderId}/${fact}`);
  }

  async releaseEmail(orderId: string, fact: string): Promise<void> {
    this.releases.push(fact);
    this.leases.delete(`${orderId}/${fact}`);
  }

  /** The order as the use case reads it when a claim is refused: which facts were sent. */
  async get(orderId: string): Promise<Pick<OrderRecord, 'emailsSent'>> {
    const prefix = `${orderId}/`;
    return {
      emailsSent: Object.fromEntries(
        [...this.sent].filter(([key]) => key.startsWith(prefix)).map(([key, at]) => [key.slice(prefix.length), at]),
      ),
    };
  }

  /** Marks fail this many times before one lands. */
  markFailures = 0;
}

describe('OrderEmails', () => {
  let orders: FakeEmailFacts;
  let outbox: Email[];
  let failSes: Error | undefined;
  let addresses: Record<string, string>;
  let lookups: string[];
  let emails: OrderEmails;

  beforeEach(() => {
    orders = new FakeEmailFacts();
    outbox = [];
    failSes = undefined;
    addresses = { alice: 'alice@example.test' };
    lookups = [];
    emails = new OrderEmails({
      orders,
      users: {
        emailOf: async (user) => {
          lookups.push(user);
          return addresses[user];
        },
      },
      mailer: {
        send: async (email) => {
          if (failSes) throw failSes;
          outbox.push(email);
        },
      },
      now: () => NOW,
    });
  });

  it.each<[EmailedOrderEvent, string, EventDetail, string]>([
    ['OrderPaid', 'confirmation', paidOrder(), 'is confirmed'],
    ['OrderShipped', 'shipped', shippedOrder(), 'has shipped'],
    ['OrderCanceled', 'canceled', canceledOrder(), 'is canceled'],
    ['OrderRefunded', `refund:${REFUND_ID}`, refundedOrder(), 'A refund for'],
  ])('sends the %s email to the customer and marks its fact %s sent', async (event, fact, detail, subject) => {
    await expect(emails.send(event, detail)).resolves.toBe('sent');

    expect(outbox).toHaveLength(1);
    expect(outbox[0]?.to).toBe('alice@example.test');
    expect(outbox[0]?.subject).toContain(subject);
    expect(lookups).toEqual(['alice']);
    expect(orders.sent.get(`${ORDER_ID}/${fact}`)).toBe(NOW.toISOString());
    expect(orders.leases.size).toBe(0);
  });

  it("answers 'already-sent' to a second delivery of the same event and sends nothing", async () => {
    await emails.send('OrderShipped', shippedOrder());

    await expect(emails.send('OrderShipped', shippedOrder())).resolves.toBe('already-sent');

    expect(outbox).toHaveLength(1);
    expect(lookups).toEqual(['alice']);
  });

  it('sends nothing while another delivery holds the claim, and fails so the event is retried (that delivery may have died)', async () => {
    await orders.claimEmail(ORDER_ID, 'canceled', NOW, 60_000);

    await expect(emails.send('OrderCanceled', canceledOrder())).rejects.toThrow(EmailInProgressError);

    expect(outbox).toEqual([]);
  });

  it('never fails after SES accepted: a throttled mark is retried in place, so a retry sends nothing twice', async () => {
    orders.markFailures = 2;

    await expect(emails.send('OrderPaid', paidOrder())).resolves.toBe('sent');
    await expect(emails.send('OrderPaid', paidOrder())).resolves.toBe('already-sent');

    expect(outbox).toHaveLength(1);
  });

  it('sends each fact of one order once: paid, shipped and two refunds are four emails', async () => {
    const second = 'rf_0123456789abcdef0123456789abcdef_ffffffff';
    await emails.send('OrderPaid', paidOrder());
    await emails.send('OrderShipped', shippedOrder());
    await emails.send('OrderRefunded', refundedOrder());
    await emails.send('OrderRefunded', refundedOrder({ refundId: second, refundedAmount: 1000 }));
    await emails.send('OrderRefunded', refundedOrder());

    expect(outbox).toHaveLength(4);
    expect([...orders.sent.keys()]).toEqual(
      ['confirmation', 'shipped', `refund:${REFUND_ID}`, `refund:${second}`].map((fact) => `${ORDER_ID}/${fact}`),
    );
  });

  it('releases the claim and rethrows when SES fails, so the retry sends', async () => {
    failSes = new Error('SES throttled');

    await expect(emails.send('OrderRefunded', refundedOrder())).rejects.toBe(failSes);
    expect(orders.releases).toEqual([`refund:${REFUND_ID}`]);
    expect(orders.sent.size).toBe(0);

    failSes = undefined;
    await expect(emails.send('OrderRefunded', refundedOrder())).resolves.toBe('sent');
    expect(outbox).toHaveLength(1);
  });

  it('releases the claim and rethrows when the address cannot be read', async () => {
    const poolDown = new Error('Cognito throttled');
    emails = new OrderEmails({
      orders,
      users: {
        emailOf: async () => {
          throw poolDown;
        },
      },
      mailer: { send: async (email) => void outbox.push(email) },
      now: () => NOW,
    });

    await expect(emails.send('OrderPaid', paidOrder())).rejects.toBe(poolDown);

    expect(orders.releases).toEqual(['confirmation']);
    expect(outbox).toEqual([]);
  });

  it('marks the fact done for a customer with no email address rather than retrying forever', async () => {
    addresses = {};

    await expect(emails.send('OrderCanceled', canceledOrder())).resolves.toBe('no-email');

    expect(outbox).toEqual([]);
    expect(orders.sent.get(`${ORDER_ID}/canceled`)).toBe(NOW.toISOString());
    await expect(emails.send('OrderCanceled', canceledOrder())).resolves.toBe('already-sent');
    expect(lookups).toEqual(['alice']);
  });

  it('claims nothing for a malformed event, so it fails without holding a lease', async () => {
    await expect(emails.send('OrderShipped', shippedOrder({ shipment: undefined }))).rejects.toThrow(
      'Malformed event detail',
    );

    expect(orders.leases.size).toBe(0);
    expect(lookups).toEqual([]);
  });
});
