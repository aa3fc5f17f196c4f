import { jsonNumber, matching, type Schema } from '@estore/core/http';
import { MAX_REFUND_REASON_LENGTH, ORDER_ID_PATTERN } from '@estore/core/order';
import Joi from 'joi';

/** Carrier, tracking number and tracking link: each 1-100 characters (contract: Operations). */
export const MAX_SHIPMENT_FIELD_LENGTH = 100;
/** A cancel's reason, as staff write it in the order's history. */
export const MAX_CANCEL_REASON_LENGTH = 200;

/** `/orders/{orderId}/...` and `/order/{orderId}/cancel`. */
export const orderIdPathSchema: Schema<{ orderId: string }> = Joi.object({
  orderId: matching(ORDER_ID_PATTERN, 'orderId is not an order id'),
});

const shipmentText = Joi.string().trim().min(1).max(MAX_SHIPMENT_FIELD_LENGTH);

export interface ShipmentBody {
  carrier: string;
  trackingNumber: string;
  trackingUrl?: string;
}

/** `POST /orders/{orderId}/shipment`: the tracking link, when given, is https. */
export const shipmentBodySchema: Schema<ShipmentBody> = Joi.object<ShipmentBody>({
  carrier: shipmentText,
  trackingNumber: shipmentText,
  trackingUrl: Joi.string()
    .trim()
    .max(MAX_SHIPMENT_FIELD_LENGTH)
    .uri({ scheme: ['https'] })
    .message('trackingUrl must be an https URL')
    .optional(),
});

/** `POST /orders/{orderId}/cancel` (staff): why, for the history and the customer's email. */
export const staffCancelBodySchema: Schema<{ reason: string }> = Joi.object({
  reason: Joi.string().trim().min(1).max(MAX_CANCEL_REASON_LENGTH),
});

export interface RefundBody {
  amount: number;
  reason: string;
}

/** `POST /orders/{orderId}/refunds`: an amount in minor units; whether it fits the payment is the use case's to say. */
export const refundBodySchema: Schema<RefundBody> = Joi.object<RefundBody>({
  amount: jsonNumber().integer().min(1),
  reason: Joi.string().trim().min(1).max(MAX_REFUND_REASON_LENGTH),
});
