export * from './envelope';
export * from './registry';
export * from './identity-events';
export * from './domain';
export * from './matchmaking-events';
export * from './credit-events';
export * from './loan-events';
export * from './capital-events';
