import { ProductRepository } from '@estore/core/catalog';
import { requireEnv } from '@estore/core/config';
import { type EventDetail } from '@estore/core/events';
import { CartRepository, OrderLifecycle, OrderRepository } from '@estore/core/order';
import { SimulatedPaymentProvider } from '@estore/core/payments';
import { meteredClient, uniqueName } from '@estore/testkit';
import { CartService } from '../src/cart-service';
import { CheckoutService } from '../../payment/src/checkout-service';

/**
 * `npm run bench -w @estore/order` against a running local store: the capacity units each order
 * and cart request costs, from DynamoDB's ConsumedCapacity on the same repository calls the
 * handlers make. Prints figures; asserts nothing. Creates its own customer, products and orders.
 */
async function main(): Promise<void> {
  const { db, take } = meteredClient();
  const orders = new OrderRepository(db, requireEnv('ORDERS_TABLE'));
  const carts = new CartRepository(db, requireEnv('ORDERS_TABLE'));
  const products = new ProductRepository(db, requireEnv('PRODUCTS_TABLE'));
  const publisher = { publish: async (_type: string, _detail: EventDetail) => undefined };
  const checkout = new CheckoutService({
    db,
    carts,
    orders,
    products,
    lifecycle: new OrderLifecycle({ orders, products, publisher }),
    provider: async () => new SimulatedPaymentProvider('bench'),
    publisher,
    paymentWindowMinutes: 30,
  });
  const cartView = new CartService(carts, products, async (key) => key);
  const user = uniqueName('bench_');
  const items = await Promise.all([1, 2, 3].map((i) => products.create({ name: `Bench Order Item ${i}`, category: 'Books', price: 1000 + i, stock: 1000 })));
  const lines = items.map((item) => ({ productId: item.id, count: 2 }));

  const rows: Array<[string, number]> = [];
  take();
  await cartView.setCounts(user, lines);
  rows.push(['cart edit, 3 lines (read, write, price)', take()]);
  await cartView.view(user);
  rows.push(['cart view, 3 lines', take()]);
  const placed = await checkout.checkout(user, { address: '1 Bench St', country: 'US' });
  rows.push(['checkout, 3 lines (reads + transaction)', take()]);
  for (let i = 0; i < 24; i += 1) {
    await carts.save(user, lines.slice(0, 1), undefined, new Date());
    await checkout.checkout(user, { address: '1 Bench St', country: 'US' });
  }
  take();
  await orders.get(placed.orderId);
  rows.push(['order by id', take()]);
  await orders.findByIntent(placed.paymentIntentId);
  rows.push(['order by payment intent id', take()]);
  await orders.listForUser(user, { status: 'all', limit: 20 });
  rows.push(['orders, page of 20', take()]);
  await orders.listForUser(user, { status: 'pending', limit: 20 });
  rows.push(['orders of one status, page of 20', take()]);

  console.log('\norder bench: capacity units per request (reads and writes, DynamoDB Local)\n');
  for (const [label, units] of rows) console.log(`${label.padEnd(44)} ${units.toFixed(1).padStart(6)}`);
}

main().catch((error: Error) => {
  console.error(`order bench failed: ${error.message}`);
  process.exitCode = 1;
});
