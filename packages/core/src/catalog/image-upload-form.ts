import { createPresignedPost, type PresignedPost } from '@aws-sdk/s3-presigned-post';
import { imageKey, MAX_IMAGE_BYTES, type ProductImageStore, UPLOAD_FORM_TTL_SECONDS } from './images';
import type { ImageSlot, ImageType } from './product';

/**
 * A form a browser posts the file with: S3 enforces the size range and the exact content type.
 * Apart from the store so only the upload function bundles the presigned-POST library.
 */
export async function imageUploadForm(
  store: ProductImageStore,
  productId: string,
  slot: ImageSlot,
  fileType: ImageType,
): Promise<PresignedPost & { key: string }> {
  const key = imageKey(productId, slot);
  const post = await createPresignedPost(store.s3, {
    Bucket: store.bucket,
    Key: key,
    Conditions: [
      ['content-length-range', 0, MAX_IMAGE_BYTES],
      ['eq', '$Content-Type', fileType],
    ],
    Fields: { 'Content-Type': fileType },
    Expires: UPLOAD_FORM_TTL_SECONDS,
  });
  return { ...post, key };
}
