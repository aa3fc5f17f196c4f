import type { EventDetail } from '@estore/core/events';
import { type EmailedOrderEvent, isEmailedOrderEvent, owedEmail } from '../../src/domain/event-emails';
import { canceledOrder, REFUND_ID, refundedOrder, shippedOrder } from './email-fixtures';
import { ORDER_ID, paidOrder } from './fixtures';

describe('owedEmail', () => {
  it.each<[EmailedOrderEvent, string, EventDetail, string]>([
    ['OrderPaid', 'confirmation', paidOrder(), `Your E-Store order ${ORDER_ID} is confirmed`],
    ['OrderShipped', 'shipped', shippedOrder(), `Your E-Store order ${ORDER_ID} has shipped`],
    ['OrderCanceled', 'canceled', canceledOrder(), `Your E-Store order ${ORDER_ID} is canceled`],
    ['OrderRefunded', `refund:${REFUND_ID}`, refundedOrder(), `A refund for your E-Store order ${ORDER_ID}`],
  ])('owes for %s the fact %s and its own email', (event, fact, detail, subject) => {
    const owed = owedEmail(event, detail);
    expect(owed.fact).toBe(fact);
    expect(owed.render('alice@example.test')).toMatchObject({ to: 'alice@example.test', subject });
  });

  it('owes one email per refund, not one per order', () => {
    const second = 'rf_0123456789abcdef0123456789abcdef_ffffffff';
    expect(owedEmail('OrderRefunded', refundedOrder({ refundId: second })).fact).toBe(`refund:${second}`);
  });

  it.each<[EmailedOrderEvent, EventDetail, string]>([
    ['OrderShipped', shippedOrder({ shipment: undefined }), 'OrderShipped without shipment'],
    ['OrderRefunded', refundedOrder({ refundId: undefined }), 'OrderRefunded without refundId'],
    ['OrderRefunded', refundedOrder({ refundAmount: undefined }), 'OrderRefunded without refundAmount'],
  ])('refuses %s whose detail lacks what the email needs', (event, detail, message) => {
    expect(() => owedEmail(event, detail)).toThrow(`Malformed event detail: ${message}`);
  });
});

describe('isEmailedOrderEvent', () => {
  it.each([
    ['OrderPaid', true],
    ['OrderShipped', true],
    ['OrderCanceled', true],
    ['OrderRefunded', true],
    ['OrderPlaced', false],
    ['OrderDelivered', false],
    ['OrderPaymentFailed', false],
    ['PaymentSucceeded', false],
  ])('%s owes an email: %p', (name, expected) => {
    expect(isEmailedOrderEvent(name)).toBe(expected);
  });
});
