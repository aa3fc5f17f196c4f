import { type SesMailer } from '@estore/core/email';
import { type EventDetail } from '@estore/core/events';
import { logger } from '@estore/core/logger';
import { type OrderRepository } from '@estore/core/order';
import { confirmationEmail } from './domain/confirmation-email';
import type { UserEmails } from './repositories/user-emails';

/** Long enough for one send; a crashed sender's claim lapses after it, so a retry can send. */
const SEND_LEASE_MS = 60_000;

/**
 * Sends the confirmation of a paid order exactly once however often `OrderPaid` arrives: a
 * delivery first claims the order's confirmation (conditional write), and marks it sent after
 * SES accepted it. Only a crash between SES accepting and the mark can send twice.
 */
export class OrderConfirmation {
  constructor(
    private readonly orders: Pick<
      OrderRepository,
      'claimConfirmation' | 'releaseConfirmation' | 'markConfirmationSent'
    >,
    private readonly users: Pick<UserEmails, 'emailOf'>,
    private readonly mailer: Pick<SesMailer, 'send'>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async send(order: EventDetail): Promise<'sent' | 'already-sent' | 'no-email'> {
    if (!(await this.orders.claimConfirmation(order.orderId, this.now(), SEND_LEASE_MS))) return 'already-sent';
    let to: string | undefined;
    try {
      to = await this.users.emailOf(order.user);
      if (to) await this.mailer.send(confirmationEmail(order, to));
    } catch (error) {
      // Nothing was sent: give the claim back so the retry sends at once.
      await this.orders.releaseConfirmation(order.orderId).catch(() => undefined);
      throw error;
    }
    // Sent: if this mark fails, the claim lapses and a retry could send again; never release it here.
    await this.orders.markConfirmationSent(order.orderId, this.now());
    if (!to) logger.warn('paid order of a user with no email address', { orderId: order.orderId, user: order.user });
    return to ? 'sent' : 'no-email';
  }
}
