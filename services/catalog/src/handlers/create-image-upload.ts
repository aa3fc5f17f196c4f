import {
  imageSlotQuerySchema,
  imageUploadBodySchema,
  imageUploadForm,
  productIdPathSchema,
} from '@estore/core/catalog';
import { NotFoundError } from '@estore/core/errors';
import { httpHandler, ok } from '@estore/core/http';
import { imageStore, productRepository } from '../dependencies';

const products = productRepository();
const images = imageStore();

/** Hands the browser a presigned POST for one image slot; the upload event records it on the product. */
export const handler = httpHandler(
  {
    access: { anyOf: ['manage_product_group', 'admin_group'] },
    path: productIdPathSchema,
    query: imageSlotQuerySchema,
    body: imageUploadBodySchema,
  },
  async ({ path, query, body }) => {
    const product = await products.get(path.id);
    if (!product) throw new NotFoundError('Product not found');
    const form = await imageUploadForm(images, product.id, query.slot, body.fileType);
    return ok({ url: form.url, fields: form.fields, key: form.key });
  },
);
