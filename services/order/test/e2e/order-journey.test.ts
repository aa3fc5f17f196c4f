import type { Cart, Order } from '@estore/core/order';
import { ApiClient, listEmails } from '@estore/testkit';
import {
  type CheckoutBody,
  eventually,
  newProduct,
  pay,
  postWebhook,
  runExpiry,
  Shopper,
  signedPaymentEvent,
  stockOf,
} from './support';

// First calls through serverless-offline include cold starts; events cross the local bus.
jest.setTimeout(60_000);

let manager: Shopper;
beforeAll(async () => {
  manager = await Shopper.create(['manage_product_group']);
});

const paidEmails = async (shopper: Shopper, orderId: string) =>
  (await listEmails(shopper.user.email)).filter((email) => email.subject.includes(orderId));

describe('a customer buys through the gateway', () => {
  it('fills a cart, merges a browser cart, checks out, pays, and gets exactly one email', async () => {
    const shopper = await Shopper.create();
    const [book, lamp] = await Promise.all([newProduct(manager, 10, 1999), newProduct(manager, 10, 501)]);

    const cart = await shopper.setCart([{ productId: book.id, count: 2 }]);
    expect(cart).toMatchObject({
      amount: 3998,
      currency: 'usd',
      items: [{ productId: book.id, count: 2, price: 1999, lineTotal: 3998 }],
    });
    const merged = await shopper.post<Cart>('/order/cart', {
      items: [
        { productId: book.id, count: 1 },
        { productId: lamp.id, count: 3 },
      ],
    });
    expect(merged.body.items.map((item) => [item.productId, item.count])).toEqual([
      [book.id, 2],
      [lamp.id, 3],
    ]);
    expect((await shopper.get<Cart>('/order/cart')).body.amount).toBe(2 * 1999 + 3 * 501);

    const checkout = await shopper.checkout();
    expect(checkout.status).toBe(201);
    expect(checkout.body).toEqual({
      orderId: expect.stringMatching(/^o_/),
      paymentIntentId: expect.stringMatching(/^pi_sim_/),
      clientSecret: expect.any(String),
      amount: 5501,
      currency: 'usd',
    });
    expect((await shopper.get<Cart>('/order/cart')).body.items).toEqual([]);
    expect(await stockOf(book.id)).toBe(8);

    expect((await pay(checkout.body.orderId)).status).toBe(200);
    const paid = await eventually(
      () => shopper.get<{ items: Order[] }>('/order?status=paid'),
      (r) => r.body.items.some((o) => o.orderId === checkout.body.orderId),
    );
    expect(paid.body.items[0]).toMatchObject({
      orderId: checkout.body.orderId,
      status: 'PAID',
      amount: 5501,
      location: { address: '1 Test Way', country: 'US' },
    });
    expect((await shopper.order(checkout.body.paymentIntentId)).orderId).toBe(checkout.body.orderId);

    const [email] = await eventually(
      () => paidEmails(shopper, checkout.body.orderId),
      (emails) => emails.length > 0,
    );
    expect(email.body.text).toContain('55.01 USD');
    expect(email.body.text).toContain('1 Test Way');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await paidEmails(shopper, checkout.body.orderId)).toHaveLength(1);
    expect(await stockOf(book.id)).toBe(8);
  });

  it('handles one webhook event delivered five times at once as one transition and one email', async () => {
    const shopper = await Shopper.create();
    const item = await newProduct(manager, 5);
    await shopper.setCart([{ productId: item.id, count: 1 }]);
    const { body } = await shopper.checkout();
    const { payload, signature } = await signedPaymentEvent(body.orderId, 'succeeded');
    const responses = await Promise.all(Array.from({ length: 5 }, () => postWebhook(payload, signature)));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const order = await eventually(
      () => shopper.order(body.orderId),
      (o) => o.status === 'PAID',
    );
    await eventually(
      () => paidEmails(shopper, body.orderId),
      (emails) => emails.length > 0,
    );
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await shopper.order(body.orderId)).history.map((h) => h.status)).toEqual(['PENDING_PAYMENT', 'PAID']);
    expect(order.status).toBe('PAID');
    expect(await paidEmails(shopper, body.orderId)).toHaveLength(1);
  });

  it('rejects forged, tampered, missing and stale signatures with 400 and changes nothing', async () => {
    const shopper = await Shopper.create();
    const item = await newProduct(manager, 5);
    await shopper.setCart([{ productId: item.id, count: 1 }]);
    const { body } = await shopper.checkout();
    const good = await signedPaymentEvent(body.orderId, 'succeeded');
    const stale = await signedPaymentEvent(body.orderId, 'succeeded', new Date(Date.now() - 10 * 60_000));
    const tamperedBody = good.payload.replace(`"amount":${item.price}`, '"amount":1');
    const [, hex] = /v1=([0-9a-f]+)/.exec(good.signature)!;
    const forgedSignature = good.signature.replace(hex, [...hex].reverse().join(''));
    expect(tamperedBody).not.toBe(good.payload);
    expect(forgedSignature).not.toBe(good.signature);
    // One after the other: serverless-offline's in-process runner is not a faithful judge of
    // concurrent invocations, and concurrency is not what this test is about.
    const attempts: Array<[string, () => ReturnType<typeof postWebhook>]> = [
      ['missing', () => postWebhook(good.payload)],
      ['bogus', () => postWebhook(good.payload, 't=1700000000,v1=' + 'ab'.repeat(32))],
      ['tampered', () => postWebhook(tamperedBody, good.signature)],
      ['stale', () => postWebhook(stale.payload, stale.signature)],
      ['forged', () => postWebhook(good.payload, forgedSignature)],
    ];
    for (const [name, attempt] of attempts) {
      const response = await attempt();
      expect({ name, status: response.status }).toEqual({ name, status: 400 });
      expect(response.body).toMatchObject({ error: { code: 'INVALID_SIGNATURE' } });
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect((await shopper.order(body.orderId)).status).toBe('PENDING_PAYMENT');
  });

  it('expires an unpaid order to CANCELED and gives its stock back exactly once', async () => {
    const shopper = await Shopper.create();
    const item = await newProduct(manager, 6);
    await shopper.setCart([{ productId: item.id, count: 4 }]);
    const { body } = await shopper.checkout();
    expect(await stockOf(item.id)).toBe(2);

    // The schedule fires 31 minutes later (twice: a retried invocation changes nothing more).
    const later = new Date(Date.now() + 31 * 60_000);
    await runExpiry(later);
    await runExpiry(later);
    const order = await shopper.order(body.orderId);
    expect(order.status).toBe('CANCELED');
    expect(order.history.map((h) => h.status)).toEqual(['PENDING_PAYMENT', 'CANCELED']);
    expect(await stockOf(item.id)).toBe(6);
    expect(
      (await shopper.get<{ items: Order[] }>('/order?status=canceled')).body.items.map((o) => o.orderId),
    ).toContain(body.orderId);

    // Paying just after it expired never revives it nor takes stock again: the payment is refunded.
    expect((await pay(body.orderId)).status).toBe(200);
    const refunded = await eventually(
      () => shopper.order(body.orderId),
      (o) => o.history.some((h) => /refunded/.test(h.note)),
    );
    expect(refunded.status).toBe('CANCELED');
    expect(await stockOf(item.id)).toBe(6);
  });

  it('moves a failed payment to PAYMENT_FAILED and then PAID when the retry succeeds', async () => {
    const shopper = await Shopper.create();
    const item = await newProduct(manager, 5);
    await shopper.setCart([{ productId: item.id, count: 1 }]);
    const { body } = await shopper.checkout();
    await pay(body.paymentIntentId, 'failed').catch(() => undefined);
    await pay(body.orderId, 'failed');
    await eventually(
      () => shopper.order(body.orderId),
      (o) => o.status === 'PAYMENT_FAILED',
    );
    expect((await shopper.get<{ items: Order[] }>('/order?status=failed')).body.items.map((o) => o.orderId)).toContain(
      body.orderId,
    );
    await pay(body.orderId, 'succeeded');
    const paid = await eventually(
      () => shopper.order(body.orderId),
      (o) => o.status === 'PAID',
    );
    expect(paid.history.map((h) => h.status)).toEqual(['PENDING_PAYMENT', 'PAYMENT_FAILED', 'PAID']);
  });
});

