import Joi from 'joi';
import { pageQueryKeys } from '../pagination/schemas';
import { CATEGORIES } from './reference';
import {
  IMAGE_SLOTS,
  IMAGE_TYPES,
  MAX_DESCRIPTION_LENGTH,
  MAX_NAME_LENGTH,
  MAX_PRICE,
  MAX_STOCK,
  PRODUCT_SORTS,
  DEFAULT_PRODUCT_SORT,
  type ImageSlot,
  type ImageType,
  type NewProduct,
  type ProductListQuery,
  type ProductPatch,
} from './product';
import { MAX_SEARCH_TERMS, searchTerms, searchWords } from './search-terms';

const name = Joi.string()
  .trim()
  .min(1)
  .max(MAX_NAME_LENGTH)
  .custom((value: string, helpers) => {
    if (searchWords(value).length === 0) return helpers.message({ custom: 'name must contain a letter or a digit' });
    if (searchTerms(value).length > MAX_SEARCH_TERMS) {
      return helpers.message({ custom: `name has too many distinct words to index for search (at most ${MAX_SEARCH_TERMS} word prefixes)` });
    }
    return value;
  });
const category = Joi.string().valid(...CATEGORIES);
// Money and quantities are integers: 19.99 is refused, 1999 (cents) is meant.
const price = Joi.number().integer().strict().min(1).max(MAX_PRICE);
const stock = Joi.number().integer().strict().min(0).max(MAX_STOCK);
const description = Joi.string().trim().allow('').max(MAX_DESCRIPTION_LENGTH);

export const newProductSchema = Joi.object<NewProduct>({
  name: name.required(),
  category: category.required(),
  price: price.required(),
  stock: stock.required(),
  description,
});

// Signed and non-zero; bounded so that no adjustment alone can leave the 0..MAX_STOCK range.
const stockAdjustment = Joi.number()
  .integer()
  .strict()
  .min(-MAX_STOCK)
  .max(MAX_STOCK)
  .invalid(0)
  .messages({ 'any.invalid': 'stockAdjustment must not be 0' });

export const productPatchSchema = Joi.object<ProductPatch>({
  name,
  category,
  price,
  stock,
  description,
  // Setting and adjusting at once has no single meaning: which applies first?
  stockAdjustment: stockAdjustment.when('stock', {
    is: Joi.exist(),
    then: Joi.forbidden().messages({ 'any.unknown': 'give either stock or stockAdjustment, not both' }),
  }),
})
  .min(1)
  .messages({ 'object.min': 'give at least one of name, category, price, stock, stockAdjustment, description' });

// An empty `?search=` or `?category=` (a blank form field) means no filter.
export const productListQuerySchema = Joi.object<ProductListQuery>({
  category: category.empty(''),
  search: Joi.string()
    .trim()
    .empty('')
    .max(100)
    .custom((value: string, helpers) => (searchWords(value).length === 0 ? helpers.message({ custom: 'search must contain a letter or a digit' }) : value)),
  sort: Joi.string()
    .valid(...PRODUCT_SORTS)
    .default(DEFAULT_PRODUCT_SORT),
  ...pageQueryKeys,
});

export const productIdPathSchema = Joi.object<{ id: string }>({
  id: Joi.string()
    .pattern(/^[A-Za-z0-9_-]{1,64}$/)
    .required()
    .messages({ 'string.pattern.base': 'id is not a product id' }),
});

export const imageSlotQuerySchema = Joi.object<{ slot: ImageSlot }>({
  slot: Joi.number()
    .integer()
    .valid(...IMAGE_SLOTS)
    .required(),
});

export const imageUploadBodySchema = Joi.object<{ fileType: ImageType }>({
  fileType: Joi.string()
    .valid(...IMAGE_TYPES)
    .required(),
});
