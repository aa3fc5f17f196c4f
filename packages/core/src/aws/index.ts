// One file per client: with the package free of side effects, a function's bundle keeps only
// the clients it really creates (esbuild drops the other files and their `require`s).

// Backoff and retries for calls that lost a race or left work undone: the one helper.
export * from '../retry';
export * from './cognito';
export * from './dynamodb';
// Helpers over the document client (transactions and their cancellation reasons).
export * from './dynamodb-writes';
export * from './eventbridge';
// SSM SecureStrings (secrets and the cursor key); the client is built at the first read.
export * from './parameter-store';
export * from './s3';
export * from './ses';
