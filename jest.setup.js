// Keep test output readable: the services' structured logs are for CloudWatch, not for jest.
process.env.POWERTOOLS_LOG_LEVEL = process.env.POWERTOOLS_LOG_LEVEL || 'SILENT';
// Metrics (EMF lines) would flood the test output; tests that check them inject a recording sink.
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
// Lambda runs nodejs22.x; tests run on the machine's Node (20.19+), where the SDK's notice about Node 20's end of support is noise.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
// Test-only (identity, admin): importing a handler module runs `handler = <route>(<factory>())` from its
// src/wiring.ts, which reads these and builds SDK clients (no call is sent). The unit tests build their
// routes with fakes; a run against the stack has the real values already, which `??=` leaves alone.
process.env.AWS_REGION ??= 'us-east-1';
process.env.USER_POOL_ID ??= 'us-east-1_unitTest';
process.env.USER_POOL_CLIENT_ID ??= 'unit-test-client';
process.env.IDENTITY_TABLE ??= 'estore-identity-unit-identity';
process.env.SENDER_ADDRESS ??= 'no-reply@unit.test';
process.env.PASSWORD_MIN_LENGTH ??= '6';
process.env.REFRESH_TOKEN_VALIDITY_DAYS ??= '30';
process.env.REGISTRATIONS_PER_ADDRESS_PER_HOUR ??= '5';
process.env.REGISTRATIONS_PER_CLIENT_PER_HOUR ??= '20';
// Test-only (admin): GET /users signs its cursors; the local stack passes its development key.
process.env.CURSOR_SIGNING_KEY ??= 'unit-test-cursor-signing-key';
// Test-only (order, payment): the tables, bucket and bus their src/wiring.ts factories name, and the checkout's
// payment window; the handlers' unit tests pass fakes, so nothing is ever sent to these.
process.env.ORDERS_TABLE ??= 'estore-order-unit-orders';
process.env.PRODUCTS_TABLE ??= 'estore-catalog-unit-products';
process.env.IMAGES_BUCKET ??= 'estore-catalog-unit-images';
process.env.EVENT_BUS_NAME ??= 'estore-unit';
process.env.PAYMENTS_TABLE ??= 'estore-payment-unit-payments';
process.env.IDEMPOTENCY_TABLE ??= 'estore-order-unit-idempotency';
process.env.ORDER_PAYMENT_WINDOW_MINUTES ??= '30';
process.env.MAX_PENDING_ORDERS ??= '3';
// Test-only (catalog): the products table and the images bucket its src/wiring.ts reads (no call is sent).
process.env.PRODUCTS_TABLE ??= 'estore-catalog-unit-products';
process.env.IMAGES_BUCKET ??= 'estore-catalog-unit-images';
