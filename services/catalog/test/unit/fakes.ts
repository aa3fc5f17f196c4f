import {
  CURRENCY,
  type ImageSlot,
  type NewProduct,
  type ProductChanges,
  type ProductImageStore,
  type ProductRecord,
  type ProductRepository,
  type StoredImage,
} from '@estore/core/catalog';
import type { HttpLambda, Principal } from '@estore/core/http';
import { type HttpEventOptions, httpEvent, lambdaContext } from '@estore/testkit';

export const manager: Principal = { username: 'mia', groups: ['manage_product_group'] };
export const customer: Principal = { username: 'carl', groups: [] };

export function productRecord(overrides: Partial<ProductRecord> = {}): ProductRecord {
  return {
    id: 'p1',
    name: 'Zebra Lamp',
    description: '',
    category: 'Books',
    price: 1000,
    currency: CURRENCY,
    stock: 10,
    images: [],
    createdAt: '2026-06-01T00:00:00.000Z',
    updatedAt: '2026-06-01T00:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

/** The products table in memory: what each storage call would leave behind, with no DynamoDB. */
export class FakeProducts
  implements Pick<ProductRepository, 'create' | 'get' | 'list' | 'edit' | 'delete' | 'setImage' | 'clearImage'>
{
  readonly records = new Map<string, ProductRecord>();

  constructor(...records: ProductRecord[]) {
    for (const record of records) this.records.set(record.id, record);
  }

  async create(input: NewProduct): Promise<ProductRecord> {
    const record = productRecord({ id: `p${this.records.size + 1}`, ...input, description: input.description ?? '' });
    this.records.set(record.id, record);
    return record;
  }

  async get(id: string): Promise<ProductRecord | undefined> {
    return this.records.get(id);
  }

  async list(): Promise<{ items: ProductRecord[]; nextCursor: string | null }> {
    return { items: [...this.records.values()], nextCursor: null };
  }

  async edit(id: string, change: (current: ProductRecord) => ProductChanges): Promise<ProductRecord | undefined> {
    const current = this.records.get(id);
    if (!current) return undefined;
    const after = { ...current, ...change(current), version: current.version + 1 };
    this.records.set(id, after);
    return after;
  }

  async delete(id: string): Promise<ProductRecord | undefined> {
    const current = this.records.get(id);
    this.records.delete(id);
    return current;
  }

  async setImage(id: string, image: StoredImage): Promise<boolean> {
    const current = this.records.get(id);
    if (!current) return false;
    const images = [...current.images.filter((i) => i.slot !== image.slot), image].sort((a, b) => a.slot - b.slot);
    this.records.set(id, { ...current, images, version: current.version + 1 });
    return true;
  }

  async clearImage(id: string, slot: ImageSlot): Promise<boolean> {
    const current = this.records.get(id);
    if (!current) return false;
    this.records.set(id, { ...current, images: current.images.filter((i) => i.slot !== slot) });
    return true;
  }
}

/** The images bucket in memory: object keys and their content types. */
export class FakeImages implements Pick<ProductImageStore, 'viewUrl' | 'contentType' | 'delete'> {
  readonly objects = new Map<string, string>();
  readonly deleted: string[] = [];

  async viewUrl(key: string): Promise<string> {
    return `https://images.test/${key}?signed`;
  }

  async contentType(key: string): Promise<string | undefined> {
    return this.objects.get(key);
  }

  async delete(key: string): Promise<void> {
    this.deleted.push(key);
    this.objects.delete(key);
  }
}

/** Calls an HTTP handler as API Gateway would; answers the status, the parsed body and the headers. */
export async function call(handler: HttpLambda, options: HttpEventOptions) {
  const result = await handler(httpEvent(options), lambdaContext());
  return {
    status: result.statusCode,
    body: result.body ? (JSON.parse(result.body) as Record<string, unknown>) : undefined,
    headers: result.headers ?? {},
  };
}
