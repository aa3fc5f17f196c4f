import { newProductSchema } from '@estore/core/catalog';
import { created, httpHandler } from '@estore/core/http';
import { etagOf, presentNew, productRepository } from '../dependencies';

const products = productRepository();

export const handler = httpHandler(
  { access: { anyOf: ['manage_product_group', 'admin_group'] }, body: newProductSchema },
  async ({ body }) => {
    const record = await products.create(body);
    return created(await presentNew(record), etagOf(record));
  },
);
