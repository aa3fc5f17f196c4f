export * from './api-client';
export * from './cognito';
export * from './inbox';
export * from './http-event';
export * from './metered-client';
export * from './contract';
export * from './raw-http';
export * from './fuzz';
