import { COUNTRIES } from '@estore/core/catalog';
import { listCountries } from '../../../src/handlers/list-countries';
import { call } from '../fakes';

describe('GET /country (public, no dependencies)', () => {
  it('answers every delivery country', async () => {
    const result = await call(listCountries(), { method: 'GET', path: '/country' });
    expect(result.status).toBe(200);
    expect(result.body).toEqual(COUNTRIES);
  });
});
