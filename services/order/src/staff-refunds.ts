import { logger } from '@estore/core/logger';
import type { OrderLifecycle, OrderRefunds, Refund, RefundRequestInput } from '@estore/core/order';

export interface StaffRefundsDependencies {
  refunds: Pick<OrderRefunds, 'request'>;
  lifecycle: Pick<OrderLifecycle, 'settle'>;
}

/**
 * Staff's refund of part or all of a paid order. The refund is recorded (within the amount paid,
 * atomically) and sent by OrderRefunds; then the order is settled (an `OrderRefunded` owed by a
 * refund the provider settled at once is published, the due index updated). That settle is best
 * effort: the order is already in the due index, so the sweep finishes it if this one fails.
 */
export class StaffRefunds {
  constructor(private readonly deps: StaffRefundsDependencies) {}

  async refund(orderId: string, input: RefundRequestInput): Promise<Refund> {
    const refund = await this.deps.refunds.request(orderId, input);
    try {
      await this.deps.lifecycle.settle(orderId);
    } catch (error) {
      logger.warn('order not settled after a refund; the sweep finishes it', {
        orderId,
        refundId: refund.refundId,
        error: error as Error,
      });
    }
    return refund;
  }
}