describe('orders are private and carts are checked', () => {
  it("answers 404 to another customer's order, by order id and by payment intent id", async () => {
    const [alice, bob] = await Promise.all([Shopper.create(), Shopper.create()]);
    const item = await newProduct(manager, 5);
    await alice.setCart([{ productId: item.id, count: 1 }]);
    const { body } = await alice.checkout();
    for (const ref of [body.orderId, body.paymentIntentId]) {
      const response = await bob.get(`/order/${ref}`);
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ error: { code: 'NOT_FOUND' } });
    }
    expect((await bob.get<{ items: Order[] }>('/order')).body.items).toEqual([]);
  });

  it('refuses anonymous callers with 401 on every order and checkout route', async () => {
    const anonymous = new ApiClient();
    const calls = [
      anonymous.get('/order'),
      anonymous.get('/order/cart'),
      anonymous.post('/order/create', { items: [] }),
      anonymous.post('/order/cart', { items: [] }),
      anonymous.post('/payment/checkout', {}),
    ];
    for (const response of await Promise.all(calls)) expect(response.status).toBe(401);
  });

  it('validates cart edits: unknown products, counts, and the contract error shape', async () => {
    const shopper = await Shopper.create();
    const unknown = await shopper.post('/order/create', { items: [{ productId: 'no-such-product', count: 1 }] });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({
      error: { code: 'UNKNOWN_PRODUCT', details: [expect.objectContaining({ productId: 'no-such-product' })] },
    });
    for (const count of [100, -1, 1.5, '2']) {
      const response = await shopper.post('/order/create', { items: [{ productId: 'x', count }] });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    }
    const item = await newProduct(manager, 5);
    await shopper.setCart([{ productId: item.id, count: 2 }]);
    const removed = await shopper.setCart([{ productId: item.id, count: 0 }]);
    expect(removed.items).toEqual([]);
    expect((await shopper.checkout()).body).toMatchObject({ error: { code: 'EMPTY_CART' } });
  });

  it('refuses a checkout with a bad location with 400 INVALID_LOCATION', async () => {
    const shopper = await Shopper.create();
    for (const location of [
      { address: '', country: 'US' },
      { address: 'x'.repeat(201), country: 'US' },
      { address: '1 Way', country: 'XX' },
      null,
    ]) {
      const response = await shopper.post('/payment/checkout', { location });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ error: { code: 'INVALID_LOCATION' } });
    }
  });

  it('drops a deleted product from the cart view', async () => {
    const shopper = await Shopper.create();
    const [keep, gone] = await Promise.all([newProduct(manager, 5), newProduct(manager, 5)]);
    await shopper.setCart([
      { productId: keep.id, count: 1 },
      { productId: gone.id, count: 1 },
    ]);
    expect((await manager.delete(`/product/${gone.id}`)).status).toBe(204);
    const cart = await shopper.get<Cart>('/order/cart');
    expect(cart.body.items.map((i) => i.productId)).toEqual([keep.id]);
    expect(cart.body.amount).toBe(keep.price);
  });

  it('pages the order history newest first with an opaque cursor, and refuses a tampered one', async () => {
    const shopper = await Shopper.create();
    const item = await newProduct(manager, 10);
    const placed: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      await shopper.setCart([{ productId: item.id, count: 1 }]);
      placed.push((await shopper.checkout()).body.orderId);
    }
    const first = await shopper.get<{ items: Order[]; nextCursor: string }>('/order?limit=2');
    const second = await shopper.get<{ items: Order[]; nextCursor: string | null }>(
      `/order?limit=2&cursor=${first.body.nextCursor}`,
    );
    expect([...first.body.items, ...second.body.items].map((o) => o.orderId)).toEqual(placed.reverse());
    const tampered = await shopper.get(`/order?limit=2&cursor=${first.body.nextCursor.slice(0, -3)}xyz`);
    expect(tampered.status).toBe(400);
    // Every lifecycle state is a filter (shipped included); a word that is none is refused.
    expect((await shopper.get('/order?status=shipped')).status).toBe(200);
    expect((await shopper.get('/order?status=lost')).status).toBe(400);
  });
});

describe('checkout with an Idempotency-Key through the gateway', () => {
  it('answers a retry with the first response and refuses the key with another body', async () => {
    const shopper = await Shopper.create();
    const item = await newProduct(manager, 5);
    await shopper.setCart([{ productId: item.id, count: 1 }]);
    const key = `key-${Date.now()}`;
    const [a, b] = await Promise.all([
      shopper.checkout({ 'idempotency-key': key }),
      shopper.checkout({ 'idempotency-key': key }),
    ]);
    const c = await shopper.checkout({ 'idempotency-key': key });
    expect([a.status, b.status, c.status]).toEqual([201, 201, 201]);
    expect(b.body).toEqual(a.body);
    expect(c.body).toEqual(a.body);
    expect(await stockOf(item.id)).toBe(4);
    const reused = await shopper.post(
      '/payment/checkout',
      { location: { address: 'Elsewhere 2', country: 'US' } },
      { 'idempotency-key': key },
    );
    expect(reused.status).toBe(422);
    expect(reused.body).toMatchObject({ error: { code: 'IDEMPOTENCY_KEY_REUSED' } });
  });
});

export type { CheckoutBody };
