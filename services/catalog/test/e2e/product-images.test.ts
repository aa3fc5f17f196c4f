import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { createS3Client } from '@estore/core/aws';
import { type Product } from '@estore/core/catalog';
import { type ApiClient, uniqueName } from '@estore/testkit';
import { clientAs, createProduct } from './support';

// The first call to each function through serverless-offline includes its cold start.
jest.setTimeout(30_000);

interface UploadForm {
  url: string;
  fields: Record<string, string>;
  key: string;
}

const BUCKET = 'estore-catalog-local-images';
const STOREFRONT = 'http://localhost:5173';
const s3 = createS3Client();
// A real 1x1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

let manager: ApiClient;
let anonymous: ApiClient;
beforeAll(async () => {
  [manager, anonymous] = await Promise.all([clientAs('manager'), clientAs('anonymous')]);
});

/** Posts the file as a browser form would: the signed fields first, the file last. */
async function upload(form: UploadForm, body: Buffer, type: string): Promise<Response> {
  const data = new FormData();
  for (const [name, value] of Object.entries(form.fields)) data.append(name, value);
  data.append('file', new Blob([body], { type }), 'picture.png');
  return fetch(form.url, { method: 'POST', body: data, headers: { origin: STOREFRONT } });
}

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function objectExists(key: string): Promise<boolean> {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
    return true;
  } catch {
    return false;
  }
}

describe('product images through a presigned POST and the S3 upload event', () => {
  it('an uploaded image appears on the product within seconds, loads in a browser, and can be removed', async () => {
    const product = await createProduct(manager, { name: `Pictured ${uniqueName('img')}` });
    const form = await manager.post<UploadForm>(`/product/${product.id}/image?slot=2`, { fileType: 'image/png' });
    expect(form.status).toBe(200);
    expect(form.body.key).toBe(`products/${product.id}/2`);
    expect(form.body.fields).toMatchObject({
      key: `products/${product.id}/2`,
      'Content-Type': 'image/png',
      Policy: expect.any(String),
    });

    const uploaded = await upload(form.body, PNG, 'image/png');
    expect(uploaded.status).toBeGreaterThanOrEqual(200);
    expect(uploaded.status).toBeLessThan(300);
    expect(uploaded.headers.get('access-control-allow-origin')).toBeTruthy(); // a storefront on another origin can post

    const seen = await eventually(
      async () => (await anonymous.get<Product>(`/product/${product.id}`)).body,
      (p) => p.images.length > 0,
    );
    expect(seen.images).toEqual([{ slot: 2, url: expect.stringMatching(/^http/) }]);

    const image = await fetch(seen.images[0].url);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await image.arrayBuffer())).toEqual(PNG);

    const removed = await manager.delete(`/product/${product.id}/image?slot=2`);
    expect(removed.status).toBe(204);
    expect((await anonymous.get<Product>(`/product/${product.id}`)).body.images).toEqual([]);
    expect(await objectExists(form.body.key)).toBe(false);
  });

  it('removes an image that lands after its product was deleted', async () => {
    const product = await createProduct(manager, { name: `Vanishing ${uniqueName('img')}` });
    const form = await manager.post<UploadForm>(`/product/${product.id}/image?slot=1`, { fileType: 'image/png' });
    expect((await manager.delete(`/product/${product.id}`)).status).toBe(204);
    const uploaded = await upload(form.body, PNG, 'image/png');
    expect(uploaded.status).toBeLessThan(300);
    expect(
      await eventually(
        () => objectExists(form.body.key),
        (exists) => !exists,
      ),
    ).toBe(false);
  });

  it('refuses an upload form for an unknown product, a bad slot or a type that is not an image', async () => {
    expect((await manager.post('/product/unknown-id/image?slot=1', { fileType: 'image/png' })).status).toBe(404);
    const product = await createProduct(manager, { name: `Strict ${uniqueName('img')}` });
    const badSlot = await manager.post<{ error: { details: Array<{ field: string }> } }>(
      `/product/${product.id}/image?slot=4`,
      { fileType: 'image/png' },
    );
    expect(badSlot.status).toBe(400);
    expect(badSlot.body.error.details[0].field).toBe('slot');
    const badType = await manager.post<{ error: { details: Array<{ field: string }> } }>(
      `/product/${product.id}/image?slot=1`,
      { fileType: 'image/gif' },
    );
    expect(badType.status).toBe(400);
    expect(badType.body.error.details[0].field).toBe('fileType');
    expect((await manager.delete('/product/unknown-id/image?slot=1')).status).toBe(404);
  });
});
