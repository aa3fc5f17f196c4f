import { randomUUID } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { conditionHeld } from '../dynamodb';
import { ConflictError, PreconditionFailedError, PreconditionRequiredError, ValidationError } from '../errors';
import { type CursorCodecSource, cursorsNotWired, type PageKey } from '../pagination/cursor';
import type { Page } from '../pagination/schemas';
import { type IfMatch, ifMatchAllows } from './etag';
import {
  ALL_PRODUCTS,
  categoryPk,
  INDEXES,
  type IndexName,
  newestSortKey,
  PRODUCT_SK,
  priceSortKey,
  productPk,
  searchAllPk,
  searchCategoryPk,
  termSk,
} from './keys';
import {
  CURRENCY,
  type ImageSlot,
  MAX_STOCK,
  type NewProduct,
  type ProductListQuery,
  type ProductPatch,
  type ProductRecord,
  type StockLine,
  type StoredImage,
} from './product';
import { nameMatches, planSearch, searchTerms, searchText } from './search-terms';
import { mergeStockLines, stockConflict } from './stock-lines';

type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

/** The product item as stored: the record plus its index keys. */
interface ProductItem extends Omit<ProductRecord, 'images'> {
  PK: string;
  SK: string;
  type: 'product';
  catPk: string;
  allPk: string;
  priceSk: string;
  newestSk: string;
  /** The search prefixes this product is indexed under, so an update removes exactly those. */
  terms: string[];
  images: Partial<Record<string, Omit<StoredImage, 'slot'>>>;
}

/** One search index entry: the product is found under `prefix`, in the same four orders. */
interface TermItem {
  PK: string;
  SK: string;
  type: 'term';
  productId: string;
  catPk: string;
  allPk: string;
  priceSk: string;
  newestSk: string;
  searchText: string;
}

const MAX_UPDATE_ATTEMPTS = 10;
/**
 * A list fills its page with at most this many Queries (search filters and deleted products shorten
 * pages). Each Query reads at most the products still missing (`Limit` counts items before the
 * filter), so one public request reads at most 2 x limit index entries and fetches at most
 * 2 x limit products (200 at limit=100) in 2 BatchGetItems; a short page keeps an exact cursor.
 */
export const MAX_QUERIES_PER_PAGE = 2;

/** Another writer got there first (version moved, or transactions collided): worth retrying on fresh data. */
function isLostRace(error: unknown): boolean {
  if (error instanceof TransactionCanceledException) {
    return (error.CancellationReasons ?? []).some(
      (reason) => reason.Code === 'ConditionalCheckFailed' || reason.Code === 'TransactionConflict',
    );
  }
  return false;
}

const editConflict = () =>
  new ConflictError('EDIT_CONFLICT', 'The product kept changing while it was being saved; try again');
const staleTag = () => new PreconditionFailedError('The product changed since this ETag was read; read it again');

/** How a guarded product write failed: the product is gone, or its version moved. */
function productWriteRefused(error: unknown): 'deleted' | 'moved' | undefined {
  if (!(error instanceof TransactionCanceledException)) return undefined;
  const reason = error.CancellationReasons?.[0]; // the product item is always the first action
  if (reason?.Code !== 'ConditionalCheckFailed') return undefined;
  return reason.Item ? 'moved' : 'deleted';
}

/** The stock after an edit; an adjustment is checked against the stock the write is guarded on. */
function stockAfter(id: string, stock: number, patch: ProductPatch): number {
  if (patch.stock !== undefined) return patch.stock;
  if (patch.stockAdjustment === undefined) return stock;
  const next = stock + patch.stockAdjustment;
  const detail = {
    field: 'stockAdjustment',
    productId: id,
    requested: Math.abs(patch.stockAdjustment),
    available: stock,
  };
  if (next < 0)
    throw new ConflictError('INSUFFICIENT_STOCK', 'Not enough stock to remove that many', [
      { ...detail, message: 'not enough stock' },
    ]);
  if (next > MAX_STOCK) {
    throw new ConflictError('STOCK_LIMIT_EXCEEDED', `Stock cannot exceed ${MAX_STOCK}`, [
      { ...detail, max: MAX_STOCK, message: `stock would exceed ${MAX_STOCK}` },
    ]);
  }
  return next;
}

