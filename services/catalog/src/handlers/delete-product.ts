import { type ProductImageStore, type ProductUpdates, productIdPathSchema } from '@estore/core/catalog';
import { NotFoundError } from '@estore/core/errors';
import { httpHandler, noContent, PRODUCT_MANAGERS } from '@estore/core/http';
import { removeAllImages } from '../product-images';
import { deleteProductDependencies } from '../wiring';

export interface DeleteProductDependencies {
  updates: Pick<ProductUpdates, 'delete'>;
  images: Pick<ProductImageStore, 'delete'>;
}

/** `DELETE /product/{id}`: the product, its search entries, then its images. */
export function deleteProduct({ updates, images }: DeleteProductDependencies) {
  return httpHandler({ access: PRODUCT_MANAGERS, path: productIdPathSchema }, async ({ path }) => {
    const deleted = await updates.delete(path.id);
    if (!deleted) throw new NotFoundError('Product not found');
    await removeAllImages(images, path.id);
    return noContent();
  });
}

export const handler = deleteProduct(deleteProductDependencies());
