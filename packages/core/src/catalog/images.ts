import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { logger } from '../logger';
import { IMAGE_SLOTS, type ImageSlot } from './product';

/** Uploads larger than this are refused by S3 itself (the POST policy's content-length-range). */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
export const UPLOAD_FORM_TTL_SECONDS = 300;
export const IMAGE_URL_TTL_SECONDS = 3600;
export const IMAGE_KEY_PREFIX = 'products/';

/** The object key of a product's image slot: derived on the server, never taken from a client. */
export function imageKey(productId: string, slot: ImageSlot): string {
  return `${IMAGE_KEY_PREFIX}${productId}/${slot}`;
}

/** Reads back (productId, slot) from an object key; undefined for anything the catalog did not issue. */
export function parseImageKey(key: string): { productId: string; slot: ImageSlot } | undefined {
  const match = /^products\/([A-Za-z0-9_-]{1,64})\/([0-9])$/.exec(key);
  if (!match) return undefined;
  const slot = Number(match[2]);
  if (!(IMAGE_SLOTS as readonly number[]).includes(slot)) return undefined;
  return { productId: match[1], slot: slot as ImageSlot };
}

/**
 * Product images in a private bucket: browsers upload with a presigned POST and read through
 * short-lived presigned GET URLs, so the bucket never needs public access.
 */
export class ProductImageStore {
  constructor(
    readonly s3: S3Client,
    readonly bucket: string,
    private readonly urlTtlSeconds = IMAGE_URL_TTL_SECONDS,
  ) {}

  /** A URL a browser can load the image from for a while. */
  viewUrl(key: string): Promise<string> {
    return getSignedUrl(this.s3, new GetObjectCommand({ Bucket: this.bucket, Key: key }), {
      expiresIn: this.urlTtlSeconds,
    });
  }

  /**
   * The object's content type, or undefined when it no longer exists. S3 answers HeadObject of a
   * missing key with 403, not 404, unless the caller may also list the bucket; the role has a
   * prefix-scoped s3:ListBucket, but S3 may not apply a prefix condition to that implicit check,
   * so 403 counts as gone too. A role that truly lost s3:GetObject would then record no images:
   * visible in the log line below, where retrying could never have fixed it anyway.
   */
  async contentType(key: string): Promise<string | undefined> {
    try {
      const head = await this.s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return head.ContentType ?? 'application/octet-stream';
    } catch (error) {
      const { name, $metadata } = error as { name?: string; $metadata?: { httpStatusCode?: number } };
      if (name === 'NotFound' || name === 'NoSuchKey' || $metadata?.httpStatusCode === 404) return undefined;
      if (name === 'Forbidden' || name === 'AccessDenied' || $metadata?.httpStatusCode === 403) {
        logger.info('image object not readable (403): treated as deleted', { key });
        return undefined;
      }
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.s3.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }
}
