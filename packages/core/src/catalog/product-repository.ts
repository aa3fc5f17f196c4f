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
import { conditionHeld, type TransactItem } from '../aws/dynamodb-writes';
import { type CursorCodecSource, cursorsNotWired, isDynamoDbKeyValue, type PageKey } from '../pagination/cursor';
import type { Page } from '../pagination/schemas';
import { backoff } from '../retry';
import { ProductChangedError } from './errors';
import { PRODUCT_SK, productPk } from './keys';
import {
  CURRENCY,
  type ImageSlot,
  type NewProduct,
  type ProductListQuery,
  type ProductRecord,
  type StockLine,
  type StoredImage,
} from './product';
import { listingKeys, type ProductChanges, type ProductItem, type TermItem, toRecord } from './product-items';
import {
  createActions,
  deleteActions,
  editActions,
  lostRace,
  releaseStockActions,
  reserveStockActions,
} from './product-writes';
import { nameMatches, planSearch } from './search-terms';
import { stockConflict } from './stock-lines';

/**
 * A list fills its page with at most this many Queries (search filters and deleted products shorten
 * pages). Each Query reads at most the products still missing (`Limit` counts items before the
 * filter), so one public request reads at most 2 x limit index entries and fetches at most
 * 2 x limit products (200 at limit=100) in 2 BatchGetItems; a short page keeps an exact cursor.
 */
export const MAX_QUERIES_PER_PAGE = 2;

export type { ProductChanges } from './product-items';

/**
 * Products in DynamoDB, read only through GetItem/Query (never Scan). Each product is one item
 * plus one search-index item per word prefix of its name, all under the product's partition and
 * always written together in one transaction. See docs/data-model.md.
 *
 * Storage only: items, keys, conditional writes and transactions. A write that loses a race says
 * so (`ProductChangedError`); preconditions (`If-Match`) and retries are `ProductUpdates`'.
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
    return createActions(this.tableName, record);
  }

  async get(id: string, options: { consistent?: boolean } = {}): Promise<ProductRecord | undefined> {
    const item = await this.getItem(id, options.consistent ?? false);
    return item ? toRecord(item) : undefined;
  }

  /**
   * One attempt at an edit: reads the product consistently, lets `change` decide its new fields
   * from what was read, and writes them in one transaction guarded by the version read, the search
   * entries moved alongside so they never disagree with the product. Every write bumps the
   * version, so a change computed from the stock read (an adjustment) is a compare-and-set.
   * Undefined when there is no such product (before the read or at the write); a
   * `ProductChangedError` when another writer got there first.
   */
  async edit(
    id: string,
    change: (current: ProductRecord) => ProductChanges,
    now: Date = new Date(),
  ): Promise<ProductRecord | undefined> {
    const current = await this.getItem(id, true);
    if (!current) return undefined;
    const before = toRecord(current);
    const after: ProductRecord = {
      ...before,
      ...change(before),
      updatedAt: now.toISOString(),
      version: before.version + 1,
    };
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: editActions(this.tableName, current, after) }));
      return after;
    } catch (error) {
      const lost = lostRace(error);
      if (!lost) throw error;
      // The product item's refusal carries the item (ALL_OLD): none means it was deleted.
      const refused = error instanceof TransactionCanceledException ? error.CancellationReasons?.[0] : undefined;
      if (lost === 'refused' && !refused?.Item) return undefined;
      throw new ProductChangedError(id, lost === 'refused' ? 'version-moved' : 'collided', { cause: error });
    }
  }

  /**
   * Deletes the product and its search entries atomically, guarded by the version read (so the
   * entries deleted are the ones it has); returns what was deleted, undefined when there is no
   * such product, a `ProductChangedError` when another writer got there first.
   */
  async delete(id: string): Promise<ProductRecord | undefined> {
    const current = await this.getItem(id, true);
    if (!current) return undefined;
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: deleteActions(this.tableName, current) }));
      return toRecord(current);
    } catch (error) {
      const lost = lostRace(error);
      if (!lost) throw error;
      throw new ProductChangedError(id, lost === 'refused' ? 'version-moved' : 'collided', { cause: error });
    }
  }

  /**
   * Lists one page: a Query on the index matching (category?, sort), or on the search entries.
   * A search with no letter or digit looks nothing up, so it finds nothing (the route refuses it first).
   */
  async list(query: ProductListQuery): Promise<Page<ProductRecord>> {
    const plan = query.search === undefined ? undefined : planSearch(query.search);
    if (query.search !== undefined && !plan) return { items: [], nextCursor: null };
    const { index, partition, scope } = listingKeys(query, plan);
    const cursors = await this.cursors();
    // Signed, so a key for another partition means the signing key leaked: still the codec's 400, not a DynamoDB error.
    let startKey: PageKey | undefined = cursors.decode(
      query.cursor,
      scope,
      ['PK', 'SK', index.pk, index.sk],
      (name, value) =>
        typeof value === 'string' && isDynamoDbKeyValue(name, value) && (name !== index.pk || value === partition),
    );

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
      // BatchGetItem may leave keys unprocessed under load; asking again for those is part of the call.
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
    return reserveStockActions(this.tableName, lines);
  }

  /** Actions that give `count` units back (lines merged as for a reservation); a deleted product has nothing to give back to. */
  releaseStockActions(lines: StockLine[]): TransactItem[] {
    return releaseStockActions(this.tableName, lines);
  }

  /** Takes stock for every line or for none: an `InsufficientStockError` (409) naming each short product. */
  async reserveStock(lines: StockLine[]): Promise<void> {
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: this.reserveStockActions(lines) }));
    } catch (error) {
      throw stockConflict(error, lines) ?? error;
    }
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
