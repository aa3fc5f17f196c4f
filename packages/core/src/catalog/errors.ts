import { ConflictError, type ErrorDetail } from '../errors';

/**
 * Another writer moved the product (or a concurrent transaction collided with this one) between
 * this write's read and its write. Storage's answer to a lost race: the caller decides whether to
 * read again and retry, or to refuse (an `If-Match` that named the version read). Never shown to a
 * client: `ProductUpdates` turns it into a retry, a 412 or a 409.
 */
export class ProductChangedError extends Error {
  constructor(
    readonly productId: string,
    /** `version-moved`: the product's version is no longer the one read; `collided`: the transaction lost to another. */
    readonly reason: 'version-moved' | 'collided',
    options?: { cause?: unknown },
  ) {
    super(`product ${productId} changed while it was being written (${reason})`, options);
    this.name = 'ProductChangedError';
  }
}

/**
 * The catalog's rule "stock never goes negative", refused: the contract's 409 `INSUFFICIENT_STOCK`
 * naming each short product, whether a conditional write refused it or an edit would break it.
 */
export class InsufficientStockError extends ConflictError {
  constructor(message: string, details: ErrorDetail[]) {
    super('INSUFFICIENT_STOCK', message, details);
  }
}
