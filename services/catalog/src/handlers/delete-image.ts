import { imageSlotQuerySchema, productIdPathSchema } from '@estore/core/catalog';
import { httpHandler, noContent, PRODUCT_MANAGERS } from '@estore/core/http';
import { type ImageRemovalDependencies, removeImage } from '../product-images';
import { deleteImageDependencies } from '../wiring';

export type DeleteImageDependencies = ImageRemovalDependencies;

/** `DELETE /product/{id}/image?slot=`: the image object, then its slot. */
export function deleteImage(deps: DeleteImageDependencies) {
  return httpHandler(
    {
      access: PRODUCT_MANAGERS,
      path: productIdPathSchema,
      query: imageSlotQuerySchema,
    },
    async ({ path, query }) => {
      await removeImage(deps, path.id, query.slot);
      return noContent();
    },
  );
}

export const handler = deleteImage(deleteImageDependencies());
