import { imageKey, imageSlotQuerySchema, productIdPathSchema } from '@estore/core/catalog';
import { NotFoundError } from '@estore/core/errors';
import { httpHandler, noContent } from '@estore/core/http';
import { imageStore, productRepository } from '../dependencies';

const products = productRepository();
const images = imageStore();

export const handler = httpHandler(
  {
    access: { anyOf: ['manage_product_group', 'admin_group'] },
    path: productIdPathSchema,
    query: imageSlotQuerySchema,
  },
  async ({ path, query }) => {
    const product = await products.get(path.id);
    if (!product) throw new NotFoundError('Product not found');
    // Object first: if the slot were emptied first and the delete failed, nothing would point at the orphan.
    await images.delete(imageKey(path.id, query.slot));
    if (!(await products.clearImage(path.id, query.slot))) throw new NotFoundError('Product not found');
    return noContent();
  },
);
