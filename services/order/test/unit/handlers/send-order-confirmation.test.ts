import type { EventDetail } from '@estore/core/events';
import type { EventBridgeEvent } from 'aws-lambda';
import { sendOrderConfirmation } from '../../../src/handlers/send-order-confirmation';
import { ORDER_ID, paidOrder } from '../fixtures';

const orderPaid = (detail: unknown) =>
  ({ 'detail-type': 'OrderPaid', source: 'estore.order', detail }) as EventBridgeEvent<'OrderPaid', unknown>;

describe('the OrderPaid confirmation consumer', () => {
  let send: jest.Mock<Promise<'sent' | 'already-sent' | 'no-email'>, [EventDetail]>;
  let consume: ReturnType<typeof sendOrderConfirmation>;

  beforeEach(() => {
    send = jest.fn<Promise<'sent' | 'already-sent' | 'no-email'>, [EventDetail]>(async () => 'sent');
    consume = sendOrderConfirmation({ confirmation: { send } });
  });

  it('sends the confirmation of the order the event names', async () => {
    await consume(orderPaid(paidOrder()));
    expect(send).toHaveBeenCalledWith(paidOrder());
  });

  it('fails on a malformed detail (so it ends in the dead-letter queue), and sends nothing', async () => {
    await expect(consume(orderPaid({ orderId: ORDER_ID, amount: -1 }))).rejects.toThrow('Malformed event detail');
    expect(send).not.toHaveBeenCalled();
  });
});
