import { type CancellationReason, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type TransactItem } from '@estore/core/aws';
import { type ProductRecord, ProductRepository } from '@estore/core/catalog';
import { AppError } from '@estore/core/errors';
import { type EventDetail, type EventName } from '@estore/core/events';
import {
  type CartLine,
  CartRepository,
  MAX_CHECKOUT_LINES,
  ORDER_ID_PATTERN,
  type OrderRecord,
  OrderRepository,
  type StoredCart,
} from '@estore/core/order';
import { type PaymentProvider, PaymentProviderError, SimulatedPaymentProvider } from '@estore/core/payments';
import { RecordingMetrics, rejectionOf } from '@estore/testkit';
import { AFTER_PROVIDER_MS, CheckoutService, PROVIDER_CALL_MS } from '../../src/checkout-service';
import { orderIdForKey } from '../../src/domain/new-order';
import { PLACE_ATTEMPTS } from '../../src/order-placement';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const ORDER_ID = 'o_0123456789abcdef0123456789abcdef';
const LOCATION = { address: '1 Main St', country: 'US' };

const product = (id: string, price: number) =>
  ({
    id,
    name: `Product ${id}`,
    category: 'Books',
    price,
    currency: 'usd',
    stock: 10,
    images: [],
  }) as unknown as ProductRecord;
const refused = (stock: number, price: number): CancellationReason => ({
  Code: 'ConditionalCheckFailed',
  Item: { stock: { N: String(stock) }, price: { N: String(price) } },
});
const cancelled = (...reasons: CancellationReason[]) =>
  new TransactionCanceledException({ message: 'Transaction cancelled', $metadata: {}, CancellationReasons: reasons });
const none: CancellationReason = { Code: 'None' };
const refusedWrite: CancellationReason = { Code: 'ConditionalCheckFailed' };
const collided: CancellationReason = { Code: 'TransactionConflict' };
const CAP = 3;
const KEY = 'key-1';

/** The simulation as a provider reached over the network, as Stripe is: its calls must fit the invocation's time. */
const overTheNetwork = (simulation: PaymentProvider): PaymentProvider => ({
  name: 'stripe',
  createIntent: (request) => simulation.createIntent(request),
  cancelIntent: (id) => simulation.cancelIntent(id),
  getIntent: (id) => simulation.getIntent(id),
  findIntentForOrder: (orderId) => simulation.findIntentForOrder(orderId),
  createRefund: (request) => simulation.createRefund(request),
  getRefund: (id) => simulation.getRefund(id),
});

// Action builders are pure: they never touch their client.
const productActions = new ProductRepository({} as DynamoDBDocumentClient, 'products');
const cartActions = new CartRepository({} as DynamoDBDocumentClient, 'orders');
const orderActions = new OrderRepository({} as DynamoDBDocumentClient, 'orders');

