import { parseEventDetail } from '@estore/core/events';

const detail = {
  eventId: 'e1',
  orderId: 'o_1',
  user: 'alice',
  amount: 2248,
  currency: 'usd',
  occurredAt: '2026-03-01T12:00:00.000Z',
};

describe('parseEventDetail', () => {
  it('accepts a detail with its optional parts, keeping fields it does not know', () => {
    const full = {
      ...detail,
      items: [{ productId: 'p1', name: 'Lamp', count: 2, price: 1124 }],
      paymentIntentId: 'pi_sim_1',
      location: { address: '1 Main St', country: 'US' },
      extra: 1,
    };
    expect(parseEventDetail(full)).toEqual(full);
  });

  it('lower-cases the currency and writes the time in UTC', () => {
    expect(parseEventDetail({ ...detail, currency: 'USD', occurredAt: '2026-03-01T14:00:00+02:00' })).toMatchObject({
      currency: 'usd',
      occurredAt: '2026-03-01T12:00:00.000Z',
    });
  });

  it('refuses a malformed detail, naming every problem', () => {
    expect(() =>
      parseEventDetail({
        ...detail,
        orderId: undefined,
        amount: -1,
        items: [{ productId: 'p1', name: 'Lamp', count: 0, price: 1 }],
      }),
    ).toThrow(
      'Malformed event detail: orderId is required; amount must be greater than or equal to 0; items.0.count must be greater than or equal to 1',
    );
    expect(() => parseEventDetail(null)).toThrow('Malformed event detail: detail must be an object');
  });
});
