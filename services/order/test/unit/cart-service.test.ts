import { type ProductRecord } from '@estore/core/catalog';
import { AppError, ValidationError } from '@estore/core/errors';
import { type CartLine, type CartRepository, type StoredCart } from '@estore/core/order';
import { rejectionOf } from '@estore/testkit';
import { CartService } from '../../src/cart-service';
import { image, product } from './fixtures';

const NOW = new Date('2026-03-01T12:00:00.000Z');

/** One user's cart in memory, with the repository's contract: a save holds only at the version read. */
class FakeCarts {
  cart?: StoredCart;
  saves = 0;
  /** Runs at the next save, before its version is checked: another edit landing first. */
  beforeNextSave?: () => void;

  async get(): Promise<StoredCart | undefined> {
    return this.cart && structuredClone(this.cart);
  }

  async save(user: string, lines: CartLine[], expectedVersion: number | undefined, now: Date): Promise<boolean> {
    this.saves += 1;
    const hook = this.beforeNextSave;
    this.beforeNextSave = undefined;
    hook?.();
    if (this.cart?.version !== expectedVersion) return false;
    this.cart = { user, lines, version: (expectedVersion ?? 0) + 1, updatedAt: now.toISOString() };
    return true;
  }

  asRepository(): CartRepository {
    return this as unknown as CartRepository;
  }
}

