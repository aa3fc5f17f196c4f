import type { Category } from './reference';

export const CURRENCY = 'usd';
export const IMAGE_SLOTS = [1, 2, 3] as const;
export type ImageSlot = (typeof IMAGE_SLOTS)[number];
export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];
export const PRODUCT_SORTS = ['price_asc', 'price_desc', 'newest'] as const;
export type ProductSort = (typeof PRODUCT_SORTS)[number];
export const DEFAULT_PRODUCT_SORT: ProductSort = 'newest';

/** Largest price accepted, in cents: it must fit the 12-digit zero-padded sort key. */
export const MAX_PRICE = 999_999_999_999;
export const MAX_STOCK = 1_000_000_000;
export const MAX_NAME_LENGTH = 120;
export const MAX_DESCRIPTION_LENGTH = 4000;

/** An image as stored: the object key, never a URL (URLs are signed per response). */
export interface StoredImage {
  slot: ImageSlot;
  key: string;
  contentType: string;
  uploadedAt: string;
}

/**
 * A product as the catalog stores it. `version` counts every write (edits, stock reservations and
 * releases, images): it is the product's ETag, so it must move whenever the product does.
 */
export interface ProductRecord {
  id: string;
  name: string;
  description: string;
  category: Category;
  price: number;
  currency: typeof CURRENCY;
  stock: number;
  images: StoredImage[];
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** A product as the API shows it (contract: `product`): the record with loadable image URLs, without its version. */
export type Product = Omit<ProductRecord, 'images' | 'version'> & {
  images: Array<{ slot: ImageSlot; url: string }>;
};

export interface NewProduct {
  name: string;
  category: Category;
  price: number;
  stock: number;
  description?: string;
}

/**
 * An edit. `stock` sets the quantity outright (only with If-Match, see the update route);
 * `stockAdjustment` adds a signed amount atomically, so it never undoes a concurrent checkout.
 */
export type ProductPatch = Partial<NewProduct> & { stockAdjustment?: number };

export interface ProductListQuery {
  category?: Category;
  search?: string;
  sort: ProductSort;
  limit: number;
  cursor?: string;
}

/** One line of a stock reservation (checkout) or release (an order that ended unpaid). */
export interface StockLine {
  productId: string;
  count: number;
  /** When given, a reservation also requires the product to still cost this much (minor units). */
  price?: number;
}

/** Maps a stored product to the API shape; `imageUrl` turns an object key into a URL a browser can load. */
export async function toProduct(record: ProductRecord, imageUrl: (key: string) => Promise<string>): Promise<Product> {
  const images = await Promise.all(
    record.images.map(async (image) => ({ slot: image.slot, url: await imageUrl(image.key) })),
  );
  return {
    id: record.id,
    name: record.name,
    description: record.description,
    category: record.category,
    price: record.price,
    currency: record.currency,
    stock: record.stock,
    images,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}
