import type { EventDetail, OrderEventName } from '@estore/core/events';
import type { EventBridgeEvent } from 'aws-lambda';
import type { EmailedOrderEvent } from '../../../src/domain/event-emails';
import { sendOrderEmail } from '../../../src/handlers/send-order-email';
import type { EmailOutcome } from '../../../src/order-emails';
import { canceledOrder, refundedOrder, shippedOrder } from '../email-fixtures';
import { ORDER_ID, paidOrder } from '../fixtures';

const orderEvent = (type: string, detail: unknown) =>
  ({ 'detail-type': type, source: 'estore.order', detail }) as EventBridgeEvent<OrderEventName, unknown>;

describe('the order email consumer', () => {
  let sends: Array<[EmailedOrderEvent, EventDetail]>;
  let consume: ReturnType<typeof sendOrderEmail>;

  beforeEach(() => {
    sends = [];
    consume = sendOrderEmail({
      emails: {
        send: async (event, detail): Promise<EmailOutcome> => {
          sends.push([event, detail]);
          return 'sent';
        },
      },
    });
  });

  it.each<[EmailedOrderEvent, EventDetail]>([
    ['OrderPaid', paidOrder()],
    ['OrderShipped', shippedOrder()],
    ['OrderCanceled', canceledOrder()],
    ['OrderRefunded', refundedOrder()],
  ])('sends the email %s owes, with its validated detail', async (type, detail) => {
    await consume(orderEvent(type, detail));
    expect(sends).toEqual([[type, detail]]);
  });

  it.each(['OrderPlaced', 'OrderDelivered', 'PaymentSucceeded'])(
    'fails on %s, an event type it does not consume, and sends nothing',
    async (type) => {
      await expect(consume(orderEvent(type, paidOrder()))).rejects.toThrow(`unexpected event type ${type}`);
      expect(sends).toEqual([]);
    },
  );

  it('fails on a malformed detail (so it ends in the dead-letter queue), and sends nothing', async () => {
    await expect(consume(orderEvent('OrderPaid', { orderId: ORDER_ID, amount: -1 }))).rejects.toThrow(
      'Malformed event detail',
    );
    expect(sends).toEqual([]);
  });
});
