import { allDuePks, DUE_SHARDS, duePk } from '@estore/core/order';

const orderId = (n: number) => `o_${n.toString(16).padStart(32, '0')}`;

describe('duePk', () => {
  it('puts an order in the same shard every time', () => {
    const id = 'o_0123456789abcdef0123456789abcdef';
    expect(duePk(id)).toBe(duePk(id));
  });

  it('names only shards the expiry sweep queries', () => {
    const shards = new Set(allDuePks());
    expect(shards.size).toBe(DUE_SHARDS);
    for (let n = 0; n < 200; n += 1) expect(shards.has(duePk(orderId(n)))).toBe(true);
  });

  it('spreads many orders over every shard, none taking the bulk', () => {
    const counts = new Map<string, number>();
    for (let n = 0; n < 400; n += 1) counts.set(duePk(orderId(n)), (counts.get(duePk(orderId(n))) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual(allDuePks().sort());
    for (const count of counts.values()) expect(count).toBeLessThan(400 / 2);
  });
});
