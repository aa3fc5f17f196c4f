import { imageSlotQuerySchema, imageUploadBodySchema, productIdPathSchema } from '@estore/core/catalog';
import { httpHandler, ok, PRODUCT_MANAGERS } from '@estore/core/http';
import { issueUploadForm, type UploadFormDependencies } from '../product-images';
import { createImageUploadDependencies } from '../wiring';

export type CreateImageUploadDependencies = UploadFormDependencies;

/** `POST /product/{id}/image`: a presigned POST for one image slot; the upload event records it on the product. */
export function createImageUpload(deps: CreateImageUploadDependencies) {
  return httpHandler(
    {
      access: PRODUCT_MANAGERS,
      path: productIdPathSchema,
      query: imageSlotQuerySchema,
      body: imageUploadBodySchema,
    },
    async ({ path, query, body }) => ok(await issueUploadForm(deps, path.id, query.slot, body.fileType)),
  );
}

export const handler = createImageUpload(createImageUploadDependencies());