function toRecord(item: ProductItem): ProductRecord {
  const images = Object.entries(item.images ?? {})
    .flatMap(([slot, image]) => (image ? [{ slot: Number(slot) as ImageSlot, ...image }] : []))
    .sort((a, b) => a.slot - b.slot);
  return {
    id: item.id,
    name: item.name,
    description: item.description,
    category: item.category,
    price: item.price,
    currency: item.currency,
    stock: item.stock,
    images,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
    version: item.version,
  };
}

function termItem(record: ProductRecord, prefix: string): TermItem {
  return {
    PK: productPk(record.id),
    SK: termSk(prefix),
    type: 'term',
    productId: record.id,
    catPk: searchCategoryPk(record.category, prefix),
    allPk: searchAllPk(prefix),
    priceSk: priceSortKey(record.price, record.id),
    newestSk: newestSortKey(record.createdAt, record.id),
    searchText: searchText(record.name),
  };
}

function pickIndex(query: ProductListQuery): IndexName {
  const byPrice = query.sort !== 'newest';
  if (query.category) return byPrice ? 'byCategoryPrice' : 'byCategoryNewest';
  return byPrice ? 'allByPrice' : 'allByNewest';
}

/** Mutable product fields an update may write to the product item. */
const EDITABLE = ['name', 'description', 'category', 'price', 'stock'] as const;

/**
 * Products in DynamoDB, read only through GetItem/Query (never Scan). Each product is one item
 * plus one search-index item per word prefix of its name, all under the product's partition and
 * always written together in one transaction. See docs/data-model.md.
 */
