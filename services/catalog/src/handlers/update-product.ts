import { type ProductUpdates, parseIfMatch, productIdPathSchema, productPatchSchema } from '@estore/core/catalog';
import { NotFoundError } from '@estore/core/errors';
import { httpHandler, ok, PRODUCT_MANAGERS } from '@estore/core/http';
import { etagOf, type ImageUrls, presenter } from '../presentation';
import { updateProductDependencies } from '../wiring';

export interface UpdateProductDependencies {
  updates: Pick<ProductUpdates, 'update'>;
  images: ImageUrls;
}

/** `PUT /product/{id}`: a partial edit; If-Match makes it conditional (412 when stale) and is required to set stock outright (428). */
export function updateProduct({ updates, images }: UpdateProductDependencies) {
  const present = presenter(images);
  return httpHandler(
    { access: PRODUCT_MANAGERS, path: productIdPathSchema, body: productPatchSchema },
    async ({ path, body, headers }) => {
      const record = await updates.update(path.id, body, { ifMatch: parseIfMatch(headers['if-match']) });
      if (!record) throw new NotFoundError('Product not found');
      return ok(await present(record), etagOf(record));
    },
  );
}

export const handler = updateProduct(updateProductDependencies());
