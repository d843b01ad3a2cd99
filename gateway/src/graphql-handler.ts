import type { IncomingMessage, ServerResponse } from 'node:http';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { NoSchemaIntrospectionCustomRule } from 'graphql';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import type { Logger } from '@yinqi/logger';
import type { Clients } from './clients';
import type { GatewayConfig } from './config';
import { clientAddress } from './client-address';
import { buildContext, type GatewayContext } from './context';
import { usePasswordChangeGate } from './password-change';
import { maskError, useRequestErrorCodes } from './errors';
import type { MatchFeed } from './match-feed';
import type { Registry } from 'prom-client';
import { useGraphqlMetrics } from './metrics';
import { useResponseCache, type ResponseCache } from './response-cache';
import { buildSchema, type Domain } from './schema';
import type { AuditRecorder } from './audit-recorder';
import { withAuditTrail } from './audit-trail';
import { withClientScopes } from './client-scopes';
import type { GatewayAuth } from './server';

export type GraphqlHandler = YogaServerInstance<{ req: IncomingMessage; res: ServerResponse }, GatewayContext>;

export interface GraphqlHandlerOptions {
  config: GatewayConfig;
  auth: GatewayAuth;
  logger: Logger;
  clients: Clients;
  domains: Domain[];
  matchFeed: MatchFeed;
  registry: Registry;
  cache: ResponseCache;
  recorder: AuditRecorder | undefined;
}

/** Introspection is a development aid; production answers no __schema/__type queries. */
function useNoIntrospection(): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(NoSchemaIntrospectionCustomRule);
    },
  };
}

/** The GraphQL endpoint: the active domains' schema, the request limits, the answer cache and the audit trail. */
export function createGraphqlHandler(o: GraphqlHandlerOptions): GraphqlHandler {
  const { config, logger } = o;
  const production = config.NODE_ENV === 'production';
  // Client tokens reach only what their scopes open (client-scopes.ts); inside the audit trail,
  // so a refused client call is recorded as `<name>.denied` like any FORBIDDEN.
  const baseSchema = withClientScopes(buildSchema(o.domains, { matchFeed: o.matchFeed }));
  return createYoga<{ req: IncomingMessage; res: ServerResponse }, GatewayContext>({
    schema: o.recorder ? withAuditTrail(baseSchema, o.recorder) : baseSchema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: !production,
    batching: { limit: config.MAX_BATCH },
    maskedErrors: { maskError: maskError(logger) },
    logging: {
      debug: () => undefined,
      info: (...a: unknown[]) => logger.info({ yoga: a }),
      warn: (...a: unknown[]) => logger.warn({ yoga: a }),
      error: (...a: unknown[]) => logger.error({ yoga: a }),
    },
    context: ({ request, req }) =>
      buildContext(request.headers.get('authorization'), o.auth.tokens, o.clients, {
        clientAddress: clientAddress(req, config.TRUSTED_PROXIES),
        revocations: o.auth.revocations,
      }),
    plugins: [
      useGraphqlMetrics(o.registry), // first: it times what the other plugins cost too
      EnvelopArmorPlugin({
        maxDepth: { n: config.MAX_DEPTH },
        maxAliases: { n: config.MAX_ALIASES },
        maxTokens: { n: config.MAX_TOKENS },
        maxDirectives: { n: 20 },
        costLimit: { maxCost: config.MAX_COST },
        blockFieldSuggestion: { enabled: true },
      }),
      ...(production ? [useNoIntrospection()] : []),
      useRequestErrorCodes(),
      usePasswordChangeGate(),
      useResponseCache(o.cache),
    ],
  });
}
