// Three tiers by file name (CONVENTIONS.md): unit (no I/O), int (real broker + FerretDB), e2e (through the gateway).
const swc = [
  '@swc/jest',
  { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' }, sourceMaps: 'inline' },
];
const common = {
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: {
    '^@yinqi/(auth|config|contracts|db|errors|events|http|logger|testing|engine|service-kit|calendar)$': '<rootDir>/packages/$1/src',
  },
  testEnvironment: 'node',
  modulePathIgnorePatterns: ['<rootDir>/.*/dist/', '<rootDir>/infra/.cache/'],
};
/** @type {import('jest').Config} */
module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/**/*.unit.test.ts'], testPathIgnorePatterns: ['/node_modules/', '/dist/'] },
    {
      ...common,
      displayName: 'int',
      testMatch: ['<rootDir>/**/*.int.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/dist/'],
      globalSetup: '<rootDir>/tests/support/require-infra.js',
    },
    // The store conformance suite: only the database at MONGO_URL (tests/store; `npm run check:store`).
    {
      ...common,
      displayName: 'store',
      testMatch: ['<rootDir>/tests/store/**/*.store.test.ts'],
      globalSetup: '<rootDir>/tests/support/require-store.js',
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/tests/**/*.e2e.test.ts'],
      globalSetup: '<rootDir>/tests/support/require-stack.js',
    },
    // Each solo file gets a freshly started, empty stack of its own (the launcher restarts it per
    // file): for assertions on everything the store holds, like the dashboard's exact numbers.
    {
      ...common,
      displayName: 'solo',
      testMatch: ['<rootDir>/tests/**/*.solo.test.ts'],
      globalSetup: '<rootDir>/tests/support/require-stack.js',
    },
  ],
  maxWorkers: 2,
  testTimeout: 60_000,
};
