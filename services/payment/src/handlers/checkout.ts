import { createEventBridgeClient } from '@estore/core/aws';
import { requireEnv, requireIntEnv } from '@estore/core/config';
import { EVENT_SOURCES, EventPublisher } from '@estore/core/events';
import { created, httpHandler, strictObject, validate } from '@estore/core/http';
import { type Location, locationSchema, OrderLifecycle } from '@estore/core/order';
import { paymentProviderFromEnv } from '@estore/core/payments';
import * as v from 'valibot';
import { CheckoutService } from '../checkout-service';
import { idempotentCheckout } from '../idempotent-checkout';
import {
  cartRepository,
  documentClient,
  dynamodbClient,
  orderRepository,
  paymentsTableName,
  productRepository,
} from '../tables';

const dynamodb = dynamodbClient();
const db = documentClient(dynamodb);
const orders = orderRepository(db);
const products = productRepository(db);

const publisher = new EventPublisher(createEventBridgeClient(), requireEnv('EVENT_BUS_NAME'), EVENT_SOURCES.order);
const provider = paymentProviderFromEnv();
const service = new CheckoutService({
  db,
  carts: cartRepository(db),
  orders,
  products,
  lifecycle: new OrderLifecycle({ orders, products, publisher }),
  provider,
  publisher,
  paymentWindowMinutes: requireIntEnv('ORDER_PAYMENT_WINDOW_MINUTES'),
});
const idempotent = idempotentCheckout(service, dynamodb, paymentsTableName());

const bodySchema = strictObject({ location: v.unknown() });
const idempotencyKey = v.pipe(
  v.string(),
  v.trim(),
  v.nonEmpty(),
  v.maxLength(255),
  v.regex(/^[\x21-\x7e]+$/, 'Idempotency-Key must be printable ASCII without spaces'),
);

/** `POST /payment/checkout`: places an order from the caller's cart and opens its payment. */
export const handler = httpHandler(
  { access: 'signed-in', body: bodySchema },
  async ({ body, headers, principal, lambdaContext }) => {
    // A bad location has its own code, so a storefront can point at the address form.
    const location = validate<Location>(locationSchema, body.location, 'location', 'INVALID_LOCATION');
    const key = headers['idempotency-key'];
    if (key === undefined) return created(await service.checkout(principal.username, location));
    const checkedKey = validate<string>(idempotencyKey, key, 'Idempotency-Key');
    return idempotent({ user: principal.username, key: checkedKey, request: { location } }, lambdaContext);
  },
);
