export * from './detail';
export * from './envelope';
