export * from './cursor';
export * from './schemas';
