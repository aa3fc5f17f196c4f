export * from './cart-repository';
export * from './keys';
export * from './lifecycle';
export * from './order';
export * from './order-lifecycle';
export * from './order-repository';
export * from './pricing';
export * from './schemas';
