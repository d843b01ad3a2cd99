import { readFileSync } from 'node:fs';
import path from 'node:path';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { IResolvers } from '@graphql-tools/utils';
import type { GraphQLSchema } from 'graphql';
import type { ServiceName } from './clients';
import type { MatchFeed } from './match-feed';
import { identityResolvers } from './resolvers/identity';
import { enterpriseResolvers } from './resolvers/enterprise';
import { guaranteeResolvers } from './resolvers/guarantee';
import { loanResolvers } from './resolvers/loan';
import { capitalResolvers } from './resolvers/capital';
import { monitorResolvers } from './resolvers/monitor';
import { matchingResolvers } from './resolvers/matching';
import { productResolvers } from './resolvers/product';
import { auditResolvers } from './resolvers/audit';
import { DateTime } from './resolvers/scalars';
import { webhookResolvers } from './resolvers/webhook';
import { apiClientResolvers } from './resolvers/apiclient';

const SCHEMA_DIR = path.resolve(__dirname, '../schema');

/** What resolvers may need besides the per-request context (built once per process). */
export interface DomainDeps {
  matchFeed: MatchFeed;
}

export interface Domain {
  /** SDL file in gateway/schema. */
  sdl: string;
  resolvers: IResolvers | ((deps: DomainDeps) => IResolvers);
  /** Services the domain's resolvers call; /healthz waits for them. */
  services: ServiceName[];
}

/** One SDL file per domain, each with its resolvers. Add a domain here when its service exists. */
export const DOMAINS: Domain[] = [
  { sdl: 'identity.graphql', resolvers: identityResolvers, services: ['identity'] },
  // The open interface's API clients (contract-open.graphql); needs Institution.
  { sdl: 'apiclient.graphql', resolvers: apiClientResolvers, services: ['identity'] },
  { sdl: 'enterprise.graphql', resolvers: enterpriseResolvers, services: ['enterprise'] },
  { sdl: 'product.graphql', resolvers: productResolvers, services: ['product'] },
  // Needs Demand (enterprise) and Product: listed after both.
  { sdl: 'matching.graphql', resolvers: (deps) => matchingResolvers(deps.matchFeed), services: ['enterprise', 'product', 'matching'] },
  // Needs Match, Demand and Institution: listed after matching.
  { sdl: 'guarantee.graphql', resolvers: guaranteeResolvers, services: ['enterprise', 'product', 'matching', 'guarantee'] },
  { sdl: 'loan.graphql', resolvers: loanResolvers, services: ['enterprise', 'product', 'matching', 'guarantee', 'loan'] },
  // Needs Enterprise and Institution; stands alone otherwise (capital.graphql repeats MatchStatus/MatchReason).
  { sdl: 'capital.graphql', resolvers: capitalResolvers, services: ['identity', 'enterprise', 'capital'] },
  // The finance centre's dashboard; repeats ListingStage/StageCount/ReliefKind so it needs only identity (bank names).
  { sdl: 'monitor.graphql', resolvers: monitorResolvers, services: ['identity', 'monitor'] },
  // The audit trail (审计日志); stands alone. Recording is not a domain: audit-trail.ts wraps the schema.
  { sdl: 'audit.graphql', resolvers: auditResolvers, services: ['audit'] },
  // The open interface's webhooks (contract-open.graphql); stands alone.
  { sdl: 'webhook.graphql', resolvers: webhookResolvers, services: ['webhook'] },
];

/** The domains whose services are all configured. */
export const activeDomains = (isConfigured: (s: ServiceName) => boolean) => DOMAINS.filter((d) => d.services.every(isConfigured));

/** Every service an active domain needs: /healthz waits for these. */
export const neededServices = (domains: Domain[]): ServiceName[] => [...new Set(domains.flatMap((d) => d.services))];

export function typeDefs(domains: Domain[] = DOMAINS): string[] {
  return ['common.graphql', ...domains.map((d) => d.sdl)].map((f) => readFileSync(path.join(SCHEMA_DIR, f), 'utf8'));
}

export function buildSchema(domains: Domain[], deps: DomainDeps): GraphQLSchema {
  return makeExecutableSchema({
    typeDefs: typeDefs(domains),
    resolvers: [
      { DateTime, Query: { _health: () => 'ok' } },
      ...domains.map((d) => (typeof d.resolvers === 'function' ? d.resolvers(deps) : d.resolvers)),
    ],
  });
}
