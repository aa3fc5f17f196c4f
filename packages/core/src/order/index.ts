export * from './order';
export * from './keys';
export * from './lifecycle';
export * from './pricing';
export * from './schemas';
export * from './order-repository';
export * from './cart-repository';
export * from './order-lifecycle';
