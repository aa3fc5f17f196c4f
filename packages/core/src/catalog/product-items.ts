import {
  ALL_PRODUCTS,
  categoryPk,
  INDEXES,
  type IndexName,
  newestSortKey,
  PRODUCT_SK,
  priceSortKey,
  productPk,
  searchAllPk,
  searchCategoryPk,
  termSk,
} from './keys';
import type { ImageSlot, ProductListQuery, ProductRecord, StoredImage } from './product';
import { type SearchPlan, searchText } from './search-terms';

// The items the repository writes, apart from it so that its file holds only the storage calls.

/** The product item as stored: the record plus its index keys. */
export interface ProductItem extends Omit<ProductRecord, 'images'> {
  PK: string;
  SK: string;
  type: 'product';
  catPk: string;
  allPk: string;
  priceSk: string;
  newestSk: string;
  /** The search prefixes this product is indexed under, so an update removes exactly those. */
  terms: string[];
  images: Partial<Record<string, Omit<StoredImage, 'slot'>>>;
}

/** One search index entry: the product is found under `prefix`, in the same four orders. */
export interface TermItem {
  PK: string;
  SK: string;
  type: 'term';
  productId: string;
  catPk: string;
  allPk: string;
  priceSk: string;
  newestSk: string;
  searchText: string;
}

/** Mutable product fields an edit may write to the product item. */
export const EDITABLE = ['name', 'description', 'category', 'price', 'stock'] as const;

/** The fields an edit sets; the repository moves the version, the timestamp and the index keys with them. */
export type ProductChanges = Pick<ProductRecord, (typeof EDITABLE)[number]>;

export function toRecord(item: ProductItem): ProductRecord {
  const images = Object.entries(item.images ?? {})
    .flatMap(([slot, image]) => (image ? [{ slot: Number(slot) as ImageSlot, ...image }] : []))
    .sort((a, b) => a.slot - b.slot);
  return {
    id: item.id,
    name: item.name,
    description: item.description,
    category: item.category,
    price: item.price,
    currency: item.currency,
    stock: item.stock,
    images,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
    version: item.version,
  };
}

export function productItem(record: ProductRecord, terms: string[]): ProductItem {
  return {
    ...record,
    PK: productPk(record.id),
    SK: PRODUCT_SK,
    type: 'product',
    catPk: categoryPk(record.category),
    allPk: ALL_PRODUCTS,
    priceSk: priceSortKey(record.price, record.id),
    newestSk: newestSortKey(record.createdAt, record.id),
    terms,
    images: Object.fromEntries(record.images.map(({ slot, ...image }) => [String(slot), image])),
  };
}

export function termItem(record: ProductRecord, prefix: string): TermItem {
  return {
    PK: productPk(record.id),
    SK: termSk(prefix),
    type: 'term',
    productId: record.id,
    catPk: searchCategoryPk(record.category, prefix),
    allPk: searchAllPk(prefix),
    priceSk: priceSortKey(record.price, record.id),
    newestSk: newestSortKey(record.createdAt, record.id),
    searchText: searchText(record.name),
  };
}

/** The index that serves a listing: by category or all products, by price or newest first. */
function pickIndex(query: ProductListQuery): IndexName {
  const byPrice = query.sort !== 'newest';
  if (query.category) return byPrice ? 'byCategoryPrice' : 'byCategoryNewest';
  return byPrice ? 'allByPrice' : 'allByNewest';
}

/**
 * Where a listing reads: the index for (category?, sort), the partition of that index (the search
 * entries of `plan`'s prefix, a category, or every product), and the scope its cursors are bound to:
 * everything that shapes the result, so a cursor cannot be replayed on another query.
 */
export function listingKeys(query: ProductListQuery, plan: SearchPlan | undefined) {
  const index = INDEXES[pickIndex(query)];
  const partition = plan
    ? query.category
      ? searchCategoryPk(query.category, plan.prefix)
      : searchAllPk(plan.prefix)
    : query.category
      ? categoryPk(query.category)
      : ALL_PRODUCTS;
  const scope = JSON.stringify([
    'products',
    query.category ?? null,
    plan ? [plan.prefix, ...plan.filters] : null,
    query.sort,
  ]);
  return { index, partition, scope };
}
