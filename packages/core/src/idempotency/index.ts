// `Idempotency-Key` for the routes that honour one, through Lambda Powertools' idempotency utility.
export * from './idempotent-call';
export * from './key';