describe('CheckoutService', () => {
  let metrics: RecordingMetrics;
  let cart: StoredCart | undefined;
  let catalog: Map<string, ProductRecord>;
  let transactions: TransactItem[][];
  let transactionOutcomes: unknown[];
  let send: jest.Mock;
  let saveCart: jest.Mock<Promise<boolean>, [string, CartLine[], number | undefined, Date]>;
  let stored: Map<string, OrderRecord>;
  let getOrder: jest.Mock<Promise<OrderRecord | undefined>, [string]>;
  let setPaymentIntent: jest.Mock<Promise<boolean>, [string, string, Date]>;
  let trigger: jest.Mock;
  let provider: PaymentProvider;
  let loadProvider: () => Promise<PaymentProvider>;
  let published: Array<{ type: EventName; detail: EventDetail }>;
  let publish: jest.Mock<Promise<void>, [EventName, EventDetail]>;
  let service: CheckoutService;

  beforeEach(() => {
    cart = {
      user: 'alice',
      lines: [
        { productId: 'mug', count: 2 },
        { productId: 'pen', count: 1 },
      ],
      version: 7,
      updatedAt: '2026-03-01T11:00:00.000Z',
    };
    catalog = new Map([product('mug', 999), product('pen', 250)].map((p) => [p.id, p]));
    transactions = [];
    transactionOutcomes = [];
    stored = new Map();
    // The orders being placed, by id: a committed transaction stores its order, as the table would.
    const placing = new Map<string, OrderRecord>();
    // The document client: transactions follow the script (success when it runs out), refuse an
    // order id that exists, and a committed one stores the order and empties the cart.
    send = jest.fn(async (command: { input: { TransactItems?: TransactItem[] } }) => {
      const items = command.input.TransactItems;
      if (!items) return {};
      transactions.push(items);
      const outcome = transactionOutcomes.shift();
      if (outcome) throw outcome;
      const putAt = items.findIndex((item) => item.Put);
      const orderId = items[putAt].Put?.Item?.orderId as string;
      if (stored.has(orderId)) throw cancelled(...items.map((_, i) => (i === putAt ? refusedWrite : none)));
      stored.set(orderId, structuredClone(placing.get(orderId)!));
      cart = undefined;
      return {};
    });
    saveCart = jest.fn<Promise<boolean>, [string, CartLine[], number | undefined, Date]>(async () => true);
    getOrder = jest.fn(async (orderId: string) => structuredClone(stored.get(orderId)));
    setPaymentIntent = jest.fn<Promise<boolean>, [string, string, Date]>(async (orderId, intentId) => {
      const order = stored.get(orderId);
      if (!order || (order.paymentIntentId !== null && order.paymentIntentId !== intentId)) return false;
      order.paymentIntentId = intentId;
      return true;
    });
    trigger = jest.fn(async () => 'applied');
    provider = new SimulatedPaymentProvider('whsec_unit');
    loadProvider = async () => provider;
    published = [];
    publish = jest.fn(async (type, detail) => void published.push({ type, detail }));
    const db = { send } as unknown as DynamoDBDocumentClient;
    metrics = new RecordingMetrics();
    service = new CheckoutService({
      db,
      carts: {
        get: async () => cart && structuredClone(cart),
        save: saveCart,
        clearAction: cartActions.clearAction.bind(cartActions),
      },
      orders: {
        get: getOrder,
        placeAction: (record) => {
          placing.set(record.orderId, record);
          return orderActions.placeAction(record);
        },
        holdUnpaidSlotAction: orderActions.holdUnpaidSlotAction.bind(orderActions),
        setPaymentIntent,
      },
      products: {
        getMany: async (ids) => ids.flatMap((id) => (catalog.has(id) ? [catalog.get(id)!] : [])),
        reserveStockActions: (lines) => productActions.reserveStockActions(lines),
      },
      lifecycle: { trigger },
      provider: () => loadProvider(),
      publisher: { publish },
      paymentWindowMinutes: 30,
      maxPendingOrders: CAP,
      now: () => NOW,
      newOrderId: () => ORDER_ID,
      metrics,
    });
  });

  const failure = (promise: Promise<unknown>): Promise<AppError> => rejectionOf(promise, AppError);

  it('counts the order placed once, and a refusal by its code, keeping the correlation id on the order', async () => {
    transactionOutcomes.push(cancelled(none, none, none, refusedWrite, none));
    await failure(service.checkout('alice', LOCATION));
    await service.checkout('alice', LOCATION, { correlationId: 'trace-1' });

    expect(metrics.lines()).toEqual(['CheckoutRejected{code=TOO_MANY_PENDING_ORDERS}:1', 'OrderPlaced:1']);
    expect(stored.get(ORDER_ID)?.correlationId).toBe('trace-1');
  });

  const lines = (count: number): CartLine[] =>
    Array.from({ length: count }, (_, i) => ({ productId: `p${i}`, count: 1 }));

  it('places the order, opens a payment for its amount and answers the intent', async () => {
    await expect(service.checkout('alice', LOCATION)).resolves.toEqual({
      orderId: ORDER_ID,
      paymentIntentId: 'pi_sim_0123456789abcdef0123456789abcdef',
      clientSecret: expect.stringMatching(/^pi_sim_0123456789abcdef0123456789abcdef_secret_/),
      amount: 2 * 999 + 250,
      currency: 'usd',
    });
  });

  it('reserves every line at its price, writes the order and empties the cart in one transaction', async () => {
    await service.checkout('alice', LOCATION);

    expect(transactions).toHaveLength(1);
    const [mug, pen, put, slot, clear] = transactions[0];
    expect(mug.Update?.ExpressionAttributeValues).toMatchObject({ ':count': 2, ':price': 999 });
    expect(pen.Update?.ExpressionAttributeValues).toMatchObject({ ':count': 1, ':price': 250 });
    expect(put.Put?.Item).toMatchObject({
      orderId: ORDER_ID,
      user: 'alice',
      status: 'PENDING_PAYMENT',
      amount: 2248,
      location: LOCATION,
      payBy: '2026-03-01T12:30:00.000Z',
    });
    expect(slot.Update?.Key).toEqual({ PK: 'UNPAID#alice', SK: 'UNPAID' });
    expect(slot.Update?.ExpressionAttributeValues).toEqual({ ':order': new Set([ORDER_ID]), ':cap': CAP });
    expect(clear.Delete?.ExpressionAttributeValues).toEqual({ ':expected': 7 });
  });

  it('refuses with 409 TOO_MANY_PENDING_ORDERS when the customer holds the cap, reserving nothing and keeping the cart', async () => {
    const createIntent = jest.spyOn(provider, 'createIntent');
    transactionOutcomes.push(cancelled(none, none, none, refusedWrite, none));

    const error = await failure(service.checkout('alice', LOCATION));

    expect({ status: error.status, code: error.code }).toEqual({ status: 409, code: 'TOO_MANY_PENDING_ORDERS' });
    // One transaction, refused as a whole: no stock taken, no order written, the cart not deleted.
    expect(transactions).toHaveLength(1);
    expect(cart?.lines).toHaveLength(2);
    expect(stored.size).toBe(0);
    expect(createIntent).not.toHaveBeenCalled();
  });

  it('records the intent on the order and publishes OrderPlaced', async () => {
    await service.checkout('alice', LOCATION);

    expect(setPaymentIntent).toHaveBeenCalledWith(ORDER_ID, 'pi_sim_0123456789abcdef0123456789abcdef', NOW);
    expect(published).toEqual([
      {
        type: 'OrderPlaced',
        detail: {
          eventId: `OrderPlaced:${ORDER_ID}`,
          orderId: ORDER_ID,
          user: 'alice',
          amount: 2248,
          currency: 'usd',
          occurredAt: NOW.toISOString(),
          items: [
            { productId: 'mug', name: 'Product mug', count: 2, price: 999 },
            { productId: 'pen', name: 'Product pen', count: 1, price: 250 },
          ],
          location: LOCATION,
          paymentIntentId: 'pi_sim_0123456789abcdef0123456789abcdef',
        },
      },
    ]);
  });

  it('still answers the payment when OrderPlaced cannot be published', async () => {
    publish.mockRejectedValueOnce(new Error('EventBridge is down'));

    await expect(service.checkout('alice', LOCATION)).resolves.toMatchObject({
      orderId: ORDER_ID,
      paymentIntentId: 'pi_sim_0123456789abcdef0123456789abcdef',
    });
  });

  it.each<[string, () => void]>([
    ['there is no cart', () => (cart = undefined)],
    ['the cart has no lines', () => (cart!.lines = [])],
    ['every product in the cart was deleted', () => catalog.clear()],
  ])('refuses with 400 EMPTY_CART when %s', async (_what, arrange) => {
    arrange();
    const error = await failure(service.checkout('alice', LOCATION));
    expect({ status: error.status, code: error.code }).toEqual({ status: 400, code: 'EMPTY_CART' });
    expect(transactions).toEqual([]);
  });

  it(`refuses a cart of ${MAX_CHECKOUT_LINES + 1} products with CART_TOO_LARGE`, async () => {
    cart!.lines = lines(MAX_CHECKOUT_LINES + 1);
    const error = await failure(service.checkout('alice', LOCATION));
    expect({ status: error.status, code: error.code }).toEqual({ status: 400, code: 'CART_TOO_LARGE' });
  });

  it('checks out a cart of exactly 97 products: with the order, the slot and the cart, 100 actions', async () => {
    expect(MAX_CHECKOUT_LINES).toBe(97);
    cart!.lines = lines(MAX_CHECKOUT_LINES);
    for (const line of cart!.lines) catalog.set(line.productId, product(line.productId, 100));
    await expect(service.checkout('alice', LOCATION)).resolves.toMatchObject({ amount: 9700 });
    expect(transactions[0]).toHaveLength(100);
  });

  it('refuses an order above the largest payment with ORDER_TOO_LARGE', async () => {
    catalog.set('mug', product('mug', 50_000_000));
    const error = await failure(service.checkout('alice', LOCATION));
    expect({ status: error.status, code: error.code }).toEqual({ status: 400, code: 'ORDER_TOO_LARGE' });
    expect(transactions).toEqual([]);
  });

  it('refuses with 409 INSUFFICIENT_STOCK naming the short product, without opening a payment', async () => {
    const createIntent = jest.spyOn(provider, 'createIntent');
    transactionOutcomes.push(cancelled(refused(1, 999), none, none, none));

    const error = await failure(service.checkout('alice', LOCATION));

    expect({ status: error.status, code: error.code }).toEqual({ status: 409, code: 'INSUFFICIENT_STOCK' });
    expect(error.details).toEqual([
      { field: 'items', productId: 'mug', requested: 2, available: 1, message: 'not enough stock' },
    ]);
    expect(transactions).toHaveLength(1);
    expect(createIntent).not.toHaveBeenCalled();
  });

  it('prices again when a price changed during checkout, and charges the new price', async () => {
    send.mockImplementationOnce(async (command) => {
      // The mug's price moved between pricing and the transaction, which refuses the old price.
      transactions.push(command.input.TransactItems);
      catalog.set('mug', product('mug', 1099));
      throw cancelled(refused(10, 1099), none, none, none);
    });

    const result = await service.checkout('alice', LOCATION);

    expect(transactions).toHaveLength(2);
    expect(transactions[1][0].Update?.ExpressionAttributeValues).toMatchObject({ ':price': 1099 });
    expect(result.amount).toBe(2 * 1099 + 250);
  });

  it('tries again after transactions collide (TransactionConflict) and places the order once', async () => {
    transactionOutcomes.push(cancelled(collided, none, none, none, none), cancelled(collided, none, none, none, none));

    await expect(service.checkout('alice', LOCATION)).resolves.toMatchObject({ orderId: ORDER_ID });

    expect(transactions).toHaveLength(3);
    expect(stored.size).toBe(1);
  });

  it(`gives up with 409 CHECKOUT_CONFLICT after ${PLACE_ATTEMPTS} collisions or cart edits`, async () => {
    transactionOutcomes.push(
      ...Array.from({ length: PLACE_ATTEMPTS }, (_, i) =>
        i % 2 ? cancelled(collided, none, none, none, none) : cancelled(none, none, none, none, refusedWrite),
      ),
    );

    const error = await failure(service.checkout('alice', LOCATION));

    expect({ status: error.status, code: error.code }).toEqual({ status: 409, code: 'CHECKOUT_CONFLICT' });
    expect(transactions).toHaveLength(PLACE_ATTEMPTS);
    expect(stored.size).toBe(0);
  });

  it('passes on a failure that is not a refused transaction', async () => {
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    transactionOutcomes.push(throttled);
    await expect(service.checkout('alice', LOCATION)).rejects.toBe(throttled);
  });

  it.each<[string, () => void]>([
    [
      'refuses to create the intent',
      () =>
        jest
          .spyOn(provider, 'createIntent')
          .mockRejectedValue(new PaymentProviderError('Stripe could not create a payment intent')),
    ],
    ['cannot be configured', () => (loadProvider = () => Promise.reject(new Error('Missing STRIPE_WEBHOOK_SECRET')))],
  ])('cancels the order, gives the cart back and answers 502 when the provider %s', async (_what, arrange) => {
    arrange();
    const error = await failure(service.checkout('alice', LOCATION));

    expect({ status: error.status, code: error.code }).toEqual({ status: 502, code: 'PAYMENT_PROVIDER_UNAVAILABLE' });
    expect(trigger).toHaveBeenCalledWith(ORDER_ID, 'provider-unavailable');
    expect(saveCart).toHaveBeenCalledWith(
      'alice',
      [
        { productId: 'mug', count: 2 },
        { productId: 'pen', count: 1 },
      ],
      undefined,
      NOW,
    );
    expect(published).toEqual([]);
  });

  const CART_LINES = [
    { productId: 'mug', count: 2 },
    { productId: 'pen', count: 1 },
  ];
  const throttled = () => Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });

  describe('without an Idempotency-Key, a failure after the order is placed', () => {
    it('cancels the order, gives the cart back and cancels the intent when the intent cannot be recorded', async () => {
      const cancelIntent = jest.spyOn(provider, 'cancelIntent');
      const failed = throttled();
      setPaymentIntent.mockRejectedValueOnce(failed);

      await expect(service.checkout('alice', LOCATION)).rejects.toBe(failed);

      // The lifecycle's cancel releases the stock and the unpaid slot in the same write.
      expect(trigger).toHaveBeenCalledWith(ORDER_ID, 'provider-unavailable');
      expect(saveCart).toHaveBeenCalledWith('alice', CART_LINES, undefined, NOW);
      expect(cancelIntent).toHaveBeenCalledWith('pi_sim_0123456789abcdef0123456789abcdef');
      expect(published).toEqual([]);
    });

    it('still gives the cart back when the order cannot be canceled (the sweep expires it)', async () => {
      trigger.mockRejectedValueOnce(throttled());
      jest.spyOn(provider, 'createIntent').mockRejectedValueOnce(new PaymentProviderError('Stripe is down'));

      const error = await failure(service.checkout('alice', LOCATION));

      expect(error.status).toBe(502);
      expect(saveCart).toHaveBeenCalledWith('alice', CART_LINES, undefined, NOW);
    });
  });

  describe('time left for the provider', () => {
    const needed = PROVIDER_CALL_MS + AFTER_PROVIDER_MS;
    beforeEach(() => {
      provider = overTheNetwork(provider);
    });

    it('budgets the Stripe client’s worst case (2 x 3 s + 0.5 s) and 1.5 s after it', () => {
      expect([PROVIDER_CALL_MS, AFTER_PROVIDER_MS]).toEqual([6_500, 1_500]);
    });

    it('does not call the provider with less than its worst case left: 503, and the order is undone', async () => {
      const createIntent = jest.spyOn(provider, 'createIntent');

      const error = await failure(service.checkout('alice', LOCATION, { remainingMs: () => needed - 1 }));

      expect({ status: error.status, code: error.code }).toEqual({ status: 503, code: 'PAYMENT_PROVIDER_UNAVAILABLE' });
      expect(createIntent).not.toHaveBeenCalled();
      expect(trigger).toHaveBeenCalledWith(ORDER_ID, 'provider-unavailable');
      expect(saveCart).toHaveBeenCalledWith('alice', CART_LINES, undefined, NOW);
    });

    it('calls the provider when its worst case and the writes after it fit', async () => {
      await expect(service.checkout('alice', LOCATION, { remainingMs: () => needed })).resolves.toMatchObject({
        orderId: ORDER_ID,
      });
    });

    it('does not start canceling the intent of a failed checkout when the provider’s worst case no longer fits', async () => {
      const cancelIntent = jest.spyOn(provider, 'cancelIntent');
      let left = needed;
      setPaymentIntent.mockImplementationOnce(async () => {
        left = PROVIDER_CALL_MS - 1;
        throw throttled();
      });

      await expect(service.checkout('alice', LOCATION, { remainingMs: () => left })).rejects.toThrow('Rate exceeded');

      expect(cancelIntent).not.toHaveBeenCalled();
      expect(trigger).toHaveBeenCalledWith(ORDER_ID, 'provider-unavailable');
      expect(saveCart).toHaveBeenCalled();
    });

    it('always calls the simulated provider, which answers in memory: the local stack runs without timeouts', async () => {
      provider = new SimulatedPaymentProvider('whsec_unit');
      await expect(service.checkout('alice', LOCATION, { remainingMs: () => 0 })).resolves.toMatchObject({
        orderId: ORDER_ID,
      });
    });
  });

  describe('with an Idempotency-Key', () => {
    const KEYED_ID = orderIdForKey('alice', KEY);
    const keyed = { key: KEY };
    const firstAnswer = async () => {
      const intent = await new SimulatedPaymentProvider('whsec_unit').createIntent({
        orderId: KEYED_ID,
        user: 'alice',
        amount: 2248,
        currency: 'usd',
      });
      return {
        orderId: KEYED_ID,
        paymentIntentId: intent.id,
        clientSecret: intent.clientSecret,
        amount: 2248,
        currency: 'usd',
      };
    };

    it('derives the order from the customer and the key, in the shape of every order id', () => {
      expect(KEYED_ID).toMatch(ORDER_ID_PATTERN);
      expect(orderIdForKey('alice', KEY)).toBe(KEYED_ID);
      expect(orderIdForKey('bob', KEY)).not.toBe(KEYED_ID);
      expect(orderIdForKey('alice', 'key-2')).not.toBe(KEYED_ID);
    });

    it('leaves the order for the retry when the intent cannot be recorded, and the retry resumes it with the first answer', async () => {
      const failed = throttled();
      setPaymentIntent.mockRejectedValueOnce(failed);

      await expect(service.checkout('alice', LOCATION, keyed)).rejects.toBe(failed);
      // Nothing undone: the order, its stock and its slot wait for the retry (or the sweep).
      expect(trigger).not.toHaveBeenCalled();
      expect(saveCart).not.toHaveBeenCalled();
      expect(stored.get(KEYED_ID)?.status).toBe('PENDING_PAYMENT');

      // The cart is gone with the first attempt: the retry must not answer EMPTY_CART.
      await expect(service.checkout('alice', LOCATION, keyed)).resolves.toEqual(await firstAnswer());
      expect(transactions).toHaveLength(1);
      expect(stored.get(KEYED_ID)?.paymentIntentId).toBe((await firstAnswer()).paymentIntentId);
      expect(published.map(({ type, detail }) => [type, detail.eventId])).toEqual([
        ['OrderPlaced', `OrderPlaced:${KEYED_ID}`],
      ]);
    });

    it('keeps the order when the provider fails (502), and the retry finishes it', async () => {
      jest.spyOn(provider, 'createIntent').mockRejectedValueOnce(new PaymentProviderError('Stripe is down'));

      const error = await failure(service.checkout('alice', LOCATION, keyed));
      expect({ status: error.status, code: error.code }).toEqual({ status: 502, code: 'PAYMENT_PROVIDER_UNAVAILABLE' });
      expect(trigger).not.toHaveBeenCalled();

      await expect(service.checkout('alice', LOCATION, keyed)).resolves.toEqual(await firstAnswer());
      expect(transactions).toHaveLength(1);
    });

    it('resumes the order a concurrent attempt with the same key placed first (its Put refused)', async () => {
      await service.checkout('alice', LOCATION, keyed);
      // The second attempt read no order, then its transaction met the first one's order.
      cart = { user: 'alice', lines: CART_LINES, version: 8, updatedAt: NOW.toISOString() };
      getOrder.mockResolvedValueOnce(undefined);

      await expect(service.checkout('alice', LOCATION, keyed)).resolves.toEqual(await firstAnswer());
      expect(transactions).toHaveLength(2);
      expect(stored.size).toBe(1);
    });

    it('answers 409 ORDER_NOT_PAYABLE when the order of the key was canceled since', async () => {
      setPaymentIntent.mockRejectedValueOnce(throttled());
      await service.checkout('alice', LOCATION, keyed).catch(() => undefined);
      stored.get(KEYED_ID)!.status = 'CANCELED';
      const createIntent = jest.spyOn(provider, 'createIntent');

      const error = await failure(service.checkout('alice', LOCATION, keyed));

      expect({ status: error.status, code: error.code }).toEqual({ status: 409, code: 'ORDER_NOT_PAYABLE' });
      expect(createIntent).not.toHaveBeenCalled();
    });

    it('does not call the provider with too little time left (503), and leaves the order to the retry', async () => {
      provider = overTheNetwork(provider);
      const error = await failure(service.checkout('alice', LOCATION, { ...keyed, remainingMs: () => 1_000 }));

      expect(error.status).toBe(503);
      expect(trigger).not.toHaveBeenCalled();
      await expect(service.checkout('alice', LOCATION, keyed)).resolves.toEqual(await firstAnswer());
    });
  });
});
