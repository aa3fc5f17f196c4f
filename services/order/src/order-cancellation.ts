import { NotFoundError } from '@estore/core/errors';
import { logger } from '@estore/core/logger';
import { type Order, type OrderRecord, UNPAID_STATUSES } from '@estore/core/order';
import type { PaymentProvider } from '@estore/core/payments';
import { type MoveOrderDependencies, moveOrder } from './move-order';

export interface OrderCancellationDependencies extends MoveOrderDependencies {
  /** Cancels an unpaid order's payment intent, so the customer cannot pay an order that no longer exists. */
  provider: () => Promise<Pick<PaymentProvider, 'cancelIntent'>>;
}

export type CancelRequest =
  /** The customer's own order only: another customer's is as missing as an unknown one (404). */
  { by: 'customer'; username: string } | { by: 'staff'; username: string; reason: string };

/**
 * Cancels an order before it ships, for its customer or for staff. The lifecycle does the cancel
 * itself in one transaction (stock back; a paid order's whole refund recorded and then sent).
 * Before that, an unpaid order's payment intent is canceled with the provider, best effort: if
 * the provider is down, or the payment is already on its way (`not-cancelable`), the order is
 * canceled all the same, and a payment that still arrives is refunded by the late-payment path.
 */
export class OrderCancellation {
  constructor(private readonly deps: OrderCancellationDependencies) {}

  async cancel(orderId: string, request: CancelRequest): Promise<Order> {
    const order = await this.deps.orders.get(orderId);
    if (!order || (request.by === 'customer' && order.user !== request.username)) {
      throw new NotFoundError('Order not found');
    }
    if (UNPAID_STATUSES.has(order.status)) await this.cancelIntent(order);
    return request.by === 'customer'
      ? moveOrder(this.deps, orderId, 'customer-cancel', { by: request.username })
      : moveOrder(this.deps, orderId, 'staff-cancel', { by: request.username, note: request.reason });
  }

  private async cancelIntent(order: OrderRecord): Promise<void> {
    if (!order.paymentIntentId) return;
    try {
      const outcome = await (await this.deps.provider()).cancelIntent(order.paymentIntentId);
      if (outcome === 'not-cancelable') {
        logger.warn('the payment intent can no longer be canceled; a payment that arrives is refunded', {
          orderId: order.orderId,
          paymentIntentId: order.paymentIntentId,
        });
      }
    } catch (error) {
      logger.warn('the payment intent could not be canceled; a payment that still arrives is refunded', {
        orderId: order.orderId,
        paymentIntentId: order.paymentIntentId,
        error: error as Error,
      });
    }
  }
}
