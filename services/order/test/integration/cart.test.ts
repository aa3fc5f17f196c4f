import { createDynamoDbDocumentClient } from '@estore/core/aws';
import { ProductRepository } from '@estore/core/catalog';
import { requireEnv } from '@estore/core/config';
import { CartRepository } from '@estore/core/order';
import { uniqueName } from '@estore/testkit';
import { CartService } from '../../src/cart-service';

// Carts on DynamoDB Local: versioned writes under real concurrency.
jest.setTimeout(30_000);

const db = createDynamoDbDocumentClient();
const carts = new CartRepository(db, requireEnv('ORDERS_TABLE'));
const products = new ProductRepository(db, requireEnv('PRODUCTS_TABLE'));
const service = new CartService(carts, products, async (key) => `https://images.test/${key}`);

describe('carts on DynamoDB Local', () => {
  it('never loses a line when ten edits of one cart arrive at once', async () => {
    const items = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        products.create({ name: `Cart Race ${i} ${uniqueName('c')}`, category: 'Grocery', price: 100 + i, stock: 50 }),
      ),
    );
    const user = uniqueName('cart_');
    await Promise.all(items.map((item, i) => service.setCounts(user, [{ productId: item.id, count: i + 1 }])));
    const cart = await service.view(user);
    expect(cart.items.map((line) => [line.productId, line.count]).sort()).toEqual(
      items.map((item, i) => [item.id, i + 1]).sort(),
    );
    expect(cart.amount).toBe(items.reduce((sum, item, i) => sum + item.price * (i + 1), 0));
    expect((await carts.get(user))?.version).toBe(10);
  });

  it('keeps the larger count when a browser cart is merged twice, concurrently', async () => {
    const item = await products.create({
      name: `Merge Race ${uniqueName('m')}`,
      category: 'Grocery',
      price: 250,
      stock: 50,
    });
    const user = uniqueName('cart_');
    await service.setCounts(user, [{ productId: item.id, count: 2 }]);
    await Promise.all([
      service.merge(user, [{ productId: item.id, count: 5 }]),
      service.merge(user, [{ productId: item.id, count: 3 }]),
    ]);
    expect((await service.view(user)).items).toEqual([
      expect.objectContaining({ productId: item.id, count: 5, lineTotal: 1250 }),
    ]);
  });
});
