import Joi from 'joi';
import { CORRELATION_ID_PATTERN } from '../correlation';
import { ValidationError } from '../errors';
import { type Schema, validate } from '../http/validate';
import type { EventDetail, EventItem } from './envelope';

// Apart from the publisher (envelope.ts), so a function that only publishes loads no joi.

const text = Joi.string();
// Numbers as JSON has them ("5" is no count), within the safe integers.
const count = (min: number) =>
  Joi.number().strict().integer().min(min).messages({ 'number.integer': '{#label} must be a safe integer' });

const eventItem = Joi.object<EventItem>({ productId: text, name: text, count: count(1), price: count(0) });

/** Consumers validate what they receive: a malformed event fails (and ends in the DLQ) instead of acting on guesses. */
export const eventDetailSchema: Schema<EventDetail> = Joi.object<EventDetail>({
  eventId: text,
  correlationId: text.pattern(CORRELATION_ID_PATTERN).optional(),
  orderId: text,
  user: text,
  amount: count(0),
  currency: Joi.string()
    .lowercase()
    .length(3)
    .messages({ 'string.empty': '{#label} must be exactly 3 characters long' }),
  // Written back in UTC (`toISOString`), as joi converts an ISO date.
  occurredAt: Joi.string().isoDate().messages({ 'string.empty': '{#label} must be an ISO 8601 timestamp' }),
  items: Joi.array().items(eventItem).optional(),
  paymentIntentId: text.optional(),
  location: Joi.object({ address: text, country: text }).optional(),
  by: text.optional(),
  reason: text.optional(),
  note: Joi.string().allow('').optional(),
  shipment: Joi.object({
    carrier: text,
    trackingNumber: text,
    trackingUrl: Joi.string()
      .uri({ scheme: ['https'] })
      .allow(null),
    shippedAt: Joi.string().isoDate(),
  })
    .unknown(true)
    .optional(),
  refundId: text.optional(),
  providerRefundId: text.optional(),
  refundAmount: count(0).optional(),
  refundedAmount: count(0).optional(),
}).unknown(true);

export function parseEventDetail(detail: unknown): EventDetail {
  try {
    return validate(eventDetailSchema, detail, 'detail');
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    throw new Error(`Malformed event detail: ${error.details.map((problem) => problem.message).join('; ')}`);
  }
}
