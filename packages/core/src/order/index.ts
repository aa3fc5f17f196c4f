// An order's states: order-transitions.ts holds the pure rules, order-lifecycle.ts applies them.
export * from './cart-repository';
export * from './keys';
export * from './order';
export * from './order-lifecycle';
export * from './order-repository';
export * from './order-transitions';
export * from './pricing';
export * from './schemas';
