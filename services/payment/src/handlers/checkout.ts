import * as v from 'valibot';
import {
  EVENT_SOURCES,
  EventPublisher,
  OrderLifecycle,
  createEventBridgeClient,
  createPaymentProvider,
  created,
  httpHandler,
  loadPaymentSecrets,
  locationSchema,
  once,
  requireEnv,
  requireIntEnv,
  strictObject,
  validate,
  type Location,
} from '@estore/core';
import { CheckoutService } from '../checkout-service';
import { idempotentCheckout } from '../idempotent-checkout';
import { carts, db, dynamodb, orders, paymentsTable, products } from '../tables';

const publisher = new EventPublisher(createEventBridgeClient(), requireEnv('EVENT_BUS_NAME'), EVENT_SOURCES.order);
const provider = once(async () => createPaymentProvider(await loadPaymentSecrets()));
const service = new CheckoutService({
  db,
  carts,
  orders,
  products,
  lifecycle: new OrderLifecycle({ orders, products, publisher }),
  provider,
  publisher,
  paymentWindowMinutes: requireIntEnv('ORDER_PAYMENT_WINDOW_MINUTES'),
});
const idempotent = idempotentCheckout(service, dynamodb, paymentsTable);

const bodySchema = strictObject({ location: v.unknown() });
const idempotencyKey = v.pipe(v.string(), v.trim(), v.nonEmpty(), v.maxLength(255), v.regex(/^[\x21-\x7e]+$/, 'Idempotency-Key must be printable ASCII without spaces'));

/** `POST /payment/checkout`: places an order from the caller's cart and opens its payment. */
export const handler = httpHandler({ access: 'signed-in', body: bodySchema }, async ({ body, headers, principal, lambdaContext }) => {
  // A bad location has its own code, so a storefront can point at the address form.
  const location = validate<Location>(locationSchema, body.location, 'location', 'INVALID_LOCATION');
  const key = headers['idempotency-key'];
  if (key === undefined) return created(await service.checkout(principal.username, location));
  const checkedKey = validate<string>(idempotencyKey, key, 'Idempotency-Key');
  return idempotent({ user: principal.username, key: checkedKey, request: { location } }, lambdaContext);
});
