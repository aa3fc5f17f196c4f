import { createDynamoDbDocumentClient } from '@estore/core/aws';
import { ProductRepository } from '@estore/core/catalog';
import { requireEnv } from '@estore/core/config';
import { CartRepository, OrderRepository } from '@estore/core/order';
import type { CursorCodecSource } from '@estore/core/pagination';

/**
 * The order service's tables and the catalog's (read for prices, written for stock releases).
 * Factories, not instances: each handler builds at module scope only what it uses, so a function
 * never constructs a repository or reads a table name it does not need (and the bundler drops
 * the factories it never calls).
 */
export type Db = ReturnType<typeof createDynamoDbDocumentClient>;
export const documentClient = (): Db => createDynamoDbDocumentClient();
/** Only the listing function passes a cursor codec (and so bundles the signing key's loader). */
export const orderRepository = (db: Db, cursors?: CursorCodecSource) =>
  new OrderRepository(db, requireEnv('ORDERS_TABLE'), cursors);
export const cartRepository = (db: Db) => new CartRepository(db, requireEnv('ORDERS_TABLE'));
export const productRepository = (db: Db) => new ProductRepository(db, requireEnv('PRODUCTS_TABLE'));
