import { readFileSync } from 'node:fs';
import path from 'node:path';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { IResolvers } from '@graphql-tools/utils';
import type { GraphQLSchema } from 'graphql';
import { identityResolvers } from './resolvers/identity';
import { DateTime } from './resolvers/scalars';

const SCHEMA_DIR = path.resolve(__dirname, '../schema');

/** One SDL file per domain, each with its resolvers. */
const DOMAINS: { sdl: string; resolvers: IResolvers }[] = [{ sdl: 'identity.graphql', resolvers: identityResolvers }];

export function typeDefs(): string[] {
  return ['common.graphql', ...DOMAINS.map((d) => d.sdl)].map((f) => readFileSync(path.join(SCHEMA_DIR, f), 'utf8'));
}

export function buildSchema(): GraphQLSchema {
  return makeExecutableSchema({
    typeDefs: typeDefs(),
    resolvers: [{ DateTime, Query: { _health: () => 'ok' } }, ...DOMAINS.map((d) => d.resolvers)],
  });
}
