// An order's states: order-transitions.ts holds the pure rules, order-lifecycle.ts applies them.
export * from './cart-repository';
export * from './due-work';
export * from './keys';
export * from './order';
export * from './order-event-detail';
export * from './order-lifecycle';
export * from './order-listing';
export * from './order-refunds';
export * from './order-repository';
export * from './order-transitions';
export * from './pricing';
export * from './refunds';
export * from './schemas';
