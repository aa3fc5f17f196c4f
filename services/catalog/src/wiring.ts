import { createDynamoDbDocumentClient, createS3Client } from '@estore/core/aws';
import { imageUploadForm, ProductImageStore, ProductRepository, ProductUpdates } from '@estore/core/catalog';
import { requireEnv } from '@estore/core/config';
import { cursorCodecFromEnv } from '@estore/core/pagination';
import type { CreateImageUploadDependencies } from './handlers/create-image-upload';
import type { CreateProductDependencies } from './handlers/create-product';
import type { DeleteImageDependencies } from './handlers/delete-image';
import type { DeleteProductDependencies } from './handlers/delete-product';
import type { GetProductDependencies } from './handlers/get-product';
import type { ListProductsDependencies } from './handlers/list-products';
import type { OnImageUploadedDependencies } from './handlers/on-image-uploaded';
import type { UpdateProductDependencies } from './handlers/update-product';

// The one module that builds the catalog's dependencies: one factory per handler, called once as
// its function loads. Factories, not module-level instances: the service is free of side effects,
// so a function bundles and builds only what its own factory uses (POST /product has no S3 client;
// only the upload route carries the presigned-POST library; only the listing loads the cursor key).
// GET /category and GET /country need nothing and import none of this.

/** The products table; a cursor codec only for the one function that lists. */
const productRepository = (cursors?: typeof cursorCodecFromEnv) =>
  new ProductRepository(createDynamoDbDocumentClient(), requireEnv('PRODUCTS_TABLE'), cursors);

/** The bucket of product images. */
const imageStore = () => new ProductImageStore(createS3Client(), requireEnv('IMAGES_BUCKET'));

export const createProductDependencies = (): CreateProductDependencies => ({ products: productRepository() });

export const getProductDependencies = (): GetProductDependencies => ({
  products: productRepository(),
  images: imageStore(),
});

export const listProductsDependencies = (): ListProductsDependencies => ({
  products: productRepository(cursorCodecFromEnv),
  images: imageStore(),
});

export const updateProductDependencies = (): UpdateProductDependencies => ({
  updates: new ProductUpdates(productRepository()),
  images: imageStore(),
});

export const deleteProductDependencies = (): DeleteProductDependencies => ({
  updates: new ProductUpdates(productRepository()),
  images: imageStore(),
});

export const createImageUploadDependencies = (): CreateImageUploadDependencies => {
  const images = imageStore();
  return {
    products: productRepository(),
    signUploadForm: (productId, slot, fileType) => imageUploadForm(images, productId, slot, fileType),
  };
};

export const deleteImageDependencies = (): DeleteImageDependencies => ({
  products: productRepository(),
  images: imageStore(),
});

export const onImageUploadedDependencies = (): OnImageUploadedDependencies => ({
  products: productRepository(),
  images: imageStore(),
});
