import Joi from 'joi';
import { isDeliveryCountry } from '../catalog/reference';
import { jsonNumber, matching, satisfying } from '../http/rules';
import type { Schema } from '../http/validate';
import { USERNAME_PATTERN, USERNAME_RULE } from '../identity/username';
import { pageQueryKeys } from '../pagination/schemas';
import {
  type CartLine,
  type Location,
  MAX_ADDRESS_LENGTH,
  MAX_CART_LINES,
  MAX_LINE_COUNT,
  STATUS_FILTERS,
  type StatusFilter,
} from './order';

export const PRODUCT_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const ORDER_ID_PATTERN = /^o_[a-f0-9]{32}$/;
/** Stripe's intent ids (`pi_...`) and the simulated provider's (`pi_sim_...`). */
export const PAYMENT_INTENT_ID_PATTERN = /^pi_[A-Za-z0-9_]{1,200}$/;

const cartLine = Joi.object<CartLine>({
  productId: matching(PRODUCT_ID_PATTERN, 'productId is not a product id'),
  count: jsonNumber().integer().min(0).max(MAX_LINE_COUNT),
});

/**
 * Refuses each line that repeats an earlier line's product, naming it by its index (joi's own
 * `unique` names only the first). A line without a valid product id is refused on its own.
 */
const eachProductOnce: Joi.CustomValidator<unknown[]> = (lines, helpers) => {
  // joi's own rules report several problems at once this way; its types do not declare it.
  const errors = (helpers as unknown as { errorsArray(): Joi.ErrorReport[] }).errorsArray();
  const seen = new Set<string>();
  lines.forEach((line, index) => {
    const productId = (line as { productId?: unknown } | null)?.productId;
    if (typeof productId !== 'string') return;
    if (seen.has(productId)) {
      const at = helpers.state.localize?.([...(helpers.state.path ?? []), index]);
      errors.push(helpers.error('array.unique', { pos: index, value: line }, at));
    }
    seen.add(productId);
  });
  return errors.length > 0 ? (errors as unknown as Joi.ErrorReport) : lines;
};

/** `{items: [{productId, count}]}` for both cart routes; a product may appear once. */
export const cartItemsSchema: Schema<{ items: CartLine[] }> = Joi.object({
  items: Joi.array()
    .items(cartLine)
    .max(MAX_CART_LINES)
    // Named even when other lines are invalid too, so one answer lists every problem.
    .custom(eachProductOnce)
    .message('each product may appear once in items'),
});

const isOrderRef = (intent: string): boolean =>
  intent === 'cart' || ORDER_ID_PATTERN.test(intent) || PAYMENT_INTENT_ID_PATTERN.test(intent);

/** `GET /order/{intent}`: `cart`, an order id, or a payment intent id. */
export const orderRefPathSchema: Schema<{ intent: string }> = Joi.object({
  intent: satisfying(isOrderRef, 'intent must be `cart`, an order id or a payment intent id'),
});

const STATUSES = ['all', ...(Object.keys(STATUS_FILTERS) as Array<keyof typeof STATUS_FILTERS>)] as const;

const statusFilter = Joi.string()
  .valid(...STATUSES)
  .optional()
  .default('all');

export const orderListQuerySchema: Schema<{ status: StatusFilter; limit: number; cursor?: string }> = Joi.object({
  status: statusFilter,
  ...pageQueryKeys,
});

/** `GET /orders` (staff): the customer's list's query, and `user` to narrow it to one customer. */
export const staffOrderListQuerySchema: Schema<{
  status: StatusFilter;
  user?: string;
  limit: number;
  cursor?: string;
}> = Joi.object({
  status: statusFilter,
  user: matching(USERNAME_PATTERN, USERNAME_RULE).trim().lowercase().optional(),
  ...pageQueryKeys,
});

/** The delivery location of a checkout; refused as a whole with 400 INVALID_LOCATION. */
export const locationSchema: Schema<Location> = Joi.object<Location>({
  address: Joi.string().trim().max(MAX_ADDRESS_LENGTH),
  country: satisfying(isDeliveryCountry, 'country must be a code from GET /country'),
});
