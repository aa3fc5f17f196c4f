import { createDynamoDbDocumentClient, createS3Client } from '@estore/core/aws';
import { ProductImageStore, ProductRepository, productETag, toProduct, type Product, type ProductRecord } from '@estore/core/catalog';
import { requireEnv } from '@estore/core/config';
import type { CursorCodecSource } from '@estore/core/pagination';

/** Clients and configuration, built once per cold start and shared by the catalog's handlers. */
/** The products table; only the listing function passes a cursor codec (and bundles the key's loader). */
export const productRepository = (cursors?: CursorCodecSource) => new ProductRepository(createDynamoDbDocumentClient(), requireEnv('PRODUCTS_TABLE'), cursors);
export const images = new ProductImageStore(createS3Client(), requireEnv('IMAGES_BUCKET'));

/** The API shape of a stored product, with image URLs a browser can load. */
export const present = (record: ProductRecord): Promise<Product> => toProduct(record, (key) => images.viewUrl(key));

/** The response headers naming the version shown, for a later `If-Match`. */
export const etagOf = (record: ProductRecord): { headers: Record<string, string> } => ({ headers: { etag: productETag(record.version) } });
