// One lint configuration for the whole repository, run by `npm test` (infra/launcher) and by
// `npx eslint .`: typescript-eslint's type-checked recommendations, React's hook rules in the
// console. Formatting belongs to Prettier (.prettierrc.json), so no stylistic rules here.
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const testFiles = ['tests/**', '**/*.test.ts', '**/*.fixture.ts'];

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', 'infra/.cache/**', '.data/**', 'coverage/**', 'web/src/gql/**', 'docs/**'],
  },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: {
        project: [
          './tsconfig.test.json',
          './packages/*/tsconfig.json',
          './services/*/tsconfig.json',
          './gateway/tsconfig.json',
          './web/tsconfig.json',
        ],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // Use-cases and handlers implement Promise-returning interfaces; an `async` without `await`
      // keeps a thrown AppError a rejection, which is what the callers handle.
      '@typescript-eslint/require-await': 'off',
      // A `let` read by closures before its one assignment (the service kit's relay) is not a const.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Plain .js files here are CommonJS (jest set-up files, worker scripts): require is their import.
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['web/**/*.ts', 'web/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-hooks/exhaustive-deps': 'error',
      // React calls event handlers and ignores what they return; an async handler's errors are
      // caught inside it (web/src/hooks/use-submit.ts), so a Promise-returning onClick is intended.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    // Tests read GraphQL and REST answers as parsed JSON and assert on their shape field by field;
    // typing every answer would restate the contract in each test for no check the assertions lack.
    files: testFiles,
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
    },
  },
);
