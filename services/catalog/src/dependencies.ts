import { createDynamoDbDocumentClient, createS3Client } from '@estore/core/aws';
import {
  type Product,
  ProductImageStore,
  type ProductRecord,
  ProductRepository,
  productETag,
  toProduct,
} from '@estore/core/catalog';
import { requireEnv } from '@estore/core/config';
import type { CursorCodecSource } from '@estore/core/pagination';

// Factories, not instances: each handler builds at load what it runs, so a function that touches no
// image (POST /product) bundles no S3 client.

/** The products table; only the listing function passes a cursor codec (and bundles the key's loader). */
export const productRepository = (cursors?: CursorCodecSource) =>
  new ProductRepository(createDynamoDbDocumentClient(), requireEnv('PRODUCTS_TABLE'), cursors);

/** The bucket of product images. */
export const imageStore = () => new ProductImageStore(createS3Client(), requireEnv('IMAGES_BUCKET'));

/** The API shape of a stored product, with image URLs a browser can load. */
export const presenter =
  (images: ProductImageStore) =>
  (record: ProductRecord): Promise<Product> =>
    toProduct(record, (key) => images.viewUrl(key));

/** The API shape of a product just created: it has no images yet, so there is no URL to sign. */
export const presentNew = (record: ProductRecord): Promise<Product> =>
  toProduct(record, (key) => Promise.reject(new Error(`A new product has no images to sign, yet holds ${key}`)));

/** The response headers naming the version shown, for a later `If-Match`. */
export const etagOf = (record: ProductRecord): { headers: Record<string, string> } => ({
  headers: { etag: productETag(record.version) },
});
