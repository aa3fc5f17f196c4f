import { CATEGORIES, COUNTRIES, flagEmoji, isDeliveryCountry } from '@estore/core/catalog';

describe('catalog reference data', () => {
  it('has the ten categories of the contract', () => {
    expect(CATEGORIES).toHaveLength(10);
    expect(CATEGORIES).toContain('Health & Beauty');
  });

  it('builds flag emoji from ISO 3166-1 alpha-2 codes', () => {
    expect(flagEmoji('us')).toBe('🇺🇸');
    expect(COUNTRIES.find((c) => c.code === 'GB')).toEqual({ code: 'GB', name: 'United Kingdom', emoji: '🇬🇧' });
  });

  it('lists each country once, with two-letter upper-case codes', () => {
    const codes = COUNTRIES.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.every((code) => /^[A-Z]{2}$/.test(code))).toBe(true);
    expect(isDeliveryCountry('NG')).toBe(true);
    expect(isDeliveryCountry('XX')).toBe(false);
  });
});
