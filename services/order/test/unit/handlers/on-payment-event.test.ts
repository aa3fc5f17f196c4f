import type { PaymentEventName } from '@estore/core/events';
import type { TriggerOutcome } from '@estore/core/order';
import type { EventBridgeEvent } from 'aws-lambda';
import { onPaymentEvent } from '../../../src/handlers/on-payment-event';
import { ORDER_ID, paidOrder } from '../fixtures';

const paymentEvent = (type: string, detail: unknown = paidOrder()) =>
  ({ 'detail-type': type, source: 'estore.payment', detail }) as EventBridgeEvent<PaymentEventName, unknown>;

describe('the payment events consumer', () => {
  let trigger: jest.Mock<Promise<TriggerOutcome>, [string, string]>;
  let consume: ReturnType<typeof onPaymentEvent>;

  beforeEach(() => {
    trigger = jest.fn<Promise<TriggerOutcome>, [string, string]>(async () => 'applied');
    consume = onPaymentEvent({ lifecycle: { trigger } });
  });

  it.each([
    ['PaymentSucceeded', 'payment-succeeded'],
    ['PaymentFailed', 'payment-failed'],
    ['PaymentCanceled', 'payment-canceled'],
  ])('moves the order named by %s with the trigger %s', async (type, expected) => {
    await consume(paymentEvent(type));
    expect(trigger).toHaveBeenCalledWith(ORDER_ID, expected);
  });

  it('fails on an event type it does not consume, and moves no order', async () => {
    await expect(consume(paymentEvent('PaymentRefunded'))).rejects.toThrow('unexpected event type PaymentRefunded');
    expect(trigger).not.toHaveBeenCalled();
  });

  it('fails on a malformed detail (so it ends in the dead-letter queue), and moves no order', async () => {
    await expect(consume(paymentEvent('PaymentSucceeded', { orderId: ORDER_ID }))).rejects.toThrow(
      'Malformed event detail',
    );
    expect(trigger).not.toHaveBeenCalled();
  });
});
