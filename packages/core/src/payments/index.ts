export * from './provider';
export * from './simulated-provider';
export * from './stripe-provider';
export * from './webhook';
export * from './config';
