import { type Product, type ProductImageStore, type ProductRecord, productETag, toProduct } from '@estore/core/catalog';

/** What presenting a product needs of the image store: a URL a browser can load for an object key. */
export type ImageUrls = Pick<ProductImageStore, 'viewUrl'>;

/** The API shape of a stored product, with image URLs a browser can load. */
export const presenter =
  (images: ImageUrls) =>
  (record: ProductRecord): Promise<Product> =>
    toProduct(record, (key) => images.viewUrl(key));

/** The API shape of a product just created: it has no images yet, so there is no URL to sign. */
export const presentNew = (record: ProductRecord): Promise<Product> =>
  toProduct(record, (key) => Promise.reject(new Error(`A new product has no images to sign, yet holds ${key}`)));

/** The response headers naming the version shown, for a later `If-Match`. */
export const etagOf = (record: ProductRecord): { headers: Record<string, string> } => ({
  headers: { etag: productETag(record.version) },
});
