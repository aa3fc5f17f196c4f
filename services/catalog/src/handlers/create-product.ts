import { newProductSchema, type ProductRepository } from '@estore/core/catalog';
import { created, httpHandler, PRODUCT_MANAGERS } from '@estore/core/http';
import { etagOf, presentNew } from '../presentation';
import { createProductDependencies } from '../wiring';

export interface CreateProductDependencies {
  products: Pick<ProductRepository, 'create'>;
}

/** `POST /product`: a new product, with no images yet. */
export function createProduct({ products }: CreateProductDependencies) {
  return httpHandler({ access: PRODUCT_MANAGERS, body: newProductSchema }, async ({ body }) => {
    const record = await products.create(body);
    return created(await presentNew(record), etagOf(record));
  });
}

export const handler = createProduct(createProductDependencies());
