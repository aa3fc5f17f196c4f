import { IMAGE_TYPES, parseImageKey } from '@estore/core/catalog';
import { logger } from '@estore/core/logger';
import type { S3Event } from 'aws-lambda';
import { imageStore, productRepository } from '../dependencies';

const products = productRepository();
const images = imageStore();

/** S3 URL-encodes keys in events, with '+' for spaces. */
const objectKey = (raw: string): string => decodeURIComponent(raw.replace(/\+/g, ' '));

/**
 * S3 ObjectCreated: records the image in its product's slot. Replays are harmless (the slot is
 * set to the same value); an object for an unknown or deleted product, or of a type the catalog
 * never issues forms for, is removed.
 */
export const handler = async (event: S3Event): Promise<void> => {
  for (const record of event.Records) {
    const key = objectKey(record.s3.object.key);
    const target = parseImageKey(key);
    if (!target) {
      logger.warn('ignoring an object the catalog did not issue', { key });
      continue;
    }
    const contentType = await images.contentType(key);
    if (contentType === undefined) continue; // deleted since: nothing to record
    if (!(IMAGE_TYPES as readonly string[]).includes(contentType)) {
      logger.warn('removing an upload of a type the catalog does not accept', { key, contentType });
      await images.delete(key);
      continue;
    }
    const recorded = await products.setImage(target.productId, {
      slot: target.slot,
      key,
      contentType,
      uploadedAt: record.eventTime ?? new Date().toISOString(),
    });
    if (!recorded) {
      logger.info('removing an image of a product that does not exist', { key });
      await images.delete(key);
    }
  }
};
