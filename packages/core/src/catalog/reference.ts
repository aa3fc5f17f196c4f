/** The product categories, in the order a storefront shows them. */
export const CATEGORIES = [
  'Grocery',
  'Electronics',
  'Health & Beauty',
  'Automobile',
  'Home & Kitchen',
  'Phones & Tablets',
  'Books',
  'Gaming',
  'Fashion',
  'Sports & Outdoors',
] as const;

export type Category = (typeof CATEGORIES)[number];

export interface Country {
  code: string;
  name: string;
  emoji: string;
}

/** ISO 3166-1 alpha-2 codes of the countries the store delivers to. */
const DELIVERY_COUNTRIES: ReadonlyArray<[code: string, name: string]> = [
  ['AE', 'United Arab Emirates'],
  ['AT', 'Austria'],
  ['AU', 'Australia'],
  ['BE', 'Belgium'],
  ['BR', 'Brazil'],
  ['CA', 'Canada'],
  ['CH', 'Switzerland'],
  ['DE', 'Germany'],
  ['DK', 'Denmark'],
  ['ES', 'Spain'],
  ['FI', 'Finland'],
  ['FR', 'France'],
  ['GB', 'United Kingdom'],
  ['GH', 'Ghana'],
  ['IE', 'Ireland'],
  ['IN', 'India'],
  ['IT', 'Italy'],
  ['JP', 'Japan'],
  ['KE', 'Kenya'],
  ['KR', 'South Korea'],
  ['MX', 'Mexico'],
  ['NG', 'Nigeria'],
  ['NL', 'Netherlands'],
  ['NO', 'Norway'],
  ['NZ', 'New Zealand'],
  ['PL', 'Poland'],
  ['PT', 'Portugal'],
  ['SE', 'Sweden'],
  ['SG', 'Singapore'],
  ['US', 'United States'],
  ['ZA', 'South Africa'],
];

/** A flag emoji is the code's two letters as Unicode regional indicator symbols. */
export function flagEmoji(code: string): string {
  const REGIONAL_INDICATOR_A = 0x1f1e6;
  return String.fromCodePoint(
    ...[...code.toUpperCase()].map((letter) => REGIONAL_INDICATOR_A + letter.charCodeAt(0) - 65),
  );
}

export const COUNTRIES: readonly Country[] = DELIVERY_COUNTRIES.map(([code, name]) => ({
  code,
  name,
  emoji: flagEmoji(code),
}));

const COUNTRY_CODES = new Set(COUNTRIES.map((country) => country.code));
export const isDeliveryCountry = (code: string): boolean => COUNTRY_CODES.has(code);
