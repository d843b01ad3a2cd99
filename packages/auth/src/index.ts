export * from './password';
export * from './keys';
export * from './tokens';
export * from './revocations';
export * from './roles';
export * from './scopes';
