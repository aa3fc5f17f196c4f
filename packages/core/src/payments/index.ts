export * from './config';
export * from './provider';
export * from './refund-webhook';
export * from './simulated-provider';
export * from './stripe-provider';
export * from './webhook';
