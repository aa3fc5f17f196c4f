import { type ProductRepository, productIdPathSchema } from '@estore/core/catalog';
import { NotFoundError } from '@estore/core/errors';
import { httpHandler, ok } from '@estore/core/http';
import { etagOf, type ImageUrls, presenter } from '../presentation';
import { getProductDependencies } from '../wiring';

export interface GetProductDependencies {
  products: Pick<ProductRepository, 'get'>;
  images: ImageUrls;
}

/** `GET /product/{id}`: one product, with its ETag for a later conditional edit. */
export function getProduct({ products, images }: GetProductDependencies) {
  const present = presenter(images);
  return httpHandler({ access: 'public', path: productIdPathSchema }, async ({ path }) => {
    const record = await products.get(path.id);
    if (!record) throw new NotFoundError('Product not found');
    return ok(await present(record), etagOf(record));
  });
}

export const handler = getProduct(getProductDependencies());
