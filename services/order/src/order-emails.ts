import { retry } from '@estore/core/aws';
import type { SesMailer } from '@estore/core/email';
import type { EventDetail } from '@estore/core/events';
import { logger } from '@estore/core/logger';
import type { OrderRecord, OrderRepository } from '@estore/core/order';
import { type EmailedOrderEvent, owedEmail } from './domain/event-emails';
import type { UserEmails } from './repositories/user-emails';

/** Long enough for one send; a crashed sender's claim lapses after it, so a retry can send. */
const SEND_LEASE_MS = 60_000;

export interface OrderEmailsDependencies {
  orders: Pick<OrderRepository, 'claimEmail' | 'markEmailSent' | 'releaseEmail'> & {
    /** Which facts were sent, read when a claim is refused. */
    get(orderId: string): Promise<Pick<OrderRecord, 'emailsSent'> | undefined>;
  };
  users: Pick<UserEmails, 'emailOf'>;
  mailer: Pick<SesMailer, 'send'>;
  now?: () => Date;
}

export type EmailOutcome = 'sent' | 'already-sent' | 'no-email';

/** Attempts at noting an accepted email as sent before giving up (and logging) rather than failing. */
const MARK_ATTEMPTS = 4;

/** Another delivery holds the fact's claim and has not sent it yet: retry once its lease lapses. */
export class EmailInProgressError extends Error {
  constructor(orderId: string, fact: string) {
    super(`the ${fact} email of order ${orderId} is being sent by another delivery; retry later`);
    this.name = 'EmailInProgressError';
  }
}

/**
 * Emails the customer about their order (paid, shipped, canceled, refunded), each fact exactly
 * once however often its event arrives: a delivery first claims the fact on the order
 * (conditional write), and marks it sent after SES accepted it. A claim held by another delivery
 * that has not sent yet is not "sent": that delivery may have died, so this one fails and is
 * retried after the lease lapses (fault injection found the email lost otherwise). Once SES
 * accepted, the invocation never fails: a failed mark is retried in place, because failing would
 * make the event's retry send the email again. Only a crash between SES accepting and the mark
 * can send twice.
 */
export class OrderEmails {
  private readonly now: () => Date;

  constructor(private readonly deps: OrderEmailsDependencies) {
    this.now = deps.now ?? (() => new Date());
  }

  async send(event: EmailedOrderEvent, order: EventDetail): Promise<EmailOutcome> {
    // Decided before the claim: a malformed event fails without holding a lease.
    const { fact, render } = owedEmail(event, order);
    const { orders, users, mailer } = this.deps;
    if (!(await orders.claimEmail(order.orderId, fact, this.now(), SEND_LEASE_MS))) {
      if ((await orders.get(order.orderId))?.emailsSent?.[fact]) return 'already-sent';
      throw new EmailInProgressError(order.orderId, fact);
    }
    let to: string | undefined;
    try {
      to = await users.emailOf(order.user);
      if (to) await mailer.send(render(to));
    } catch (error) {
      // Nothing was sent: give the claim back so the retry sends at once.
      await orders.releaseEmail(order.orderId, fact).catch(() => undefined);
      throw error;
    }
    // Sent: never release the claim now, and never fail the invocation (its retry would send again).
    await retry(() => orders.markEmailSent(order.orderId, fact, this.now()), {
      attempts: MARK_ATTEMPTS,
      retryIf: () => true,
    }).catch((error: unknown) =>
      logger.error('email sent but not marked; its lease keeps a retry from sending it for a minute', {
        orderId: order.orderId,
        fact,
        error: error as Error,
      }),
    );
    if (!to)
      logger.warn('order email for a user with no email address', { orderId: order.orderId, user: order.user, fact });
    return to ? 'sent' : 'no-email';
  }
}
