import {
  decideTransition,
  type OrderRecord,
  type OrderTrigger,
  type TriggerOptions,
  type TriggerOutcome,
} from '@estore/core/order';

/**
 * A lifecycle over one stored order that applies the real rules (order-transitions.ts) and
 * records the shipment, as the repository's write does; the lifecycle itself is tested in core.
 */
export function fakeLifecycle(orders: Map<string, OrderRecord>) {
  const trigger = jest.fn(
    async (orderId: string, move: OrderTrigger, options: TriggerOptions = {}): Promise<TriggerOutcome> => {
      const order = orders.get(orderId);
      if (!order) return 'missing';
      const decision = decideTransition(order.status, move);
      if (decision.kind !== 'apply') return 'ignored';
      const at = '2026-03-02T09:00:00.000Z';
      orders.set(orderId, {
        ...order,
        status: decision.to,
        ...(options.shipment ? { shipment: { ...options.shipment, shippedAt: at, deliveredAt: null } } : {}),
        history: [
          ...order.history,
          { status: decision.to, at, note: options.note ?? decision.note, by: options.by ?? 'system' },
        ],
      });
      return 'applied';
    },
  );
  return { trigger };
}
