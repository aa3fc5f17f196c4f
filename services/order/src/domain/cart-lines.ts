import { ValidationError } from '@estore/core/errors';
import { type CartLine, MAX_CART_LINES } from '@estore/core/order';

/** Applies `POST /order/create`: each line's count is set, and 0 removes the line. New lines go last. */
export function setCounts(current: CartLine[], changes: CartLine[]): CartLine[] {
  const counts = new Map(current.map((line) => [line.productId, line.count]));
  for (const change of changes) {
    if (change.count === 0) counts.delete(change.productId);
    else counts.set(change.productId, change.count);
  }
  return withinLimit([...counts].map(([productId, count]) => ({ productId, count })));
}

/**
 * Applies `POST /order/cart`: a cart kept in the browser before sign-in joins the saved one; a
 * product in both keeps the larger count, so merging twice changes nothing more.
 */
export function mergeLines(saved: CartLine[], browser: CartLine[]): CartLine[] {
  const counts = new Map(saved.map((line) => [line.productId, line.count]));
  for (const line of browser) {
    if (line.count === 0) continue;
    counts.set(line.productId, Math.max(counts.get(line.productId) ?? 0, line.count));
  }
  return withinLimit([...counts].map(([productId, count]) => ({ productId, count })));
}

function withinLimit(lines: CartLine[]): CartLine[] {
  if (lines.length > MAX_CART_LINES) {
    throw new ValidationError(
      `A cart holds at most ${MAX_CART_LINES} products`,
      [{ field: 'items', message: `at most ${MAX_CART_LINES} distinct products` }],
      'CART_TOO_LARGE',
    );
  }
  return lines;
}
