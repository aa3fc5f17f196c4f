import type { S3Event } from 'aws-lambda';
import { onImageUploaded } from '../../../src/handlers/on-image-uploaded';
import { FakeImages, FakeProducts, productRecord } from '../fakes';

const uploaded = (key: string): S3Event =>
  ({ Records: [{ eventTime: '2026-06-02T00:00:00.000Z', s3: { object: { key } } }] }) as unknown as S3Event;

function setUp() {
  const products = new FakeProducts(productRecord({ id: 'p1' }));
  const images = new FakeImages();
  return { products, images, handle: onImageUploaded({ products, images }) };
}

describe('S3 ObjectCreated: an uploaded product image', () => {
  it('records the image in its slot, and a replay records the same', async () => {
    const { products, images, handle } = setUp();
    images.objects.set('products/p1/2', 'image/webp');
    await handle(uploaded('products/p1/2'));
    await handle(uploaded('products/p1/2'));
    expect(products.records.get('p1')?.images).toEqual([
      { slot: 2, key: 'products/p1/2', contentType: 'image/webp', uploadedAt: '2026-06-02T00:00:00.000Z' },
    ]);
    expect(images.deleted).toEqual([]);
  });

  it('removes an image of a product that does not exist', async () => {
    const { images, handle } = setUp();
    images.objects.set('products/ghost/1', 'image/png');
    await handle(uploaded('products/ghost/1'));
    expect(images.deleted).toEqual(['products/ghost/1']);
  });

  it('removes an upload of a type the catalog does not accept, recording nothing', async () => {
    const { products, images, handle } = setUp();
    images.objects.set('products/p1/1', 'text/html');
    await handle(uploaded('products/p1/1'));
    expect(images.deleted).toEqual(['products/p1/1']);
    expect(products.records.get('p1')?.images).toEqual([]);
  });

  it('ignores an object the catalog did not issue, and one deleted since the event', async () => {
    const { products, images, handle } = setUp();
    await handle(uploaded('elsewhere/file.png'));
    await handle(uploaded('products/p1/3'));
    expect(images.deleted).toEqual([]);
    expect(products.records.get('p1')?.images).toEqual([]);
  });
});
