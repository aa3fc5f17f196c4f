import Joi from 'joi';
import { holds, jsonNumber, matching, numeric } from '../http/rules';
import type { Schema } from '../http/validate';
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

const hasWord = (text: string): boolean => searchWords(text).length > 0;

const name = Joi.string()
  .trim()
  .max(MAX_NAME_LENGTH)
  .custom(holds(hasWord))
  .message('name must contain a letter or a digit')
  .custom(holds((value: string) => searchTerms(value).length <= MAX_SEARCH_TERMS))
  .message(`name has too many distinct words to index for search (at most ${MAX_SEARCH_TERMS} word prefixes)`);
const category = Joi.string().valid(...CATEGORIES);
// Money and quantities are integers, and numbers in JSON: 19.99 and "1999" are refused, 1999 (cents) is meant.
const price = jsonNumber().integer().min(1).max(MAX_PRICE);
const stock = jsonNumber().integer().min(0).max(MAX_STOCK);
const description = Joi.string().trim().allow('').max(MAX_DESCRIPTION_LENGTH);

export const newProductSchema: Schema<NewProduct> = Joi.object<NewProduct>({
  name,
  category,
  price,
  stock,
  description: description.optional(),
});

// Signed and non-zero; bounded so that no adjustment alone can leave the 0..MAX_STOCK range.
const stockAdjustment = jsonNumber()
  .integer()
  .min(-MAX_STOCK)
  .max(MAX_STOCK)
  .invalid(0)
  .messages({ 'any.invalid': 'stockAdjustment must not be 0' });

export const productPatchSchema: Schema<ProductPatch> = Joi.object<ProductPatch>({
  name: name.optional(),
  category: category.optional(),
  price: price.optional(),
  stock: stock.optional(),
  description: description.optional(),
  // Setting and adjusting at once has no single meaning: which applies first? (Named even when stock
  // is invalid too; a stockAdjustment that is invalid itself is named for that first.)
  stockAdjustment: stockAdjustment.optional().when('stock', {
    is: Joi.exist(),
    then: Joi.any()
      .custom(holds(() => false))
      .message('give either stock or stockAdjustment, not both'),
  }),
})
  .min(1)
  .message('give at least one of name, category, price, stock, stockAdjustment, description');

// An empty query string field (a blank form field) means the filter is absent: `.empty('')`.
export const productListQuerySchema: Schema<ProductListQuery> = Joi.object<ProductListQuery>({
  category: category.empty('').optional(),
  search: Joi.string()
    .trim()
    .empty('')
    .max(100)
    .custom(holds(hasWord))
    .message('search must contain a letter or a digit')
    .optional(),
  sort: Joi.string()
    .valid(...PRODUCT_SORTS)
    .optional()
    .default(DEFAULT_PRODUCT_SORT),
  ...pageQueryKeys,
});

export const productIdPathSchema: Schema<{ id: string }> = Joi.object({
  id: matching(/^[A-Za-z0-9_-]{1,64}$/, 'id is not a product id'),
});

const isImageSlot = (slot: number): slot is ImageSlot => (IMAGE_SLOTS as readonly number[]).includes(slot);

export const imageSlotQuerySchema: Schema<{ slot: ImageSlot }> = Joi.object({
  // Checked once converted, so `?slot=abc` is "not a number" and `?slot=4` "one of 1, 2, 3".
  slot: numeric().custom((slot: number, helpers) =>
    isImageSlot(slot) ? slot : helpers.error('any.only', { valids: IMAGE_SLOTS }),
  ),
});

export const imageUploadBodySchema: Schema<{ fileType: ImageType }> = Joi.object({
  fileType: Joi.string().valid(...IMAGE_TYPES),
});
