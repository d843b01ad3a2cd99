import { getOperationAST, isObjectType, Kind, OperationTypeNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { typedArgs, type GatewayExecutionArgs } from './execution-args';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** Seconds, from an answer cache hit (~1 ms) to the 30 s request timeout. */
const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** The gateway's Prometheus registry: process metrics (event-loop lag, memory, GC) and GraphQL latency. */
export function createGatewayRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
  return registry;
}

/**
 * The root field an operation asks first, as `query products` — the label of the latency
 * histogram. Not the client's `operationName`: that is free text, and a label taking any value a
 * caller sends would let one caller grow the gateway's memory and every scrape without bound. Root
 * fields are the schema's, so the label has as many values as the schema has root fields; an
 * operation that asks for none the schema has (refused by validation) is `invalid`.
 */
export function operationLabel(schema: GraphQLSchema, op: OperationDefinitionNode | null | undefined): string {
  if (!op) return 'invalid';
  const root =
    op.operation === OperationTypeNode.QUERY
      ? schema.getQueryType()
      : op.operation === OperationTypeNode.MUTATION
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  const first = op.selectionSet.selections.find((s) => s.kind === Kind.FIELD);
  const name = first?.kind === Kind.FIELD ? first.name.value : undefined;
  if (!root || !isObjectType(root) || !name || !(name in root.getFields()))
    return name === '__typename' || name === '__schema' ? `${op.operation} ${name}` : 'invalid';
  return `${op.operation} ${name}`;
}

/**
 * Times every GraphQL request from its arrival to its response, labelled by operation (see
 * operationLabel), HTTP method and status. Requests that never reach execution (malformed,
 * refused by the limits or by validation) are counted as `invalid`.
 */
export function useGraphqlMetrics(registry: Registry): Plugin {
  const histogram = new Histogram({
    name: 'gateway_graphql_request_duration_seconds',
    help: 'GraphQL requests through the gateway, from arrival to response',
    labelNames: ['operation', 'method', 'status'],
    buckets: BUCKETS,
    registers: [registry],
  });
  const started = new WeakMap<Request, number>();
  const operations = new WeakMap<Request, string>();
  const remember = ({ contextValue, schema, document, operationName }: GatewayExecutionArgs<{ request?: Request }>) => {
    if (contextValue.request) operations.set(contextValue.request, operationLabel(schema, getOperationAST(document, operationName)));
  };
  return {
    onRequest({ request }) {
      started.set(request, performance.now());
    },
    onExecute({ args }) {
      remember(typedArgs<{ request?: Request }>(args));
    },
    onSubscribe({ args }) {
      remember(typedArgs<{ request?: Request }>(args));
    },
    onResponse({ request, response }) {
      const at = started.get(request);
      if (at === undefined) return;
      histogram.observe(
        { operation: operations.get(request) ?? 'invalid', method: request.method, status: String(response.status) },
        (performance.now() - at) / 1000,
      );
    },
  };
}
