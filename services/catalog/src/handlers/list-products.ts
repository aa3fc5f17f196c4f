import { httpHandler, ok, productListQuerySchema } from '@estore/core';
import { present, products } from '../dependencies';

export const handler = httpHandler({ access: 'public', query: productListQuerySchema }, async ({ query }) => {
  const page = await products.list(query);
  return ok({ items: await Promise.all(page.items.map(present)), nextCursor: page.nextCursor });
});
