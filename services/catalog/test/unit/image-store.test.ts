import { type S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { ProductImageStore } from '@estore/core/catalog';

/** An S3 client whose HeadObject fails the way S3 does, with the given status and error name. */
function s3Failing(status: number, name: string): S3Client {
  const error = new S3ServiceException({
    name,
    $fault: 'client',
    $metadata: { httpStatusCode: status },
    message: name,
  });
  return { send: jest.fn(async () => Promise.reject(error)) } as unknown as S3Client;
}

describe("an image's content type (HeadObject)", () => {
  it('is the stored content type when the object exists', async () => {
    const s3 = { send: jest.fn(async () => ({ ContentType: 'image/png' })) } as unknown as S3Client;
    await expect(new ProductImageStore(s3, 'b').contentType('products/p/1')).resolves.toBe('image/png');
  });

  it('treats 404 as an object deleted since the event', async () => {
    await expect(
      new ProductImageStore(s3Failing(404, 'NotFound'), 'b').contentType('products/p/1'),
    ).resolves.toBeUndefined();
  });

  it('treats 403 as deleted too: without s3:ListBucket, S3 answers HeadObject of a missing key with 403', async () => {
    await expect(
      new ProductImageStore(s3Failing(403, 'Forbidden'), 'b').contentType('products/p/1'),
    ).resolves.toBeUndefined();
  });

  it('still throws on other failures, so the event is retried', async () => {
    await expect(new ProductImageStore(s3Failing(503, 'SlowDown'), 'b').contentType('products/p/1')).rejects.toThrow(
      'SlowDown',
    );
  });
});
