import { createDynamoDbClient, createDynamoDbDocumentClient } from '@estore/core/aws';
import { ProductRepository } from '@estore/core/catalog';
import { requireEnv } from '@estore/core/config';
import { CartRepository, OrderRepository } from '@estore/core/order';

/**
 * The order service's and the catalog's tables, shared by name (compose parameters in AWS).
 * Factories, not instances: each handler builds at module scope only what it uses.
 */
export type Db = ReturnType<typeof createDynamoDbDocumentClient>;
export const dynamodbClient = () => createDynamoDbClient();
export const documentClient = (client = dynamodbClient()): Db => createDynamoDbDocumentClient(client);
export const orderRepository = (db: Db) => new OrderRepository(db, requireEnv('ORDERS_TABLE'));
export const cartRepository = (db: Db) => new CartRepository(db, requireEnv('ORDERS_TABLE'));
export const productRepository = (db: Db) => new ProductRepository(db, requireEnv('PRODUCTS_TABLE'));
export const paymentsTableName = () => requireEnv('PAYMENTS_TABLE');
