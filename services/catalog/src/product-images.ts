import {
  IMAGE_SLOTS,
  IMAGE_TYPES,
  type ImageSlot,
  type ImageType,
  imageKey,
  type ProductImageStore,
  type ProductRepository,
  parseImageKey,
} from '@estore/core/catalog';
import { NotFoundError } from '@estore/core/errors';
import { logger } from '@estore/core/logger';

// What the catalog does with product images, one function per route or event, each taking exactly
// the parts it uses: only the upload route bundles the presigned-POST library (through its signer).

/** A presigned POST for one image slot (`imageUploadForm` over the bucket, in production). */
export type UploadFormSigner = (
  productId: string,
  slot: ImageSlot,
  fileType: ImageType,
) => Promise<{ url: string; fields: Record<string, string>; key: string }>;

export interface UploadFormDependencies {
  products: Pick<ProductRepository, 'get'>;
  signUploadForm: UploadFormSigner;
}

/** Hands the browser a presigned POST for one slot of an existing product; the upload event records it. */
export async function issueUploadForm(
  { products, signUploadForm }: UploadFormDependencies,
  productId: string,
  slot: ImageSlot,
  fileType: ImageType,
): Promise<{ url: string; fields: Record<string, string>; key: string }> {
  const product = await products.get(productId);
  if (!product) throw new NotFoundError('Product not found');
  const form = await signUploadForm(product.id, slot, fileType);
  return { url: form.url, fields: form.fields, key: form.key };
}

export interface ImageRemovalDependencies {
  products: Pick<ProductRepository, 'get' | 'clearImage'>;
  images: Pick<ProductImageStore, 'delete'>;
}

/** Deletes one image of a product and empties its slot. */
export async function removeImage(
  { products, images }: ImageRemovalDependencies,
  productId: string,
  slot: ImageSlot,
): Promise<void> {
  const product = await products.get(productId);
  if (!product) throw new NotFoundError('Product not found');
  // Object first: if the slot were emptied first and the delete failed, nothing would point at the orphan.
  await images.delete(imageKey(productId, slot));
  if (!(await products.clearImage(productId, slot))) throw new NotFoundError('Product not found');
}

/**
 * Deletes every image slot of a deleted product, recorded or not: an upload may have landed
 * without being recorded yet. An object that lands later is removed by the upload event, which
 * finds no product. A failure is logged, not thrown: the product is gone either way.
 */
export async function removeAllImages(images: Pick<ProductImageStore, 'delete'>, productId: string): Promise<void> {
  const results = await Promise.allSettled(IMAGE_SLOTS.map((slot) => images.delete(imageKey(productId, slot))));
  for (const result of results) {
    if (result.status === 'rejected')
      logger.warn('could not delete an image of a deleted product', { productId, error: result.reason as Error });
  }
}

export interface UploadRecordingDependencies {
  products: Pick<ProductRepository, 'setImage'>;
  images: Pick<ProductImageStore, 'contentType' | 'delete'>;
}

/**
 * Records an uploaded object in its product's slot. Replays are harmless (the slot is set to the
 * same value); an object for an unknown or deleted product, or of a type the catalog never issues
 * forms for, is removed.
 */
export async function recordUpload(
  { products, images }: UploadRecordingDependencies,
  key: string,
  uploadedAt: string,
): Promise<void> {
  const target = parseImageKey(key);
  if (!target) {
    logger.warn('ignoring an object the catalog did not issue', { key });
    return;
  }
  const contentType = await images.contentType(key);
  if (contentType === undefined) return; // deleted since: nothing to record
  if (!(IMAGE_TYPES as readonly string[]).includes(contentType)) {
    logger.warn('removing an upload of a type the catalog does not accept', { key, contentType });
    await images.delete(key);
    return;
  }
  const recorded = await products.setImage(target.productId, { slot: target.slot, key, contentType, uploadedAt });
  if (!recorded) {
    logger.info('removing an image of a product that does not exist', { key });
    await images.delete(key);
  }
}
