export * from './handler';
export * from './response';
export * from './principal';
export * from './validate';
export * from './cookies';
