export * from './app';
export * from './lifecycle';
export * from './metrics';
export * from './validate';
