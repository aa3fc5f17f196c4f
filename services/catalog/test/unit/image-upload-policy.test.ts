import { S3Client } from '@aws-sdk/client-s3';
import { imageKey, imageUploadForm, MAX_IMAGE_BYTES, ProductImageStore, parseImageKey } from '@estore/core/catalog';

// Signing is local computation: no S3 is contacted, so this runs as a unit test.
const s3 = new S3Client({
  region: 'us-east-1',
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
});
const store = new ProductImageStore(s3, 'estore-catalog-test-images');

type Condition = Record<string, string> | [string, string | number, string | number];

async function policyOf(productId: string, slot: 1 | 2 | 3, fileType: 'image/jpeg' | 'image/png' | 'image/webp') {
  const form = await imageUploadForm(store, productId, slot, fileType);
  const policy = JSON.parse(Buffer.from(form.fields.Policy, 'base64').toString('utf8')) as {
    expiration: string;
    conditions: Condition[];
  };
  return { form, policy };
}

describe('the presigned POST for a product image', () => {
  it('limits the upload to 5 MiB', async () => {
    const { policy } = await policyOf('p1', 1, 'image/png');
    expect(policy.conditions).toContainEqual(['content-length-range', 0, 5 * 1024 * 1024]);
    expect(MAX_IMAGE_BYTES).toBe(5242880);
  });

  it('requires exactly the declared content type', async () => {
    const { form, policy } = await policyOf('p1', 1, 'image/webp');
    expect(policy.conditions).toContainEqual(['eq', '$Content-Type', 'image/webp']);
    expect(form.fields['Content-Type']).toBe('image/webp');
    expect(policy.conditions).not.toContainEqual(expect.arrayContaining(['starts-with', '$Content-Type']));
  });

  it('fixes the key to the product and slot, never to anything the client chose', async () => {
    const { form, policy } = await policyOf('prod-42', 3, 'image/jpeg');
    expect(form.key).toBe('products/prod-42/3');
    expect(form.fields.key).toBe('products/prod-42/3');
    expect(policy.conditions).toContainEqual({ key: 'products/prod-42/3' });
    expect(policy.conditions).toContainEqual({ bucket: 'estore-catalog-test-images' });
    expect(policy.conditions.some((c) => Array.isArray(c) && c[0] === 'starts-with' && c[1] === '$key')).toBe(false);
  });

  it('expires within minutes', async () => {
    const { policy } = await policyOf('p1', 2, 'image/png');
    const secondsLeft = (Date.parse(policy.expiration) - Date.now()) / 1000;
    expect(secondsLeft).toBeGreaterThan(60);
    expect(secondsLeft).toBeLessThanOrEqual(300);
  });

  it('reads a product and slot back from a key it issued, and nothing else', () => {
    expect(parseImageKey(imageKey('prod-42', 2))).toEqual({ productId: 'prod-42', slot: 2 });
    expect(parseImageKey('products/prod-42/4')).toBeUndefined();
    expect(parseImageKey('products/../x/1')).toBeUndefined();
    expect(parseImageKey('elsewhere/prod-42/1')).toBeUndefined();
  });
});
