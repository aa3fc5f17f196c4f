import { createDynamoDbClient, createDynamoDbDocumentClient } from '@estore/core/aws';
import { ProductRepository } from '@estore/core/catalog';
import { requireEnv } from '@estore/core/config';
import { CartRepository, OrderRepository } from '@estore/core/order';

/** The order service's and the catalog's tables, shared by name (compose parameters in AWS). */
export const dynamodb = createDynamoDbClient();
export const db = createDynamoDbDocumentClient(dynamodb);
export const orders = new OrderRepository(db, requireEnv('ORDERS_TABLE'));
export const carts = new CartRepository(db, requireEnv('ORDERS_TABLE'));
export const products = new ProductRepository(db, requireEnv('PRODUCTS_TABLE'));
export const paymentsTable = requireEnv('PAYMENTS_TABLE');
