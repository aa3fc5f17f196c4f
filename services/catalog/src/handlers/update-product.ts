import { parseIfMatch, productIdPathSchema, productPatchSchema } from '@estore/core/catalog';
import { NotFoundError } from '@estore/core/errors';
import { httpHandler, ok } from '@estore/core/http';
import { etagOf, imageStore, presenter, productRepository } from '../dependencies';

const products = productRepository();
const present = presenter(imageStore());

/** A partial edit; If-Match makes it conditional (412 when stale) and is required to set stock outright (428). */
export const handler = httpHandler(
  { access: { anyOf: ['manage_product_group', 'admin_group'] }, path: productIdPathSchema, body: productPatchSchema },
  async ({ path, body, headers }) => {
    const record = await products.update(path.id, body, { ifMatch: parseIfMatch(headers['if-match']) });
    if (!record) throw new NotFoundError('Product not found');
    return ok(await present(record), etagOf(record));
  },
);
