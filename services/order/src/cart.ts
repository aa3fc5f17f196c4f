import { createS3Client } from '@estore/core/aws';
import { ProductImageStore } from '@estore/core/catalog';
import { requireEnv } from '@estore/core/config';
import { CartService } from './cart-service';
import { carts, products } from './tables';

const images = new ProductImageStore(createS3Client(), requireEnv('IMAGES_BUCKET'));
export const cartService = new CartService(carts, products, (key) => images.viewUrl(key));
