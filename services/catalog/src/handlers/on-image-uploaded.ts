import type { S3Event } from 'aws-lambda';
import { recordUpload, type UploadRecordingDependencies } from '../product-images';
import { onImageUploadedDependencies } from '../wiring';

export type OnImageUploadedDependencies = UploadRecordingDependencies;

/** S3 URL-encodes keys in events, with '+' for spaces. */
const objectKey = (raw: string): string => decodeURIComponent(raw.replace(/\+/g, ' '));

/** S3 ObjectCreated: records each uploaded image in its product's slot (see `recordUpload`). */
export function onImageUploaded(deps: OnImageUploadedDependencies) {
  return async (event: S3Event): Promise<void> => {
    for (const record of event.Records) {
      await recordUpload(deps, objectKey(record.s3.object.key), record.eventTime ?? new Date().toISOString());
    }
  };
}

export const handler = onImageUploaded(onImageUploadedDependencies());
