import { productListQuerySchema } from '@estore/core/catalog';
import { httpHandler, ok } from '@estore/core/http';
import { listProductPage, type ProductListingDependencies } from '../product-listing';
import { listProductsDependencies } from '../wiring';

export type ListProductsDependencies = ProductListingDependencies;

/** `GET /product`: one page of products, by category and/or search, in the order asked. */
export function listProducts(deps: ListProductsDependencies) {
  return httpHandler({ access: 'public', query: productListQuerySchema }, async ({ query }) =>
    ok(await listProductPage(deps, query)),
  );
}

export const handler = listProducts(listProductsDependencies());
