import type { DocumentNode, GraphQLSchema } from 'graphql';

/**
 * The execution arguments a yoga plugin hook receives, typed. Envelop declares them `any` so that
 * one plugin API fits every graphql-js major; the gateway runs graphql 16, whose types these are.
 */
export interface GatewayExecutionArgs<Context> {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName: string | null | undefined;
  variableValues: Record<string, unknown> | null | undefined;
  contextValue: Context;
}

export function typedArgs<Context>(args: {
  schema: unknown;
  document: unknown;
  operationName?: unknown;
  variableValues?: unknown;
  contextValue?: unknown;
}): GatewayExecutionArgs<Context> {
  return args as GatewayExecutionArgs<Context>;
}
