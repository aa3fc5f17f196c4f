import { S3Client } from '@aws-sdk/client-s3';
import { localOptions } from './local-options';

export function createS3Client(): S3Client {
  const local = localOptions('S3_ENDPOINT');
  return new S3Client({
    ...local,
    // s3rver (local S3) only understands path-style addressing and its own fixed credentials.
    ...(local.endpoint
      ? { forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } }
      : {}),
  });
}
