import * as v from 'valibot';
import { numeric, type Schema, strictObject } from '../http/validate';
import { pageQueryKeys } from '../pagination/schemas';
import {
  DEFAULT_PRODUCT_SORT,
  IMAGE_SLOTS,
  IMAGE_TYPES,
  type ImageSlot,
  type ImageType,
  MAX_DESCRIPTION_LENGTH,
  MAX_NAME_LENGTH,
  MAX_PRICE,
  MAX_STOCK,
  type NewProduct,
  PRODUCT_SORTS,
  type ProductListQuery,
  type ProductPatch,
} from './product';
import { CATEGORIES } from './reference';
import { MAX_SEARCH_TERMS, searchTerms, searchWords } from './search-terms';

const name = v.pipe(
  v.string(),
  v.trim(),
  v.nonEmpty(),
  v.maxLength(MAX_NAME_LENGTH),
  v.check((value) => searchWords(value).length > 0, 'name must contain a letter or a digit'),
  v.check(
    (value) => searchTerms(value).length <= MAX_SEARCH_TERMS,
    `name has too many distinct words to index for search (at most ${MAX_SEARCH_TERMS} word prefixes)`,
  ),
);
const category = v.picklist(CATEGORIES);
// Money and quantities are integers, and numbers in JSON: 19.99 and "1999" are refused, 1999 (cents) is meant.
const price = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_PRICE));
const stock = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_STOCK));
const description = v.pipe(v.string(), v.trim(), v.maxLength(MAX_DESCRIPTION_LENGTH));

export const newProductSchema: Schema<NewProduct> = strictObject({
  name,
  category,
  price,
  stock,
  description: v.optional(description),
});

// Signed and non-zero; bounded so that no adjustment alone can leave the 0..MAX_STOCK range.
const stockAdjustment = v.pipe(
  v.number(),
  v.integer(),
  v.minValue(-MAX_STOCK),
  v.maxValue(MAX_STOCK),
  v.notValue(0, 'stockAdjustment must not be 0'),
);

export const productPatchSchema: Schema<ProductPatch> = v.pipe(
  strictObject({
    name: v.optional(name),
    category: v.optional(category),
    price: v.optional(price),
    stock: v.optional(stock),
    description: v.optional(description),
    stockAdjustment: v.optional(stockAdjustment),
  }),
  v.check(
    (patch) => Object.keys(patch).length > 0,
    'give at least one of name, category, price, stock, stockAdjustment, description',
  ),
  // Setting and adjusting at once has no single meaning: which applies first? (Named even when either is invalid too.)
  v.rawCheck(({ dataset, addIssue }) => {
    const patch = dataset.value as Record<string, unknown> | null;
    if (typeof patch !== 'object' || patch === null || patch.stock === undefined || patch.stockAdjustment === undefined)
      return;
    addIssue({
      message: 'give either stock or stockAdjustment, not both',
      path: [{ type: 'object', origin: 'value', input: patch, key: 'stockAdjustment', value: patch.stockAdjustment }],
    });
  }),
);

/** An empty query string field (a blank form field) means the filter is absent. */
const emptyAsAbsent = v.transform((value: string) => (value === '' ? undefined : value));

export const productListQuerySchema: Schema<ProductListQuery> = strictObject({
  category: v.optional(v.pipe(v.string(), emptyAsAbsent, v.optional(category))),
  search: v.optional(
    v.pipe(
      v.string(),
      v.trim(),
      emptyAsAbsent,
      v.optional(
        v.pipe(
          v.string(),
          v.maxLength(100),
          v.check((value) => searchWords(value).length > 0, 'search must contain a letter or a digit'),
        ),
      ),
    ),
  ),
  sort: v.optional(v.picklist(PRODUCT_SORTS), DEFAULT_PRODUCT_SORT),
  ...pageQueryKeys,
});

export const productIdPathSchema: Schema<{ id: string }> = strictObject({
  id: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'id is not a product id')),
});

export const imageSlotQuerySchema: Schema<{ slot: ImageSlot }> = strictObject({
  slot: v.pipe(numeric(), v.picklist(IMAGE_SLOTS)),
});

export const imageUploadBodySchema: Schema<{ fileType: ImageType }> = strictObject({
  fileType: v.picklist(IMAGE_TYPES),
});