export class ProductRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    readonly tableName: string,
    /** Signs list cursors (`cursorCodecFromEnv` in the listing function); others never bundle the key's loader. */
    private readonly cursors: CursorCodecSource = cursorsNotWired,
  ) {}

  async create(input: NewProduct, options: { id?: string; now?: Date } = {}): Promise<ProductRecord> {
    const now = (options.now ?? new Date()).toISOString();
    const record: ProductRecord = {
      id: options.id ?? randomUUID(),
      name: input.name,
      description: input.description ?? '',
      category: input.category,
      price: input.price,
      currency: CURRENCY,
      stock: input.stock,
      images: [],
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    await this.db.send(new TransactWriteCommand({ TransactItems: this.createActions(record) }));
    return record;
  }

  /**
   * The writes that create a product (product item first, then its search entries); refused
   * if the id exists. Exposed so a bulk loader can apply them with its own retries.
   */
  createActions(record: ProductRecord): TransactItem[] {
    const terms = searchTerms(record.name);
    return [
      {
        Put: {
          TableName: this.tableName,
          Item: this.productItem(record, terms),
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      ...terms.map((prefix) => ({ Put: { TableName: this.tableName, Item: termItem(record, prefix) } })),
    ];
  }

  async get(id: string, options: { consistent?: boolean } = {}): Promise<ProductRecord | undefined> {
    const item = await this.getItem(id, options.consistent ?? false);
    return item ? toRecord(item) : undefined;
  }

  /**
   * Applies a partial update in one transaction guarded by the product's version: the search
   * entries never disagree with the product, and since every write bumps the version, a
   * `stockAdjustment` checked against the stock read is a compare-and-set.
   *
   * `ifMatch` (the parsed If-Match header) must hold on the current version, else 412; a version
   * that moves before the write is the caller's to resolve (412, never retried). Setting `stock`
   * outright needs it (428): a stale form would otherwise undo a checkout's reservation.
   * Without it, a lost race is retried on fresh data, which is safe because such an edit does not
   * set stock. Only DynamoDB's TransactionConflict (the condition was never evaluated) is retried
   * under a named tag, and the tag is checked again on the fresh read.
   */
  async update(
    id: string,
    patch: ProductPatch,
    options: { ifMatch?: IfMatch; now?: Date } = {},
  ): Promise<ProductRecord | undefined> {
    const { ifMatch, now = new Date() } = options;
    if (patch.stock !== undefined && patch.stockAdjustment !== undefined) {
      throw new ValidationError('Invalid body', [
        { field: 'stockAdjustment', message: 'give either stock or stockAdjustment, not both' },
      ]);
    }
    if (patch.stock !== undefined && !ifMatch) {
      throw new PreconditionRequiredError(
        "Setting stock needs If-Match with the product's ETag; use stockAdjustment to add or remove units",
      );
    }
    for (let attempt = 1; ; attempt += 1) {
      const current = await this.getItem(id, true);
      if (!current) return undefined;
      if (ifMatch && !ifMatchAllows(ifMatch, current.version)) throw staleTag();
      const before = toRecord(current);
      const after: ProductRecord = {
        ...before,
        ...Object.fromEntries(
          EDITABLE.filter((field) => patch[field] !== undefined).map((field) => [field, patch[field]]),
        ),
        stock: stockAfter(id, before.stock, patch),
        updatedAt: now.toISOString(),
        version: before.version + 1,
      };
      try {
        await this.db.send(new TransactWriteCommand({ TransactItems: this.updateActions(current, after) }));
        return after;
      } catch (error) {
        if (!isLostRace(error)) throw error;
        const refused = productWriteRefused(error);
        if (refused === 'deleted') return undefined;
        if (refused === 'moved' && ifMatch && !ifMatch.any) throw staleTag();
        if (attempt >= MAX_UPDATE_ATTEMPTS) throw editConflict();
        await backoff(attempt, 10, 500);
      }
    }
  }

  private updateActions(current: ProductItem, after: ProductRecord): TransactItem[] {
    const oldTerms = current.terms ?? [];
    const newTerms = searchTerms(after.name);
    const keysChanged =
      current.price !== after.price || current.category !== after.category || current.name !== after.name;
    const names: Record<string, string> = { '#version': 'version', '#updatedAt': 'updatedAt' };
    const values: Record<string, unknown> = {
      ':expected': current.version,
      ':version': after.version,
      ':updatedAt': after.updatedAt,
    };
    const sets = ['#version = :version', '#updatedAt = :updatedAt'];
    for (const field of EDITABLE) {
      if (current[field] === after[field]) continue;
      names[`#${field}`] = field;
      values[`:${field}`] = after[field];
      sets.push(`#${field} = :${field}`);
    }
    if (keysChanged) {
      Object.assign(names, { '#catPk': 'catPk', '#priceSk': 'priceSk', '#terms': 'terms' });
      Object.assign(values, {
        ':catPk': categoryPk(after.category),
        ':priceSk': priceSortKey(after.price, after.id),
        ':terms': newTerms,
      });
      sets.push('#catPk = :catPk', '#priceSk = :priceSk', '#terms = :terms');
    }
    const productUpdate: TransactItem = {
      Update: {
        TableName: this.tableName,
        Key: { PK: productPk(after.id), SK: PRODUCT_SK },
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: '#version = :expected',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        // Tells a deleted product (no item) from a moved version.
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    };
    if (!keysChanged) return [productUpdate];
    const keep = new Set(newTerms);
    return [
      productUpdate,
      ...oldTerms
        .filter((prefix) => !keep.has(prefix))
        .map((prefix) => ({
          Delete: { TableName: this.tableName, Key: { PK: productPk(after.id), SK: termSk(prefix) } },
        })),
      ...newTerms.map((prefix) => ({ Put: { TableName: this.tableName, Item: termItem(after, prefix) } })),
    ];
  }

  /** Deletes the product and its search entries atomically; returns what was deleted. */
  async delete(id: string): Promise<ProductRecord | undefined> {
    for (let attempt = 1; ; attempt += 1) {
      const current = await this.getItem(id, true);
      if (!current) return undefined;
      try {
        await this.db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Delete: {
                  TableName: this.tableName,
                  Key: { PK: productPk(id), SK: PRODUCT_SK },
                  ConditionExpression: '#version = :expected',
                  ExpressionAttributeNames: { '#version': 'version' },
                  ExpressionAttributeValues: { ':expected': current.version },
                },
              },
              ...(current.terms ?? []).map((prefix) => ({
                Delete: { TableName: this.tableName, Key: { PK: productPk(id), SK: termSk(prefix) } },
              })),
            ],
          }),
        );
        return toRecord(current);
      } catch (error) {
        if (!isLostRace(error)) throw error;
        if (attempt >= MAX_UPDATE_ATTEMPTS) throw editConflict();
        await backoff(attempt, 10, 500);
      }
    }
  }

  /** Lists one page: a Query on the index matching (category?, sort), or on the search entries. */
  async list(query: ProductListQuery): Promise<Page<ProductRecord>> {
    const indexName = pickIndex(query);
    const index = INDEXES[indexName];
    const plan = query.search === undefined ? undefined : planSearch(query.search);
    if (query.search !== undefined && !plan)
      throw new ValidationError('Invalid query', [
        { field: 'search', message: 'search must contain a letter or a digit' },
      ]);
    const partition = plan
      ? query.category
        ? searchCategoryPk(query.category, plan.prefix)
        : searchAllPk(plan.prefix)
      : query.category
        ? categoryPk(query.category)
        : ALL_PRODUCTS;
    // The cursor is bound to everything that shapes the result, so it cannot be replayed elsewhere.
    const scope = JSON.stringify([
      'products',
      query.category ?? null,
      plan ? [plan.prefix, ...plan.filters] : null,
      query.sort,
    ]);
    const keyNames = ['PK', 'SK', index.pk, index.sk];
    const cursors = await this.cursors();
    let startKey: PageKey | undefined = cursors.decode(query.cursor, scope, keyNames);
    // Signed, so this holds unless the key leaked; then a key for another partition is still a 400, not a DynamoDB error.
    if (
      startKey &&
      (startKey[index.pk] !== partition || keyNames.some((name) => typeof startKey?.[name] !== 'string'))
    ) {
      throw new ValidationError('Invalid cursor', [{ field: 'cursor', message: 'cursor is not valid for this query' }]);
    }

    const filter = plan && plan.filters.length > 0 ? plan.filters : undefined;
    const items: ProductRecord[] = [];
    for (let round = 0; round < MAX_QUERIES_PER_PAGE && items.length < query.limit; round += 1) {
      const input: QueryCommandInput = {
        TableName: this.tableName,
        IndexName: index.name,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': index.pk, ...(filter ? { '#text': 'searchText' } : {}) },
        ExpressionAttributeValues: {
          ':pk': partition,
          ...(filter ? Object.fromEntries(filter.map((word, i) => [`:w${i}`, ` ${word}`])) : {}),
        },
        ...(filter ? { FilterExpression: filter.map((_, i) => `contains(#text, :w${i})`).join(' AND ') } : {}),
        ScanIndexForward: query.sort === 'price_asc',
        Limit: query.limit - items.length,
        ExclusiveStartKey: startKey,
      };
      const result = await this.db.send(new QueryCommand(input));
      const found = (result.Items ?? []) as Array<ProductItem | TermItem>;
      if (plan && query.search !== undefined) {
        const search = query.search;
        // Indexes are eventually consistent: an entry may briefly outlive a rename or a move.
        const products = await this.getMany(found.map((item) => (item as TermItem).productId));
        items.push(
          ...products.filter((p) => nameMatches(p.name, search) && (!query.category || p.category === query.category)),
        );
      } else {
        items.push(...(found as ProductItem[]).map(toRecord));
      }
      startKey = result.LastEvaluatedKey as PageKey | undefined;
      if (!startKey) break;
    }
    return { items, nextCursor: cursors.encode(startKey, scope) };
  }

  /** Products by id, in the order given; ids with no product (deleted meanwhile) are skipped. */
  async getMany(ids: string[]): Promise<ProductRecord[]> {
    if (ids.length === 0) return [];
    const found = new Map<string, ProductRecord>();
    for (let start = 0; start < ids.length; start += 100) {
      let keys: Array<Record<string, unknown>> | undefined = [...new Set(ids.slice(start, start + 100))].map((id) => ({
        PK: productPk(id),
        SK: PRODUCT_SK,
      }));
      for (let attempt = 0; keys && keys.length > 0; attempt += 1) {
        if (attempt > 0) await backoff(attempt);
        const result = await this.db.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys } } }));
        for (const item of (result.Responses?.[this.tableName] ?? []) as ProductItem[])
          found.set(item.id, toRecord(item));
        keys = result.UnprocessedKeys?.[this.tableName]?.Keys as Array<Record<string, unknown>> | undefined;
        if (attempt > 8) throw new Error('BatchGetItem kept leaving keys unprocessed');
      }
    }
    return ids.flatMap((id) => {
      const record = found.get(id);
      return record ? [record] : [];
    });
  }

  /** Records an uploaded image in its slot; false when the product does not exist. Idempotent. */
  setImage(id: string, image: StoredImage, now: Date = new Date()): Promise<boolean> {
    const { slot, ...stored } = image;
    return this.updateImageSlot(id, slot, 'SET images.#slot = :image, updatedAt = :now, version = version + :one', {
      ':image': stored,
      ':now': now.toISOString(),
    });
  }

  /** Empties an image slot; false when the product does not exist. */
  clearImage(id: string, slot: ImageSlot, now: Date = new Date()): Promise<boolean> {
    return this.updateImageSlot(id, slot, 'REMOVE images.#slot SET updatedAt = :now, version = version + :one', {
      ':now': now.toISOString(),
    });
  }

  private updateImageSlot(
    id: string,
    slot: ImageSlot,
    update: string,
    values: Record<string, unknown>,
  ): Promise<boolean> {
    return conditionHeld(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { PK: productPk(id), SK: PRODUCT_SK },
          UpdateExpression: update,
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeNames: { '#slot': String(slot) },
          // Every write bumps the version: the product's ETag must change with its images too.
          ExpressionAttributeValues: { ...values, ':one': 1 },
        }),
      ),
    );
  }

  /**
   * The transaction actions that take `count` units of each product, one action per line of
   * `mergeStockLines(lines)` in that order (so a caller finds each line's cancellation reason),
   * each refused unless that much stock is left and, for a line with a `price`, unless the product
   * still costs that. Another service adds its own items (its order, say) to the same transaction;
   * `classifyReservationFailure` explains a cancellation. Bumps the version: stock is in the ETag.
   */
  reserveStockActions(lines: StockLine[]): TransactItem[] {
    return mergeStockLines(lines).map((line) => ({
      Update: {
        TableName: this.tableName,
        Key: { PK: productPk(line.productId), SK: PRODUCT_SK },
        UpdateExpression: 'SET stock = stock - :count, version = version + :one',
        ConditionExpression: `attribute_exists(PK) AND stock >= :count${line.price === undefined ? '' : ' AND price = :price'}`,
        ExpressionAttributeValues: {
          ':count': line.count,
          ':one': 1,
          ...(line.price === undefined ? {} : { ':price': line.price }),
        },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    }));
  }

  /** Actions that give `count` units back (lines merged as for a reservation); a deleted product has nothing to give back to. */
  releaseStockActions(lines: StockLine[]): TransactItem[] {
    return mergeStockLines(lines).map((line) => ({
      Update: {
        TableName: this.tableName,
        Key: { PK: productPk(line.productId), SK: PRODUCT_SK },
        UpdateExpression: 'SET stock = stock + :count, version = version + :one',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':count': line.count, ':one': 1 },
      },
    }));
  }

  /** Takes stock for every line or for none: 409 INSUFFICIENT_STOCK naming each short product. */
  async reserveStock(lines: StockLine[]): Promise<void> {
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: this.reserveStockActions(lines) }));
    } catch (error) {
      throw stockConflict(error, lines) ?? error;
    }
  }

  private productItem(record: ProductRecord, terms: string[]): ProductItem {
    return {
      ...record,
      PK: productPk(record.id),
      SK: PRODUCT_SK,
      type: 'product',
      catPk: categoryPk(record.category),
      allPk: ALL_PRODUCTS,
      priceSk: priceSortKey(record.price, record.id),
      newestSk: newestSortKey(record.createdAt, record.id),
      terms,
      images: Object.fromEntries(record.images.map(({ slot, ...image }) => [String(slot), image])),
    };
  }

  private async getItem(id: string, consistent: boolean): Promise<ProductItem | undefined> {
    const result = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { PK: productPk(id), SK: PRODUCT_SK },
        ConsistentRead: consistent,
      }),
    );
    return result.Item as ProductItem | undefined;
  }
}

export function backoff(attempt: number, baseMs = 50, capMs = 2000): Promise<void> {
  const ceiling = Math.min(capMs, baseMs * 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
}
