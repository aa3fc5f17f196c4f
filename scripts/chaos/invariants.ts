import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { type OrderRecord, refundedAmount, UNPAID_STATUSES } from '@estore/core/order';
import type { Batch } from './batch';
import type { ChaosWorld } from './world';

/**
 * The invariants every batch is checked against (defined in docs/reliability.md):
 * - `stock`: per product, available + units in orders that hold stock (unpaid, paid, shipped,
 *   delivered) = what was put in; a canceled or failed-and-canceled order holds none; never negative.
 * - `money`: per order, what the provider captured for it less its succeeded refunds = (the
 *   order's amount if it has `paidAt`, else 0) less the order's refundedAmount (its SUCCEEDED refunds).
 * - `refunds`: per order, refunds not FAILED sum to `refundHeld` and never exceed the amount paid.
 * - `due`: while faults strike, an order that owes anything (unpaid, outbox not empty, a PENDING
 *   refund) has a due time, so the sweep will come back to it.
 * - `settles`: once faults stop and time passes, every order is final: not unpaid, outbox empty,
 *   no PENDING refund.
 * - `email`: every order that became PAID got exactly one confirmation email (more only when the
 *   sender died between SES accepting it and noting it sent, which no SES API can make atomic).
 * - `cart`: a customer whose checkout failed has their lines back in the cart, or an order holds them.
 */
export const INVARIANTS = ['stock', 'money', 'refunds', 'due', 'settles', 'email', 'cart'] as const;
export type Invariant = (typeof INVARIANTS)[number];

export interface Violation {
  invariant: Invariant;
  detail: string;
}

const HOLDS_STOCK = new Set(['PENDING_PAYMENT', 'PAYMENT_FAILED', 'PAID', 'SHIPPED', 'DELIVERED']);

/** The batch's orders (scratch tables: a Scan is fine here), read through the repository. */
export async function batchOrders(world: ChaosWorld, batch: Batch): Promise<OrderRecord[]> {
  const ids: string[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await world.db.send(
      new ScanCommand({
        TableName: world.tables.orders,
        FilterExpression: 'SK = :order AND begins_with(#user, :batch)',
        ExpressionAttributeNames: { '#user': 'user' },
        ExpressionAttributeValues: { ':order': 'ORDER', ':batch': `${batch.id}-` },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) ids.push(String(item.orderId));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  const orders = await Promise.all(ids.map((id) => world.orders.get(id)));
  return orders.filter((order): order is OrderRecord => order !== undefined);
}

const owes = (order: OrderRecord): string[] => [
  ...(UNPAID_STATUSES.has(order.status) ? [`unpaid (${order.status})`] : []),
  ...(Object.keys(order.outbox ?? {}).length ? [`outbox ${Object.keys(order.outbox).join(',')}`] : []),
  ...Object.values(order.refunds)
    .filter((refund) => refund.status === 'PENDING')
    .map((refund) => `refund ${refund.refundId} PENDING`),
];

/** While faults strike: whatever is owed is scheduled. */
export function checkDue(orders: OrderRecord[]): Violation[] {
  return orders.flatMap((order) => {
    const owed = owes(order);
    return owed.length && !order.dueAt
      ? [{ invariant: 'due' as const, detail: `${order.orderId} owes ${owed.join('; ')} but has no due time` }]
      : [];
  });
}

/** After recovery: everything else. */
export async function checkSettled(world: ChaosWorld, batch: Batch, orders: OrderRecord[]): Promise<Violation[]> {
  const violations: Violation[] = [...checkDue(orders)];
  const add = (invariant: Invariant, detail: string) => violations.push({ invariant, detail });

  const products = await world.products.getMany(batch.products.map((product) => product.id));
  for (const initial of batch.products) {
    const product = products.find((candidate) => candidate.id === initial.id);
    const held = orders
      .filter((order) => HOLDS_STOCK.has(order.status))
      .flatMap((order) => order.items)
      .filter((item) => item.productId === initial.id)
      .reduce((sum, item) => sum + item.count, 0);
    const available = product?.stock ?? 0;
    if (available < 0 || available + held !== initial.stock)
      add('stock', `${initial.id}: ${available} available + ${held} in orders != ${initial.stock} put in`);
  }

  for (const order of orders) {
    const store = (order.paidAt ? order.amount : 0) - refundedAmount(order);
    const provider = world.stripe.netFor(order.orderId);
    if (store !== provider)
      add('money', `${order.orderId} (${order.status}): provider kept ${provider}, the order says ${store}`);

    const live = Object.values(order.refunds).filter((refund) => refund.status !== 'FAILED');
    const held = live.reduce((sum, refund) => sum + refund.amount, 0);
    if (held !== (order.refundHeld ?? 0) || held > (order.paidAt ? order.amount : 0))
      add(
        'refunds',
        `${order.orderId}: refunds ${held}, held ${order.refundHeld}, paid ${order.paidAt ? order.amount : 0}`,
      );

    const owed = owes(order);
    if (owed.length) add('settles', `${order.orderId} still owes ${owed.join('; ')} after recovery`);

    if (order.history.some((entry) => entry.status === 'PAID')) {
      const sent = world.mail.sent.filter(
        (email) => email.subject.includes(order.orderId) && /confirm/i.test(email.subject),
      );
      const unexplained = sent.length - sent.filter((email) => email.crashedAfter).length;
      if (sent.length === 0 || unexplained > 1)
        add(
          'email',
          `${order.orderId}: ${sent.length} confirmation emails (${sent.length - unexplained} sent right before ` +
            `a crash; emailsSent: ${Object.keys(order.emailsSent ?? {}).join(',') || 'none'})`,
        );
    }
  }

  // Provider payments for orders the store never heard of would be money kept without an order.
  const known = new Set(orders.map((order) => order.orderId));
  for (const intent of world.stripe.intents.values()) {
    if (intent.user.startsWith(`${batch.id}-`) && !known.has(intent.orderId) && intent.captured > 0)
      add('money', `intent ${intent.id} captured ${intent.captured} for unknown order ${intent.orderId}`);
  }

  for (const customer of batch.customers) {
    if (customer.status === 201) continue;
    const cart = await world.carts.get(customer.user);
    const inCart = customer.lines.every((line) =>
      cart?.lines.some((kept) => kept.productId === line.productId && kept.count === line.count),
    );
    const inOrder = orders.some(
      (order) =>
        order.user === customer.user &&
        customer.lines.every((line) =>
          order.items.some((item) => item.productId === line.productId && item.count === line.count),
        ),
    );
    // A 4xx the customer can act on (stock short, too many unpaid orders) leaves the cart as it was.
    if (!inCart && !inOrder)
      add(
        'cart',
        `${customer.user} (${customer.key ? 'with' : 'without'} key) got ${customer.status} ${customer.code}: cart gone, no order`,
      );
  }
  return violations;
}
