import { CURRENCY, type ProductRecord } from '../catalog/product';
import type { CartLine, PricedLine } from './order';

/**
 * Prices lines with the catalog's current prices, in integer cents. Lines whose product no
 * longer exists are dropped: a deleted product can be neither shown nor bought.
 */
export function priceLines(
  lines: CartLine[],
  products: ProductRecord[],
): { items: PricedLine[]; amount: number; currency: string } {
  const byId = new Map(products.map((product) => [product.id, product]));
  const items = lines.flatMap((line) => {
    const product = byId.get(line.productId);
    if (!product) return [];
    return [
      {
        productId: product.id,
        name: product.name,
        category: product.category,
        price: product.price,
        count: line.count,
        lineTotal: product.price * line.count,
      },
    ];
  });
  const amount = items.reduce((sum, item) => sum + item.lineTotal, 0);
  return { items, amount, currency: CURRENCY };
}
