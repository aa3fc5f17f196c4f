import { created, httpHandler, newProductSchema } from '@estore/core';
import { present, products } from '../dependencies';

export const handler = httpHandler(
  { access: { anyOf: ['manage_product_group', 'admin_group'] }, body: newProductSchema },
  async ({ body }) => created(await present(await products.create(body))),
);
