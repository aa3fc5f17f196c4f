import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { ErrorDetail } from '../errors';
import { InsufficientStockError } from './errors';
import type { StockLine } from './product';

/**
 * One line per product, in first-occurrence order, counts summed: a transaction may touch an item
 * only once, and two actions on one product would each check the stock alone. Refuses (RangeError)
 * a count that is not a positive integer, a price that is not one, and one product at two prices.
 * A line without a price adds no price guard; merged with a priced line, the price is kept.
 */
export function mergeStockLines(lines: StockLine[]): StockLine[] {
  const merged = new Map<string, StockLine>();
  for (const line of lines) {
    if (!Number.isInteger(line.count) || line.count <= 0)
      throw new RangeError(`count for ${line.productId} must be a positive integer, got ${line.count}`);
    if (line.price !== undefined && (!Number.isInteger(line.price) || line.price <= 0)) {
      throw new RangeError(`price for ${line.productId} must be a positive integer, got ${line.price}`);
    }
    const seen = merged.get(line.productId);
    if (!seen) {
      merged.set(line.productId, { ...line });
      continue;
    }
    if (seen.price !== undefined && line.price !== undefined && seen.price !== line.price) {
      throw new RangeError(`product ${line.productId} appears at two prices (${seen.price} and ${line.price})`);
    }
    seen.count += line.count;
    if (seen.price === undefined && line.price !== undefined) seen.price = line.price;
  }
  return [...merged.values()];
}

/** Why a reservation was refused: lines short of stock (or deleted), and products whose price moved. */
export interface ReservationFailure {
  /** INSUFFICIENT_STOCK details, one per short or deleted product. */
  short: ErrorDetail[];
  /** Products that had the stock but no longer cost the line's price. */
  priceChanged: string[];
}

/**
 * Explains a cancelled transaction built with `reserveStockActions(lines)` starting at action
 * `offset`; undefined when the error is not such a cancellation or none of these lines caused it
 * (another item of the caller's transaction did, say). Reads the `ALL_OLD` item each refused
 * action returns. `lines` are merged again (idempotent), so they line up with the actions.
 */
export function classifyReservationFailure(
  error: unknown,
  mergedLines: StockLine[],
  offset = 0,
): ReservationFailure | undefined {
  if (!(error instanceof TransactionCanceledException)) return undefined;
  const reasons = error.CancellationReasons ?? [];
  const failure: ReservationFailure = { short: [], priceChanged: [] };
  for (const [i, line] of mergeStockLines(mergedLines).entries()) {
    const reason = reasons[offset + i];
    if (reason?.Code !== 'ConditionalCheckFailed') continue;
    // CancellationReasons are not unmarshalled by the document client: raw attribute values.
    const stock = reason.Item?.stock?.N;
    const price = reason.Item?.price?.N;
    const available = stock === undefined ? 0 : Number(stock);
    if (stock !== undefined && available >= line.count && line.price !== undefined && Number(price) !== line.price) {
      failure.priceChanged.push(line.productId);
      continue;
    }
    failure.short.push({
      field: 'items',
      productId: line.productId,
      requested: line.count,
      available,
      message: stock === undefined ? 'product no longer exists' : 'not enough stock',
    });
  }
  return failure.short.length + failure.priceChanged.length === 0 ? undefined : failure;
}

/** Maps a cancelled stock transaction to the contract's 409 INSUFFICIENT_STOCK, or undefined if no line was short. */
export function stockConflict(error: unknown, lines: StockLine[], offset = 0): InsufficientStockError | undefined {
  const failure = classifyReservationFailure(error, lines, offset);
  if (!failure || failure.short.length === 0) return undefined;
  return new InsufficientStockError('Not enough stock for some products', failure.short);
}
