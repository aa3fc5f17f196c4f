import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PaymentProviderError, STRIPE_DEFAULTS, StripePaymentProvider } from '@estore/core/payments';

const ORDER_ID = 'o_0123456789abcdef0123456789abcdef';
const REFUND_ID = 'rf_0123456789abcdef0123456789abcdef_0a1b2c3d';

interface SeenRequest {
  method: string;
  path: string;
  /** The form-encoded body, decoded (Stripe's `metadata[orderId]` keys kept as they are). */
  form: Record<string, string>;
  idempotencyKey?: string;
}

type Answer = { status: number; body: unknown } | 'hang';
type Route = (request: SeenRequest) => Answer;

/** Stands in for api.stripe.com: the real SDK talks HTTP to it, so requests and errors go through the SDK's own code. */
class FakeStripeApi {
  readonly requests: SeenRequest[] = [];
  route: Route = () => ({ status: 500, body: { error: { type: 'api_error', message: 'no route' } } });
  private readonly server: Server = createServer((req, res) => void this.answer(req, res));

  async start(): Promise<number> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    return (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private async answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const url = new URL(req.url ?? '/', 'http://localhost');
    const params = new URLSearchParams(req.method === 'GET' ? url.search : raw);
    const request: SeenRequest = {
      method: req.method ?? '',
      path: url.pathname,
      form: Object.fromEntries(params),
      idempotencyKey: req.headers['idempotency-key'] as string | undefined,
    };
    this.requests.push(request);
    const answer = this.route(request);
    if (answer === 'hang') return; // never answers: the client's timeout must end it
    res.writeHead(answer.status, { 'content-type': 'application/json', 'request-id': 'req_test' });
    res.end(JSON.stringify(answer.body));
  }
}

const intent = (status: string, overrides: Record<string, unknown> = {}) => ({
  id: 'pi_123',
  object: 'payment_intent',
  amount: 4498,
  amount_received: status === 'succeeded' ? 4498 : 0,
  currency: 'usd',
  status,
  metadata: { orderId: ORDER_ID },
  ...overrides,
});
const refund = (status: string | null) => ({
  id: 're_123',
  object: 'refund',
  amount: 1000,
  currency: 'usd',
  status,
  payment_intent: 'pi_123',
  metadata: { orderId: ORDER_ID, refundId: REFUND_ID },
});
const stripeError = (status: number, type: string, code?: string) => ({
  status,
  body: { error: { type, code, message: `${type} ${code ?? ''}` } },
});
const refundRequest = {
  refundId: REFUND_ID,
  orderId: ORDER_ID,
  paymentIntentId: 'pi_123',
  amount: 1000,
  currency: 'usd',
};

async function rejection(promise: Promise<unknown>): Promise<PaymentProviderError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof PaymentProviderError)) throw new Error(`expected a PaymentProviderError, got ${error}`);
  return error;
}

