import { createS3Client } from '@estore/core/aws';
import { ProductImageStore } from '@estore/core/catalog';
import { requireEnv } from '@estore/core/config';
import { CartService } from './cart-service';
import { cartRepository, type Db, productRepository } from './tables';

/** The cart use cases over the cart item, the catalog's prices and its image URLs. */
export function createCartService(db: Db): CartService {
  const images = new ProductImageStore(createS3Client(), requireEnv('IMAGES_BUCKET'));
  return new CartService(cartRepository(db), productRepository(db), (key) => images.viewUrl(key));
}
