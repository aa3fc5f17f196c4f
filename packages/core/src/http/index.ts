export * from './cookies';
export * from './handler';
export * from './principal';
export * from './response';
export * from './rules';
export * from './validate';
