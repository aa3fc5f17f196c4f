import { IMAGE_SLOTS, imageKey, productIdPathSchema } from '@estore/core/catalog';
import { NotFoundError } from '@estore/core/errors';
import { httpHandler, noContent } from '@estore/core/http';
import { logger } from '@estore/core/logger';
import { imageStore, productRepository } from '../dependencies';

const products = productRepository();
const images = imageStore();

export const handler = httpHandler(
  { access: { anyOf: ['manage_product_group', 'admin_group'] }, path: productIdPathSchema },
  async ({ path }) => {
    const deleted = await products.delete(path.id);
    if (!deleted) throw new NotFoundError('Product not found');
    // Every slot, recorded or not: an upload may have landed without being recorded yet. An object
    // that lands later is removed by the upload event, which finds no product.
    const results = await Promise.allSettled(IMAGE_SLOTS.map((slot) => images.delete(imageKey(path.id, slot))));
    for (const result of results) {
      if (result.status === 'rejected')
        logger.warn('could not delete an image of a deleted product', {
          productId: path.id,
          error: result.reason as Error,
        });
    }
    return noContent();
  },
);
