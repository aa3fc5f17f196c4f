/**
 * Key layout of the products table (see docs/data-model.md). Every attribute an index sorts on is
 * a string built here, so the order DynamoDB keeps is the order the API promises.
 */
import { MAX_PRICE } from './product';

export const PRODUCT_SK = 'PRODUCT';
export const ALL_PRODUCTS = 'ALL';

export const productPk = (id: string): string => `PRODUCT#${id}`;
export const termSk = (prefix: string): string => `TERM#${prefix}`;
export const categoryPk = (category: string): string => `CAT#${category}`;
export const searchAllPk = (prefix: string): string => `SEARCH#${prefix}`;
export const searchCategoryPk = (category: string, prefix: string): string => `SEARCH#${category}#${prefix}`;

const PRICE_DIGITS = String(MAX_PRICE).length;

/** Zero-padded so strings sort like numbers; the id breaks ties so every key is unique. */
export function priceSortKey(price: number, id: string): string {
  if (!Number.isInteger(price) || price < 0 || price > MAX_PRICE) throw new RangeError(`price out of range: ${price}`);
  return `${String(price).padStart(PRICE_DIGITS, '0')}#${id}`;
}

/** ISO timestamps of one length sort chronologically as strings; the id breaks ties. */
export function newestSortKey(createdAt: string, id: string): string {
  return `${createdAt}#${id}`;
}

/** The four indexes: (partition attribute, sort attribute). */
export const INDEXES = {
  byCategoryPrice: { name: 'byCategoryPrice', pk: 'catPk', sk: 'priceSk' },
  byCategoryNewest: { name: 'byCategoryNewest', pk: 'catPk', sk: 'newestSk' },
  allByPrice: { name: 'allByPrice', pk: 'allPk', sk: 'priceSk' },
  allByNewest: { name: 'allByNewest', pk: 'allPk', sk: 'newestSk' },
} as const;

export type IndexName = keyof typeof INDEXES;
