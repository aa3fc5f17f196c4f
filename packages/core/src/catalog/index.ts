export * from './product';
export * from './keys';
export * from './search-terms';
export * from './schemas';
export * from './images';
export * from './product-repository';
export * from './etag';
export * from './stock-lines';
