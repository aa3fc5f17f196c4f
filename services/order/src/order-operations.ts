import { NotFoundError } from '@estore/core/errors';
import { type Order, type Shipment, toOrder } from '@estore/core/order';
import { type MoveOrderDependencies, moveOrder } from './move-order';

export type ShipmentInput = Omit<Shipment, 'shippedAt' | 'deliveredAt' | 'trackingUrl'> & { trackingUrl?: string };

/** What order staff do to any order once it is paid: look at it, ship it, record its delivery. */
export class OrderOperations {
  constructor(private readonly deps: MoveOrderDependencies) {}

  /** Any customer's order, with its refunds and whole history. */
  async find(orderId: string): Promise<Order> {
    const order = await this.deps.orders.get(orderId);
    if (!order) throw new NotFoundError('Order not found');
    return toOrder(order);
  }

  /** PAID -> SHIPPED with the carrier's tracking (the customer is emailed from the `OrderShipped` event). */
  ship(orderId: string, by: string, { carrier, trackingNumber, trackingUrl }: ShipmentInput): Promise<Order> {
    return moveOrder(this.deps, orderId, 'ship', {
      by,
      shipment: { carrier, trackingNumber, trackingUrl: trackingUrl ?? null },
    });
  }

  /** SHIPPED -> DELIVERED. */
  deliver(orderId: string, by: string): Promise<Order> {
    return moveOrder(this.deps, orderId, 'deliver', { by });
  }
}
