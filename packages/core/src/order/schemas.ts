import * as v from 'valibot';
import { isDeliveryCountry } from '../catalog/reference';
import { type Schema, strictObject } from '../http/validate';
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

const cartLine = strictObject({
  productId: v.pipe(v.string(), v.regex(PRODUCT_ID_PATTERN, 'productId is not a product id')),
  count: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_LINE_COUNT)),
});

/** `{items: [{productId, count}]}` for both cart routes; a product may appear once. */
export const cartItemsSchema: Schema<{ items: CartLine[] }> = strictObject({
  items: v.pipe(
    v.array(cartLine),
    v.maxLength(MAX_CART_LINES),
    // Named even when other lines are invalid too, so one answer lists every problem.
    v.rawCheck(({ dataset, addIssue }) => {
      const lines = dataset.value as unknown[];
      if (!Array.isArray(lines)) return;
      const seen = new Set<unknown>();
      lines.forEach((line, index) => {
        const productId = (line as { productId?: unknown } | null)?.productId;
        if (typeof productId !== 'string') return;
        if (seen.has(productId)) {
          addIssue({
            message: 'each product may appear once in items',
            path: [{ type: 'array', origin: 'value', input: lines, key: index, value: line }],
          });
        }
        seen.add(productId);
      });
    }),
  ),
});

const isOrderRef = (intent: string): boolean =>
  intent === 'cart' || ORDER_ID_PATTERN.test(intent) || PAYMENT_INTENT_ID_PATTERN.test(intent);

/** `GET /order/{intent}`: `cart`, an order id, or a payment intent id. */
export const orderRefPathSchema: Schema<{ intent: string }> = strictObject({
  intent: v.pipe(v.string(), v.check(isOrderRef, 'intent must be `cart`, an order id or a payment intent id')),
});

const STATUSES = ['all', ...(Object.keys(STATUS_FILTERS) as Array<keyof typeof STATUS_FILTERS>)] as const;

export const orderListQuerySchema: Schema<{ status: StatusFilter; limit: number; cursor?: string }> = strictObject({
  status: v.optional(v.picklist(STATUSES), 'all'),
  ...pageQueryKeys,
});

/** The delivery location of a checkout; refused as a whole with 400 INVALID_LOCATION. */
export const locationSchema: Schema<Location> = strictObject({
  address: v.pipe(v.string(), v.trim(), v.nonEmpty(), v.maxLength(MAX_ADDRESS_LENGTH)),
  country: v.pipe(v.string(), v.check(isDeliveryCountry, 'country must be a code from GET /country')),
});
