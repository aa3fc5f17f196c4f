import { ConflictError, PreconditionFailedError, PreconditionRequiredError, ValidationError } from '../errors';
import { retry } from '../retry';
import { InsufficientStockError, ProductChangedError } from './errors';
import { type IfMatch, ifMatchAllows } from './etag';
import { MAX_STOCK, type ProductPatch, type ProductRecord } from './product';
import type { ProductChanges } from './product-items';
import type { ProductRepository } from './product-repository';

/** How many times an edit or a delete reads the product again after losing a race, before giving up (409). */
export const MAX_WRITE_ATTEMPTS = 10;
const RETRY = {
  attempts: MAX_WRITE_ATTEMPTS,
  baseMs: 10,
  capMs: 500,
  retryIf: (error: unknown) => error instanceof ProductChangedError,
  exhausted: () => new ConflictError('EDIT_CONFLICT', 'The product kept changing while it was being saved; try again'),
};

const staleTag = () => new PreconditionFailedError('The product changed since this ETag was read; read it again');

/** The stock after an edit; an adjustment is checked against the stock the write is guarded on. */
export function stockAfter(id: string, stock: number, patch: ProductPatch): number {
  if (patch.stock !== undefined) return patch.stock;
  if (patch.stockAdjustment === undefined) return stock;
  const next = stock + patch.stockAdjustment;
  const detail = {
    field: 'stockAdjustment',
    productId: id,
    requested: Math.abs(patch.stockAdjustment),
    available: stock,
  };
  if (next < 0)
    throw new InsufficientStockError('Not enough stock to remove that many', [
      { ...detail, message: 'not enough stock' },
    ]);
  if (next > MAX_STOCK) {
    throw new ConflictError('STOCK_LIMIT_EXCEEDED', `Stock cannot exceed ${MAX_STOCK}`, [
      { ...detail, max: MAX_STOCK, message: `stock would exceed ${MAX_STOCK}` },
    ]);
  }
  return next;
}

/** The fields a patch leaves the product with: those it gives, the others as read. */
export function patchedFields(current: ProductRecord, patch: ProductPatch): ProductChanges {
  return {
    name: patch.name ?? current.name,
    description: patch.description ?? current.description,
    category: patch.category ?? current.category,
    price: patch.price ?? current.price,
    stock: stockAfter(current.id, current.stock, patch),
  };
}

/**
 * Edits and deletes of products: the preconditions an edit must meet and the retries a lost race
 * earns, above the repository, which writes each attempt atomically guarded by the version read.
 */
export class ProductUpdates {
  constructor(private readonly products: Pick<ProductRepository, 'edit' | 'delete'>) {}

  /**
   * Applies a partial update; undefined when there is no such product.
   *
   * `ifMatch` (the parsed If-Match header) must hold on the current version, else 412; a version
   * that moves before the write is the caller's to resolve (412, never retried). Setting `stock`
   * outright needs it (428): a stale form would otherwise undo a checkout's reservation.
   * Without it, a lost race is retried on fresh data, which is safe because such an edit does not
   * set stock. Only a collision with another transaction (the condition was never evaluated) is
   * retried under a named tag, and the tag is checked again on the fresh read.
   */
  async update(
    id: string,
    patch: ProductPatch,
    options: { ifMatch?: IfMatch; now?: Date } = {},
  ): Promise<ProductRecord | undefined> {
    const { ifMatch, now = new Date() } = options;
    if (patch.stock !== undefined && patch.stockAdjustment !== undefined) {
      throw new ValidationError('Invalid body', [
        { field: 'stockAdjustment', message: 'give either stock or stockAdjustment, not both' },
      ]);
    }
    if (patch.stock !== undefined && !ifMatch) {
      throw new PreconditionRequiredError(
        "Setting stock needs If-Match with the product's ETag; use stockAdjustment to add or remove units",
      );
    }
    return retry(async () => {
      try {
        return await this.products.edit(
          id,
          (current) => {
            if (ifMatch && !ifMatchAllows(ifMatch, current.version)) throw staleTag();
            return patchedFields(current, patch);
          },
          now,
        );
      } catch (error) {
        if (error instanceof ProductChangedError && error.reason === 'version-moved' && ifMatch && !ifMatch.any)
          throw staleTag();
        throw error;
      }
    }, RETRY);
  }

  /** Deletes the product and its search entries, read again after a lost race; returns what was deleted. */
  delete(id: string): Promise<ProductRecord | undefined> {
    return retry(() => this.products.delete(id), RETRY);
  }
}
