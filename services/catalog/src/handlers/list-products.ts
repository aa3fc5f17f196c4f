import { productListQuerySchema } from '@estore/core/catalog';
import { httpHandler, ok } from '@estore/core/http';
import { cursorCodecFromEnv } from '@estore/core/pagination';
import { imageStore, presenter, productRepository } from '../dependencies';

const products = productRepository(cursorCodecFromEnv);
const present = presenter(imageStore());

export const handler = httpHandler({ access: 'public', query: productListQuerySchema }, async ({ query }) => {
  const page = await products.list(query);
  return ok({ items: await Promise.all(page.items.map(present)), nextCursor: page.nextCursor });
});
