import { createDynamoDbDocumentClient, createS3Client } from '@estore/core/aws';
import { ProductImageStore, ProductRepository, productETag, toProduct, type Product, type ProductRecord } from '@estore/core/catalog';
import { requireEnv } from '@estore/core/config';

/** Clients and configuration, built once per cold start and shared by the catalog's handlers. */
export const products = new ProductRepository(createDynamoDbDocumentClient(), requireEnv('PRODUCTS_TABLE'));
export const images = new ProductImageStore(createS3Client(), requireEnv('IMAGES_BUCKET'));

/** The API shape of a stored product, with image URLs a browser can load. */
export const present = (record: ProductRecord): Promise<Product> => toProduct(record, (key) => images.viewUrl(key));

/** The response headers naming the version shown, for a later `If-Match`. */
export const etagOf = (record: ProductRecord): { headers: Record<string, string> } => ({ headers: { etag: productETag(record.version) } });
