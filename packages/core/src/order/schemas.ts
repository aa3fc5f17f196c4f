import Joi from 'joi';
import { isDeliveryCountry } from '../catalog/reference';
import { pageQueryKeys } from '../pagination/schemas';
import { MAX_ADDRESS_LENGTH, MAX_CART_LINES, MAX_LINE_COUNT, STATUS_FILTERS, type CartLine, type Location, type StatusFilter } from './order';

export const PRODUCT_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const ORDER_ID_PATTERN = /^o_[a-f0-9]{32}$/;
/** Stripe's intent ids (`pi_...`) and the simulated provider's (`pi_sim_...`). */
export const PAYMENT_INTENT_ID_PATTERN = /^pi_[A-Za-z0-9_]{1,200}$/;

const cartLine = Joi.object<CartLine>({
  productId: Joi.string().pattern(PRODUCT_ID_PATTERN).required().messages({ 'string.pattern.base': 'productId is not a product id' }),
  count: Joi.number().integer().strict().min(0).max(MAX_LINE_COUNT).required(),
});

/** `{items: [{productId, count}]}` for both cart routes; a product may appear once. */
export const cartItemsSchema = Joi.object<{ items: CartLine[] }>({
  items: Joi.array().items(cartLine).max(MAX_CART_LINES).unique('productId').required().messages({
    'array.unique': 'each product may appear once in items',
  }),
});

/** `GET /order/{intent}`: `cart`, an order id, or a payment intent id. */
export const orderRefPathSchema = Joi.object<{ intent: string }>({
  intent: Joi.alternatives()
    .try(Joi.string().valid('cart'), Joi.string().pattern(ORDER_ID_PATTERN), Joi.string().pattern(PAYMENT_INTENT_ID_PATTERN))
    .required()
    .messages({ 'alternatives.match': 'intent must be `cart`, an order id or a payment intent id' }),
});

export const orderListQuerySchema = Joi.object<{ status: StatusFilter; limit: number; cursor?: string }>({
  status: Joi.string()
    .valid('all', ...Object.keys(STATUS_FILTERS))
    .default('all'),
  ...pageQueryKeys,
});

/** The delivery location of a checkout; refused as a whole with 400 INVALID_LOCATION. */
export const locationSchema = Joi.object<Location>({
  address: Joi.string().trim().min(1).max(MAX_ADDRESS_LENGTH).required(),
  country: Joi.string()
    .required()
    .custom((value: string, helpers) => (isDeliveryCountry(value) ? value : helpers.message({ custom: 'country must be a code from GET /country' }))),
}).required();
