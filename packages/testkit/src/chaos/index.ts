// The fault layer of `npm run chaos` (issue #19): test-only, never imported by services/ or packages/core.
export * from './aws-faults';
export * from './event-bus';
export * from './fault-plan';
export * from './mail-outbox';
export * from './prng';
export * from './scratch-tables';
export * from './simulated-stripe';
