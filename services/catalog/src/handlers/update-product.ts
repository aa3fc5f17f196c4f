import { NotFoundError, httpHandler, ok, productIdPathSchema, productPatchSchema } from '@estore/core';
import { present, products } from '../dependencies';

export const handler = httpHandler(
  { access: { anyOf: ['manage_product_group', 'admin_group'] }, path: productIdPathSchema, body: productPatchSchema },
  async ({ path, body }) => {
    const record = await products.update(path.id, body);
    if (!record) throw new NotFoundError('Product not found');
    return ok(await present(record));
  },
);
