import { productIdPathSchema } from '@estore/core/catalog';
import { NotFoundError } from '@estore/core/errors';
import { httpHandler, ok } from '@estore/core/http';
import { etagOf, imageStore, presenter, productRepository } from '../dependencies';

const products = productRepository();
const present = presenter(imageStore());

export const handler = httpHandler({ access: 'public', path: productIdPathSchema }, async ({ path }) => {
  const record = await products.get(path.id);
  if (!record) throw new NotFoundError('Product not found');
  return ok(await present(record), etagOf(record));
});
