import { type Product, type ProductListQuery, type ProductRepository, planSearch } from '@estore/core/catalog';
import { ValidationError } from '@estore/core/errors';
import type { Page } from '@estore/core/pagination';
import { type ImageUrls, presenter } from './presentation';

export interface ProductListingDependencies {
  products: Pick<ProductRepository, 'list'>;
  images: ImageUrls;
}

/** One page of products as the API shows them; a search must name something to look up (400). */
export async function listProductPage(
  { products, images }: ProductListingDependencies,
  query: ProductListQuery,
): Promise<Page<Product>> {
  // The route's schema refuses such a search first; checked here too, since the repository answers it with nothing.
  if (query.search !== undefined && !planSearch(query.search)) {
    throw new ValidationError('Invalid query', [
      { field: 'search', message: 'search must contain a letter or a digit' },
    ]);
  }
  const page = await products.list(query);
  return { items: await Promise.all(page.items.map(presenter(images))), nextCursor: page.nextCursor };
}
