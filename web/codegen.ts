import type { CodegenConfig } from '@graphql-codegen/cli';

// Typed operations from the FIXED public contract (docs/contract.graphql, a copy of the shared
// contract.graphql) and its accounts extension (docs/contract-accounts.graphql: users, audit trail,
// password change, logout) and its open-interface extension (docs/contract-open.graphql: API clients,
// webhooks and their deliveries). Output committed as src/gql/generated.ts; regenerate with `npm run codegen -w web`.
const config: CodegenConfig = {
  schema: ['../docs/contract.graphql', '../docs/contract-accounts.graphql', '../docs/contract-open.graphql'],
  documents: ['src/graphql/*.graphql'],
  generates: {
    'src/gql/generated.ts': {
      plugins: ['typescript', 'typescript-operations', 'typed-document-node'],
      config: {
        documentMode: 'string',
        enumsAsTypes: true,
        avoidOptionals: false,
        scalars: { DateTime: 'string' },
        useTypeImports: true,
        onlyOperationTypes: true,
        skipTypename: true,
      },
    },
  },
};
export default config;
