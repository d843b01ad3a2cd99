import { readFileSync } from 'node:fs';
import path from 'node:path';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { IResolvers } from '@graphql-tools/utils';
import type { GraphQLSchema } from 'graphql';
import type { ServiceName } from './clients';
import { identityResolvers } from './resolvers/identity';
import { DateTime } from './resolvers/scalars';

const SCHEMA_DIR = path.resolve(__dirname, '../schema');

export interface Domain {
  /** SDL file in gateway/schema. */
  sdl: string;
  resolvers: IResolvers;
  /** Services the domain's resolvers call; /healthz waits for them. */
  services: ServiceName[];
}

/** One SDL file per domain, each with its resolvers. Add a domain here when its service exists. */
export const DOMAINS: Domain[] = [
  { sdl: 'identity.graphql', resolvers: identityResolvers, services: ['identity'] },
];

/** Every service some registered domain needs. */
export const neededServices = (): ServiceName[] => [...new Set(DOMAINS.flatMap((d) => d.services))];

export function typeDefs(): string[] {
  return ['common.graphql', ...DOMAINS.map((d) => d.sdl)].map((f) => readFileSync(path.join(SCHEMA_DIR, f), 'utf8'));
}

export function buildSchema(): GraphQLSchema {
  return makeExecutableSchema({
    typeDefs: typeDefs(),
    resolvers: [{ DateTime, Query: { _health: () => 'ok' } }, ...DOMAINS.map((d) => d.resolvers)],
  });
}
