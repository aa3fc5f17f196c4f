import { type CancellationReason, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type TransactItem } from '@estore/core/aws';
import { type ProductRecord, ProductRepository } from '@estore/core/catalog';
import { AppError } from '@estore/core/errors';
import { type EventDetail, type EventName } from '@estore/core/events';
import { type CartLine, CartRepository, OrderRepository, type StoredCart } from '@estore/core/order';
import { type PaymentProvider, PaymentProviderError, SimulatedPaymentProvider } from '@estore/core/payments';
import { rejectionOf } from '@estore/testkit';
import { CheckoutService } from '../../src/checkout-service';

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

// Action builders are pure: they never touch their client.
const productActions = new ProductRepository({} as DynamoDBDocumentClient, 'products');
const cartActions = new CartRepository({} as DynamoDBDocumentClient, 'orders');

describe('CheckoutService', () => {
  let cart: StoredCart | undefined;
  let catalog: Map<string, ProductRecord>;
  let transactions: TransactItem[][];
  let transactionOutcomes: unknown[];
  let send: jest.Mock;
  let saveCart: jest.Mock<Promise<boolean>, [string, CartLine[], number | undefined, Date]>;
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
    // The document client: transactions follow the script (success when it runs out); other writes succeed.
    send = jest.fn(async (command: { input: { TransactItems?: TransactItem[] } }) => {
      if (!command.input.TransactItems) return {};
      transactions.push(command.input.TransactItems);
      const outcome = transactionOutcomes.shift();
      if (outcome) throw outcome;
      return {};
    });
    saveCart = jest.fn<Promise<boolean>, [string, CartLine[], number | undefined, Date]>(async () => true);
    trigger = jest.fn(async () => 'applied');
    provider = new SimulatedPaymentProvider('whsec_unit');
    loadProvider = async () => provider;
    published = [];
    publish = jest.fn(async (type, detail) => void published.push({ type, detail }));
    const db = { send } as unknown as DynamoDBDocumentClient;
    service = new CheckoutService({
      db,
      carts: {
        get: async () => cart && structuredClone(cart),
        save: saveCart,
        clearAction: cartActions.clearAction.bind(cartActions),
      } as unknown as CartRepository,
      orders: new OrderRepository(db, 'orders'),
      products: {
        getMany: async (ids) => ids.flatMap((id) => (catalog.has(id) ? [catalog.get(id)!] : [])),
        reserveStockActions: (lines) => productActions.reserveStockActions(lines),
      },
      lifecycle: { trigger },
      provider: () => loadProvider(),
      publisher: { publish },
      paymentWindowMinutes: 30,
      now: () => NOW,
      newOrderId: () => ORDER_ID,
    });
  });

  const failure = (promise: Promise<unknown>): Promise<AppError> => rejectionOf(promise, AppError);

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
    const [mug, pen, put, clear] = transactions[0];
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
    expect(clear.Delete?.ExpressionAttributeValues).toEqual({ ':expected': 7 });
  });

  it('records the intent on the order and publishes OrderPlaced', async () => {
    await service.checkout('alice', LOCATION);

    const intentWrite = send.mock.calls
      .map(([command]) => command.input)
      .find((input) => input.ExpressionAttributeValues?.[':intent']);
    expect(intentWrite.ExpressionAttributeValues[':intent']).toBe('pi_sim_0123456789abcdef0123456789abcdef');
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

  it('refuses a cart of 99 products with CART_TOO_LARGE: one transaction holds 98 lines', async () => {
    cart!.lines = lines(99);
    const error = await failure(service.checkout('alice', LOCATION));
    expect({ status: error.status, code: error.code }).toEqual({ status: 400, code: 'CART_TOO_LARGE' });
  });

  it('checks out a cart of exactly 98 products', async () => {
    cart!.lines = lines(98);
    for (const line of cart!.lines) catalog.set(line.productId, product(line.productId, 100));
    await expect(service.checkout('alice', LOCATION)).resolves.toMatchObject({ amount: 9800 });
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

  it('gives up with 409 CHECKOUT_CONFLICT when the cart keeps changing under the checkout', async () => {
    transactionOutcomes.push(...[1, 2, 3].map(() => cancelled(none, none, none, { Code: 'ConditionalCheckFailed' })));

    const error = await failure(service.checkout('alice', LOCATION));

    expect({ status: error.status, code: error.code }).toEqual({ status: 409, code: 'CHECKOUT_CONFLICT' });
    expect(transactions).toHaveLength(3);
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
});