describe('CartService', () => {
  let carts: FakeCarts;
  let catalog: Map<string, ProductRecord>;
  let service: CartService;

  beforeEach(() => {
    carts = new FakeCarts();
    catalog = new Map(
      [product('mug', 999, [image(1, 'img/mug-1.png'), image(2, 'img/mug-2.png')]), product('pen', 250)].map((p) => [
        p.id,
        p,
      ]),
    );
    service = new CartService(
      carts.asRepository(),
      { getMany: async (ids) => ids.flatMap((id) => (catalog.has(id) ? [catalog.get(id)!] : [])) },
      async (key) => `https://images.test/${key}`,
      () => NOW,
    );
  });

  afterEach(() => jest.restoreAllMocks());

  const failure = (promise: Promise<unknown>): Promise<AppError> => rejectionOf(promise, AppError);

  describe('setCounts', () => {
    it('refuses unknown products with UNKNOWN_PRODUCT naming each one, and saves nothing', async () => {
      const error = await failure(
        service.setCounts('alice', [
          { productId: 'mug', count: 1 },
          { productId: 'ghost', count: 1 },
          { productId: 'phantom', count: 2 },
        ]),
      );
      expect(error).toBeInstanceOf(ValidationError);
      expect(error.code).toBe('UNKNOWN_PRODUCT');
      expect(error.details).toEqual([
        { field: 'items', productId: 'ghost', message: 'no such product' },
        { field: 'items', productId: 'phantom', message: 'no such product' },
      ]);
      expect(carts.saves).toBe(0);
    });

    it('lets a line of a deleted product be removed with count 0', async () => {
      carts.cart = {
        user: 'alice',
        lines: [
          { productId: 'gone', count: 1 },
          { productId: 'pen', count: 1 },
        ],
        version: 3,
        updatedAt: '2026-02-01T00:00:00.000Z',
      };

      const cart = await service.setCounts('alice', [{ productId: 'gone', count: 0 }]);

      expect(carts.cart.lines).toEqual([{ productId: 'pen', count: 1 }]);
      expect(cart.items.map((item) => item.productId)).toEqual(['pen']);
    });

    it('saves the counts and answers the cart priced now', async () => {
      const cart = await service.setCounts('alice', [{ productId: 'mug', count: 2 }]);

      expect(cart).toEqual({
        items: [
          {
            productId: 'mug',
            name: 'Product mug',
            category: 'Books',
            price: 999,
            count: 2,
            lineTotal: 1998,
            image: 'https://images.test/img/mug-1.png',
          },
        ],
        amount: 1998,
        currency: 'usd',
        updatedAt: NOW.toISOString(),
      });
      expect(carts.cart).toEqual({
        user: 'alice',
        lines: [{ productId: 'mug', count: 2 }],
        version: 1,
        updatedAt: NOW.toISOString(),
      });
    });

    it("retries after a version conflict and keeps the other edit's line", async () => {
      carts.cart = {
        user: 'alice',
        lines: [{ productId: 'mug', count: 1 }],
        version: 1,
        updatedAt: '2026-02-01T00:00:00.000Z',
      };
      carts.beforeNextSave = () => {
        carts.cart = {
          user: 'alice',
          lines: [
            { productId: 'mug', count: 1 },
            { productId: 'pen', count: 4 },
          ],
          version: 2,
          updatedAt: '2026-02-01T00:00:01.000Z',
        };
      };

      const cart = await service.setCounts('alice', [{ productId: 'mug', count: 3 }]);

      expect(carts.saves).toBe(2);
      expect(carts.cart?.lines).toEqual([
        { productId: 'mug', count: 3 },
        { productId: 'pen', count: 4 },
      ]);
      expect(cart.amount).toBe(3 * 999 + 4 * 250);
    });

    it('gives up with 409 CART_CONFLICT when the cart keeps changing', async () => {
      jest.spyOn(Math, 'random').mockReturnValue(0); // no back-off wait
      carts.cart = { user: 'alice', lines: [], version: 1, updatedAt: '2026-02-01T00:00:00.000Z' };
      const bump = () => {
        carts.cart = { ...carts.cart!, version: carts.cart!.version + 1 };
        carts.beforeNextSave = bump;
      };
      carts.beforeNextSave = bump;

      const error = await failure(service.setCounts('alice', [{ productId: 'mug', count: 1 }]));

      expect({ status: error.status, code: error.code }).toEqual({ status: 409, code: 'CART_CONFLICT' });
      expect(carts.saves).toBe(8);
    });
  });

  describe('merge', () => {
    it('leaves out products deleted since the browser cart was filled, larger counts winning', async () => {
      carts.cart = {
        user: 'alice',
        lines: [{ productId: 'mug', count: 3 }],
        version: 1,
        updatedAt: '2026-02-01T00:00:00.000Z',
      };

      const cart = await service.merge('alice', [
        { productId: 'mug', count: 1 },
        { productId: 'gone', count: 2 },
        { productId: 'pen', count: 2 },
      ]);

      expect(carts.cart.lines).toEqual([
        { productId: 'mug', count: 3 },
        { productId: 'pen', count: 2 },
      ]);
      expect(cart.amount).toBe(3 * 999 + 2 * 250);
    });
  });

  describe('view', () => {
    it('answers an empty cart for a user who never saved one', async () => {
      await expect(service.view('alice')).resolves.toEqual({ items: [], amount: 0, currency: 'usd', updatedAt: null });
    });

    it('prices lines at current prices and drops products deleted since', async () => {
      carts.cart = {
        user: 'alice',
        lines: [
          { productId: 'pen', count: 2 },
          { productId: 'gone', count: 1 },
        ],
        version: 4,
        updatedAt: '2026-02-01T00:00:00.000Z',
      };
      catalog.set('pen', product('pen', 300));

      const cart = await service.view('alice');

      expect(cart.items).toEqual([
        { productId: 'pen', name: 'Product pen', category: 'Books', price: 300, count: 2, lineTotal: 600, image: null },
      ]);
      expect(cart.amount).toBe(600);
      expect(cart.updatedAt).toBe('2026-02-01T00:00:00.000Z');
      expect(carts.saves).toBe(0);
    });

    it("shows each line with its product's first image", async () => {
      catalog.set('mug', product('mug', 999, [image(2, 'img/second.png'), image(3, 'img/third.png')]));
      carts.cart = {
        user: 'alice',
        lines: [{ productId: 'mug', count: 1 }],
        version: 1,
        updatedAt: '2026-02-01T00:00:00.000Z',
      };

      expect((await service.view('alice')).items[0].image).toBe('https://images.test/img/second.png');
    });
  });
});
