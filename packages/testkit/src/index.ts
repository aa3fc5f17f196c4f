export * from './api-client';
export * from './cognito';