describe('StripePaymentProvider against a local stand-in for the Stripe API', () => {
  const api = new FakeStripeApi();
  let port: number;
  // No retries unless a test asks: each request answered once, quickly.
  const provider = (options: { timeoutMs?: number; maxNetworkRetries?: number } = {}) =>
    new StripePaymentProvider('sk_test_unit', {
      maxNetworkRetries: 0,
      ...options,
      endpoint: { host: '127.0.0.1', port, protocol: 'http' },
    });

  beforeAll(async () => {
    port = await api.start();
  });
  afterAll(() => api.stop());
  beforeEach(() => {
    api.requests.length = 0;
  });

  describe('cancelIntent', () => {
    it('cancels an open intent', async () => {
      api.route = () => ({ status: 200, body: intent('canceled') });
      await expect(provider().cancelIntent('pi_123')).resolves.toBe('canceled');
      expect(api.requests[0]).toMatchObject({ method: 'POST', path: '/v1/payment_intents/pi_123/cancel' });
    });

    it('answers not-cancelable for an intent Stripe will not cancel because it was paid', async () => {
      api.route = (request) =>
        request.method === 'POST'
          ? stripeError(400, 'invalid_request_error', 'payment_intent_unexpected_state')
          : { status: 200, body: intent('succeeded') };
      await expect(provider().cancelIntent('pi_123')).resolves.toBe('not-cancelable');
    });
  });

  describe('getIntent', () => {
    it.each([
      ['requires_payment_method', 'open'],
      ['requires_confirmation', 'open'],
      ['requires_action', 'open'],
      ['processing', 'processing'],
      ['requires_capture', 'processing'],
      ['succeeded', 'succeeded'],
      ['canceled', 'canceled'],
    ])('reads Stripe status %s as %s', async (stripeStatus, status) => {
      api.route = () => ({ status: 200, body: intent(stripeStatus) });
      await expect(provider().getIntent('pi_123')).resolves.toMatchObject({ id: 'pi_123', status, currency: 'usd' });
      expect(api.requests[0]).toMatchObject({ method: 'GET', path: '/v1/payment_intents/pi_123' });
    });

    it('gives the amount received for a succeeded intent, the amount asked otherwise', async () => {
      api.route = () => ({ status: 200, body: intent('succeeded', { amount_received: 100 }) });
      expect((await provider().getIntent('pi_123'))?.amount).toBe(100);
      api.route = () => ({ status: 200, body: intent('processing') });
      expect((await provider().getIntent('pi_123'))?.amount).toBe(4498);
    });

    it('answers undefined for an intent Stripe does not know (resource_missing)', async () => {
      api.route = () => stripeError(404, 'invalid_request_error', 'resource_missing');
      await expect(provider().getIntent('pi_gone')).resolves.toBeUndefined();
    });

    it('refuses to guess a status it does not know', async () => {
      api.route = () => ({ status: 200, body: intent('requires_something_new') });
      await expect(provider().getIntent('pi_123')).rejects.toThrow(/unknown intent status: requires_something_new/);
    });
  });

  describe('findIntentForOrder', () => {
    it("searches by the order id in the intents' metadata", async () => {
      api.route = () => ({
        status: 200,
        body: { object: 'search_result', data: [intent('canceled')], has_more: false },
      });
      await expect(provider().findIntentForOrder(ORDER_ID)).resolves.toBe('pi_123');
      expect(api.requests[0]).toMatchObject({ method: 'GET', path: '/v1/payment_intents/search' });
      expect(api.requests[0].form.query).toBe(`metadata['orderId']:'${ORDER_ID}'`);
    });

    it('prefers the intent that holds money when several name the order', async () => {
      const data = [intent('canceled', { id: 'pi_old' }), intent('succeeded', { id: 'pi_paid' })];
      api.route = () => ({ status: 200, body: { object: 'search_result', data, has_more: false } });
      await expect(provider().findIntentForOrder(ORDER_ID)).resolves.toBe('pi_paid');
    });

    it('answers undefined when no intent names the order', async () => {
      api.route = () => ({ status: 200, body: { object: 'search_result', data: [], has_more: false } });
      await expect(provider().findIntentForOrder(ORDER_ID)).resolves.toBeUndefined();
    });

    it('never puts a quote into the search query', async () => {
      const error = await rejection(provider().findIntentForOrder("o_1' OR metadata['user']:'alice"));
      expect(error.permanent).toBe(true);
      expect(api.requests).toEqual([]);
    });
  });

  describe('createRefund', () => {
    it("refunds the amount of the payment, with the refund id as the idempotency key and in the refund's metadata", async () => {
      api.route = () => ({ status: 200, body: refund('pending') });
      await expect(provider().createRefund(refundRequest)).resolves.toEqual({ id: 're_123', status: 'pending' });
      expect(api.requests[0]).toEqual({
        method: 'POST',
        path: '/v1/refunds',
        form: {
          payment_intent: 'pi_123',
          amount: '1000',
          'metadata[orderId]': ORDER_ID,
          'metadata[refundId]': REFUND_ID,
        },
        idempotencyKey: `refund-${REFUND_ID}`,
      });
    });

    it.each([
      ['pending', 'pending'],
      ['requires_action', 'pending'],
      ['succeeded', 'succeeded'],
      ['failed', 'failed'],
      ['canceled', 'failed'],
      ['a_status_added_later', 'pending'],
    ])('reads refund status %s as %s', async (stripeStatus, status) => {
      api.route = () => ({ status: 200, body: refund(stripeStatus) });
      await expect(provider().createRefund(refundRequest)).resolves.toEqual({ id: 're_123', status });
    });

    it.each([
      [
        'an invalid request (nothing left to refund)',
        stripeError(400, 'invalid_request_error', 'charge_already_refunded'),
      ],
      ['a card error', stripeError(402, 'card_error', 'expired_or_canceled_card')],
    ])('calls %s a permanent refusal', async (_what, answer) => {
      api.route = () => answer;
      const error = await rejection(provider().createRefund(refundRequest));
      expect(error.permanent).toBe(true);
      expect(error.message).toBe('Stripe could not refund a payment');
    });

    it.each([
      ['a Stripe outage (500)', stripeError(500, 'api_error')],
      ['a rate limit (429)', stripeError(429, 'invalid_request_error', 'rate_limit')],
      ['an idempotency error', stripeError(400, 'idempotency_error')],
      ['the same key still in flight', stripeError(409, 'invalid_request_error', 'idempotency_key_in_use')],
      ['a rejected key', stripeError(401, 'invalid_request_error')],
    ])('lets the sweep retry after %s (not permanent)', async (_what, answer) => {
      api.route = () => answer;
      expect((await rejection(provider().createRefund(refundRequest))).permanent).toBe(false);
    });
  });

  describe('getRefund', () => {
    it("reads a refund's status", async () => {
      api.route = () => ({ status: 200, body: refund('succeeded') });
      await expect(provider().getRefund('re_123')).resolves.toEqual({ id: 're_123', status: 'succeeded' });
      expect(api.requests[0]).toMatchObject({ method: 'GET', path: '/v1/refunds/re_123' });
    });

    it('answers undefined for a refund Stripe does not know', async () => {
      api.route = () => stripeError(404, 'invalid_request_error', 'resource_missing');
      await expect(provider().getRefund('re_gone')).resolves.toBeUndefined();
    });
  });

  describe('time taken', () => {
    it('fits a 10 s function by default: two attempts of 3 s and one backoff, 6.5 s at worst', () => {
      const worstCaseMs = (STRIPE_DEFAULTS.maxNetworkRetries + 1) * STRIPE_DEFAULTS.timeoutMs + 500;
      expect(worstCaseMs).toBeLessThanOrEqual(6_500);
    });

    it('gives up after its timeout and the configured retries, as a transient failure', async () => {
      api.route = () => 'hang';
      const started = Date.now();
      const error = await rejection(provider({ timeoutMs: 200, maxNetworkRetries: 1 }).getRefund('re_slow'));
      const elapsed = Date.now() - started;
      expect(error.permanent).toBe(false);
      expect(api.requests).toHaveLength(2);
      // 2 x 200 ms plus the SDK's 0.5 s backoff; far below what a stuck request would take.
      expect(elapsed).toBeGreaterThanOrEqual(800);
      expect(elapsed).toBeLessThan(3_000);
    });

    it('retries a Stripe 500 as configured, then succeeds', async () => {
      let calls = 0;
      api.route = () => {
        calls += 1;
        return calls === 1 ? stripeError(500, 'api_error') : { status: 200, body: refund('pending') };
      };
      await expect(provider({ maxNetworkRetries: 1 }).createRefund(refundRequest)).resolves.toMatchObject({
        id: 're_123',
      });
      expect(api.requests.map((request) => request.idempotencyKey)).toEqual([
        `refund-${REFUND_ID}`,
        `refund-${REFUND_ID}`,
      ]);
    });
  });
});
