import { ConflictError } from '@estore/core/errors';
import type { Location } from '@estore/core/order';
import { httpEvent, lambdaContext } from '@estore/testkit';
import type { Context } from 'aws-lambda';
import type { CheckoutOptions, CheckoutResult } from '../../../src/checkout-service';
import { checkout } from '../../../src/handlers/checkout';
import type { CheckoutCall } from '../../../src/idempotent-checkout';

const LOCATION: Location = { address: '1 Main St', country: 'US' };
const RESULT: CheckoutResult = {
  orderId: 'o_0123456789abcdef0123456789abcdef',
  paymentIntentId: 'pi_sim_0123456789abcdef0123456789abcdef',
  clientSecret: 'pi_sim_0123456789abcdef0123456789abcdef_secret_x',
  amount: 2248,
  currency: 'usd',
};
const alice = { username: 'alice', groups: [] };
const REMAINING_MS = 9_321;

describe('POST /payment/checkout', () => {
  let checkoutService: { checkout: jest.Mock<Promise<CheckoutResult>, [string, Location, CheckoutOptions?]> };
  let idempotentCheckout: jest.Mock;
  let route: ReturnType<typeof checkout>;

  beforeEach(() => {
    checkoutService = {
      checkout: jest.fn<Promise<CheckoutResult>, [string, Location, CheckoutOptions?]>(async () => RESULT),
    };
    // Powertools' idempotency layer, faked at the boundary: it answers what it stored for the key.
    idempotentCheckout = jest.fn(async (_call: CheckoutCall) => ({ status: 201, body: RESULT }));
    route = checkout({ checkoutService, idempotentCheckout });
  });

  async function post(body: unknown, headers: Record<string, string> = {}, caller: typeof alice | null = alice) {
    const result = await route(
      httpEvent({ method: 'POST', path: '/payment/checkout', body: JSON.stringify(body), headers, caller }),
      { ...lambdaContext(), getRemainingTimeInMillis: () => REMAINING_MS } as Context,
    );
    return { status: result.statusCode, body: result.body ? JSON.parse(result.body) : undefined };
  }

  it('carries the request’s correlation id to the order it places, and echoes it', async () => {
    const result = await route(
      httpEvent({
        method: 'POST',
        path: '/payment/checkout',
        body: JSON.stringify({ location: LOCATION }),
        headers: { 'x-correlation-id': 'support-ticket-42' },
        caller: alice,
      }),
      { ...lambdaContext(), getRemainingTimeInMillis: () => REMAINING_MS } as Context,
    );
    expect(result.headers?.['x-correlation-id']).toBe('support-ticket-42');
    expect(checkoutService.checkout).toHaveBeenCalledWith(
      'alice',
      LOCATION,
      expect.objectContaining({ correlationId: 'support-ticket-42' }),
    );
  });

  it('places the caller’s order at the location given and answers 201 with its payment', async () => {
    await expect(post({ location: LOCATION })).resolves.toEqual({ status: 201, body: RESULT });
    expect(checkoutService.checkout).toHaveBeenCalledWith('alice', LOCATION, {
      remainingMs: expect.any(Function),
      correlationId: expect.any(String),
    });
    expect(idempotentCheckout).not.toHaveBeenCalled();
  });

  it('tells the checkout how much of the invocation is left, so it never starts a provider call it cannot finish', async () => {
    await post({ location: LOCATION });
    const [, , options] = checkoutService.checkout.mock.calls[0];
    expect(options?.remainingMs?.()).toBe(REMAINING_MS);
  });

  it('goes through the idempotency layer, scoped to the caller, when an Idempotency-Key is sent', async () => {
    await expect(post({ location: LOCATION }, { 'Idempotency-Key': 'key-1' })).resolves.toEqual({
      status: 201,
      body: RESULT,
    });
    expect(idempotentCheckout).toHaveBeenCalledWith(
      { user: 'alice', key: 'key-1', request: { location: LOCATION }, correlationId: expect.any(String) },
      expect.anything(),
    );
    expect(checkoutService.checkout).not.toHaveBeenCalled();
  });

  it('refuses a location outside the delivery countries with 400 INVALID_LOCATION, and places nothing', async () => {
    const result = await post({ location: { address: '1 Main St', country: 'ZZ' } });
    expect(result).toMatchObject({ status: 400, body: { error: { code: 'INVALID_LOCATION' } } });
    expect(checkoutService.checkout).not.toHaveBeenCalled();
  });

  it('answers the checkout’s own refusal, such as 409 INSUFFICIENT_STOCK', async () => {
    checkoutService.checkout.mockRejectedValueOnce(
      new ConflictError('INSUFFICIENT_STOCK', 'Not enough stock for some products', []),
    );
    await expect(post({ location: LOCATION })).resolves.toMatchObject({
      status: 409,
      body: { error: { code: 'INSUFFICIENT_STOCK' } },
    });
  });

  it('refuses an anonymous caller with 401', async () => {
    expect((await post({ location: LOCATION }, {}, null)).status).toBe(401);
    expect(checkoutService.checkout).not.toHaveBeenCalled();
  });
});
