import { CATEGORIES } from '@estore/core/catalog';
import { listCategories } from '../../../src/handlers/list-categories';
import { call } from '../fakes';

describe('GET /category (public, no dependencies)', () => {
  it('answers every category', async () => {
    const result = await call(listCategories(), { method: 'GET', path: '/category' });
    expect(result.status).toBe(200);
    expect(result.body).toEqual(CATEGORIES);
  });
});
