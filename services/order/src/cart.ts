import { ProductImageStore, createS3Client, requireEnv } from '@estore/core';
import { CartService } from './cart-service';
import { carts, products } from './tables';

const images = new ProductImageStore(createS3Client(), requireEnv('IMAGES_BUCKET'));
export const cartService = new CartService(carts, products, (key) => images.viewUrl(key));
