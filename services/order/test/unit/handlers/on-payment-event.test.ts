import type { PaymentEventName } from '@estore/core/events';
import type { OrderLifecycle, OrderRefunds, TriggerOutcome } from '@estore/core/order';
import type { EventBridgeEvent } from 'aws-lambda';
import { onPaymentEvent } from '../../../src/handlers/on-payment-event';
import { ORDER_ID, paidOrder } from '../fixtures';

const paymentEvent = (type: string, detail: unknown = paidOrder()) =>
  ({ 'detail-type': type, source: 'estore.payment', detail }) as EventBridgeEvent<PaymentEventName, unknown>;

const REFUND_ID = 'rf_0123456789abcdef0123456789abcdef_0a1b2c3d';

describe('the payment events consumer', () => {
  let calls: string[];
  let trigger: jest.Mock<ReturnType<OrderLifecycle['trigger']>, Parameters<OrderLifecycle['trigger']>>;
  let settle: jest.Mock<Promise<void>, [string]>;
  let settleRefund: jest.Mock<ReturnType<OrderRefunds['settle']>, Parameters<OrderRefunds['settle']>>;
  let consume: ReturnType<typeof onPaymentEvent>;

  beforeEach(() => {
    calls = [];
    trigger = jest.fn<ReturnType<OrderLifecycle['trigger']>, Parameters<OrderLifecycle['trigger']>>(
      async (): Promise<TriggerOutcome> => 'applied',
    );
    settle = jest.fn(async (orderId: string) => {
      calls.push(`lifecycle.settle ${orderId}`);
    });
    settleRefund = jest.fn(async (orderId: string, refundId: string, outcome: 'SUCCEEDED' | 'FAILED') => {
      calls.push(`refunds.settle ${orderId} ${refundId} ${outcome}`);
      return true as boolean;
    });
    consume = onPaymentEvent({ lifecycle: { trigger, settle }, refunds: { settle: settleRefund } });
  });

  it.each([
    ['PaymentSucceeded', 'payment-succeeded'],
    ['PaymentFailed', 'payment-failed'],
    ['PaymentCanceled', 'payment-canceled'],
  ])(
    'moves the order named by %s with the trigger %s, naming the intent the event is about',
    async (type, expected) => {
      await consume(paymentEvent(type));
      expect(trigger).toHaveBeenCalledWith(ORDER_ID, expected, {
        paymentIntentId: 'pi_sim_0123456789abcdef0123456789abcdef',
      });
    },
  );

  it.each([
    ['RefundSucceeded', 'SUCCEEDED'],
    ['RefundFailed', 'FAILED'],
  ])(
    'settles the refund named by %s as %s, then settles the order (its OrderRefunded published)',
    async (type, outcome) => {
      await consume(paymentEvent(type, paidOrder({ eventId: `${type}:${REFUND_ID}`, refundId: REFUND_ID })));
      expect(calls).toEqual([`refunds.settle ${ORDER_ID} ${REFUND_ID} ${outcome}`, `lifecycle.settle ${ORDER_ID}`]);
      expect(trigger).not.toHaveBeenCalled();
    },
  );

  it('settles the order again when the refund was settled by an earlier delivery (its event may still be owed)', async () => {
    settleRefund.mockResolvedValue(false);
    await consume(paymentEvent('RefundSucceeded', paidOrder({ refundId: REFUND_ID })));
    expect(settle).toHaveBeenCalledWith(ORDER_ID);
  });

  it('fails on a refund event without a refund id, and settles nothing', async () => {
    await expect(consume(paymentEvent('RefundSucceeded'))).rejects.toThrow('refundId is required');
    expect(settleRefund).not.toHaveBeenCalled();
    expect(settle).not.toHaveBeenCalled();
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
