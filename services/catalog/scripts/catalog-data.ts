import { CATEGORIES, type Category, type NewProduct } from '@estore/core/catalog';

/** Words per category for sample names: deterministic, readable, searchable. */
const NOUNS: Record<Category, string[]> = {
  Grocery: ['Coffee Beans', 'Olive Oil', 'Basmati Rice', 'Dark Chocolate', 'Green Tea', 'Maple Syrup', 'Pasta'],
  Electronics: ['Headphones', 'Bluetooth Speaker', 'Monitor', 'Keyboard', 'Webcam', 'Power Bank', 'Lamp'],
  'Health & Beauty': ['Face Cream', 'Shampoo', 'Toothbrush', 'Sunscreen', 'Lip Balm', 'Hair Dryer', 'Perfume'],
  Automobile: [
    'Car Charger',
    'Dash Camera',
    'Seat Cover',
    'Tire Inflator',
    'Wiper Blades',
    'Jump Starter',
    'Floor Mats',
  ],
  'Home & Kitchen': ['Chef Knife', 'Blender', 'Kettle', 'Frying Pan', 'Lamp', 'Cutting Board', 'Toaster'],
  'Phones & Tablets': ['Smartphone', 'Tablet', 'Phone Case', 'Screen Protector', 'Stylus', 'Charging Dock', 'Earbuds'],
  Books: ['Cookbook', 'Novel', 'Atlas', 'Poetry Collection', 'Field Guide', 'Biography', 'Notebook'],
  Gaming: ['Controller', 'Gaming Mouse', 'Headset', 'Console Stand', 'Racing Wheel', 'Board Game', 'Mouse Pad'],
  Fashion: ['Sneakers', 'Denim Jacket', 'Scarf', 'Backpack', 'Sunglasses', 'Wool Sweater', 'Watch'],
  'Sports & Outdoors': [
    'Yoga Mat',
    'Tent',
    'Water Bottle',
    'Running Shoes',
    'Bicycle Helmet',
    'Dumbbells',
    'Hiking Poles',
  ],
};
const BRANDS = ['Zebra', 'Aurora', 'Nimbus'];
const ADJECTIVES = ['Quantum', 'Classic', 'Eco', 'Pro', 'Compact', 'Deluxe', 'Smart'];

/** A small deterministic generator, so every run of the seed writes the same catalog. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export const slug = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

export interface SeedProduct {
  id: string;
  createdAt: Date;
  input: NewProduct;
}

const SEED_EPOCH = Date.UTC(2026, 0, 1);

/** 21 products in each of the ten categories (210 in all), with stock. */
export function sampleCatalog(): SeedProduct[] {
  const next = random(42);
  return CATEGORIES.flatMap((category, c) =>
    Array.from({ length: 21 }, (_, i) => {
      const brand = BRANDS[i % BRANDS.length];
      const noun = NOUNS[category][i % NOUNS[category].length];
      const adjective = ADJECTIVES[Math.floor(i / 3) % ADJECTIVES.length];
      const name = `${brand} ${adjective} ${noun}`;
      return {
        id: `seed-${slug(category)}-${String(i + 1).padStart(2, '0')}`,
        createdAt: new Date(SEED_EPOCH + (c * 21 + i) * 60_000),
        input: {
          name,
          category,
          price: 199 + Math.floor(next() * 50_000),
          stock: 5 + Math.floor(next() * 200),
          description: `${name}: sample product for ${category}.`,
        },
      };
    }),
  );
}

const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ro', 'sa', 'tu', 'vi', 'ze', 'po', 'da', 'fe'];

/** `count` synthetic products for benchmarks: ids `bench-<n>`, names of three made-up words. */
export function* syntheticCatalog(count: number): Generator<SeedProduct> {
  const next = random(7);
  const word = () =>
    Array.from({ length: 2 + Math.floor(next() * 3) }, () => SYLLABLES[Math.floor(next() * SYLLABLES.length)]).join('');
  for (let n = 0; n < count; n += 1) {
    const category = CATEGORIES[n % CATEGORIES.length];
    const name = `${word()} ${word()} ${word()}`.replace(/^./, (c) => c.toUpperCase());
    yield {
      id: `bench-${String(n).padStart(7, '0')}`,
      createdAt: new Date(SEED_EPOCH - (count - n) * 1000),
      input: {
        name,
        category,
        price: 100 + Math.floor(next() * 1_000_000),
        stock: Math.floor(next() * 1000),
        description: '',
      },
    };
  }
}
