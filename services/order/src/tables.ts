import { createDynamoDbDocumentClient } from '@estore/core/aws';
import { ProductRepository } from '@estore/core/catalog';
import { requireEnv } from '@estore/core/config';
import { CartRepository, OrderRepository } from '@estore/core/order';

/** The order service's tables and the catalog's (read for prices, written for stock releases). */
const db = createDynamoDbDocumentClient();
export const orders = new OrderRepository(db, requireEnv('ORDERS_TABLE'));
export const carts = new CartRepository(db, requireEnv('ORDERS_TABLE'));
export const products = new ProductRepository(db, requireEnv('PRODUCTS_TABLE'));
