import { CURRENCY, type ProductRecord, type ProductRepository } from '@estore/core/catalog';
import { ConflictError, ValidationError } from '@estore/core/errors';
import { type Cart, type CartLine, type CartRepository, priceLines } from '@estore/core/order';
import { mergeLines, setCounts } from './domain/cart-lines';

const MAX_EDIT_ATTEMPTS = 8;

/**
 * Carts priced on every read from the catalog's current prices (one BatchGetItem). Edits are
 * read-modify-write on a version, retried when another edit got there first.
 */
export class CartService {
  constructor(
    private readonly carts: CartRepository,
    private readonly products: Pick<ProductRepository, 'getMany'>,
    private readonly imageUrl: (key: string) => Promise<string>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async view(user: string): Promise<Cart> {
    const cart = await this.carts.get(user);
    const lines = cart?.lines ?? [];
    return this.present(
      lines,
      await this.products.getMany(lines.map((line) => line.productId)),
      cart?.updatedAt ?? null,
    );
  }

  /** `POST /order/create`: sets counts; a product the catalog does not have is a 400 naming it. */
  async setCounts(user: string, changes: CartLine[]): Promise<Cart> {
    const wanted = changes.filter((line) => line.count > 0).map((line) => line.productId);
    const found = new Set((await this.products.getMany(wanted)).map((product) => product.id));
    const unknown = wanted.filter((id) => !found.has(id));
    if (unknown.length > 0) {
      throw new ValidationError(
        'Some products do not exist',
        unknown.map((productId) => ({ field: 'items', productId, message: 'no such product' })),
        'UNKNOWN_PRODUCT',
      );
    }
    return this.edit(user, (lines) => setCounts(lines, changes));
  }

  /** `POST /order/cart`: merges a browser cart; products deleted since it was filled are left out. */
  async merge(user: string, browser: CartLine[]): Promise<Cart> {
    const existing = new Set(
      (await this.products.getMany(browser.map((line) => line.productId))).map((product) => product.id),
    );
    return this.edit(user, (lines) =>
      mergeLines(
        lines,
        browser.filter((line) => existing.has(line.productId)),
      ),
    );
  }

  private async edit(user: string, change: (lines: CartLine[]) => CartLine[]): Promise<Cart> {
    for (let attempt = 1; attempt <= MAX_EDIT_ATTEMPTS; attempt += 1) {
      const cart = await this.carts.get(user);
      const lines = change(cart?.lines ?? []);
      const now = this.now();
      if (await this.carts.save(user, lines, cart?.version, now)) {
        return this.present(lines, await this.products.getMany(lines.map((line) => line.productId)), now.toISOString());
      }
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
    throw new ConflictError('CART_CONFLICT', 'The cart kept changing while it was being saved; try again');
  }

  private async present(lines: CartLine[], products: ProductRecord[], updatedAt: string | null): Promise<Cart> {
    const priced = priceLines(lines, products);
    const byId = new Map(products.map((product) => [product.id, product]));
    const items = await Promise.all(
      priced.items.map(async (item) => {
        const image = byId.get(item.productId)?.images[0];
        return { ...item, image: image ? await this.imageUrl(image.key) : null };
      }),
    );
    return { items, amount: priced.amount, currency: CURRENCY, updatedAt };
  }
}
