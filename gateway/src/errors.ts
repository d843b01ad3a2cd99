import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { isAppError, isErrorCode } from '@yinqi/errors';
import type { Logger } from '@yinqi/logger';

/**
 * Turns whatever a resolver threw into a contract error: an AppError keeps its code and
 * message, a GraphQLError with a contract code passes, anything else is logged and masked as
 * INTERNAL_SERVER_ERROR (no stack traces, no internals).
 */
export function maskError(logger: Logger) {
  return (error: unknown): Error => {
    const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
    if (isAppError(original)) {
      return new GraphQLError(original.message, {
        ...(error instanceof GraphQLError ? { nodes: error.nodes, path: error.path } : {}),
        extensions: { ...(original.extensions ?? {}), code: original.code, ...(original.details ? { details: original.details } : {}) },
      });
    }
    if (error instanceof GraphQLError && original instanceof GraphQLError) {
      if (isErrorCode(error.extensions?.code)) return error;
      if (isErrorCode(original.extensions?.code) || !error.path) {
        // Parse, validation (unknown field, bad enum, depth/alias/token limits), variable
        // coercion and batching errors carry no path: "your request is wrong", BAD_USER_INPUT.
        const code = isErrorCode(original.extensions?.code) ? original.extensions.code : 'BAD_USER_INPUT';
        return new GraphQLError(error.message, {
          nodes: error.nodes,
          source: error.source,
          positions: error.positions,
          ...(error.path ? { path: error.path } : {}),
          extensions: { ...error.extensions, code },
        });
      }
    }
    logger.error({ err: original }, 'unexpected error in a resolver');
    return new GraphQLError('Internal server error', {
      ...(error instanceof GraphQLError ? { nodes: error.nodes, path: error.path } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  };
}

const withCode = (e: Error): Error =>
  !(e instanceof GraphQLError) || isErrorCode(e.extensions?.code)
    ? e
    : new GraphQLError(e.message, {
        nodes: e.nodes,
        source: e.source,
        positions: e.positions,
        extensions: { ...e.extensions, code: 'BAD_USER_INPUT' },
      });

/**
 * Parse and validation errors (unknown fields, bad enum literals, depth/alias/token/cost limits)
 * never reach maskError: graphql-yoga returns them as they are. They mean "your request is
 * wrong", so they get the contract code BAD_USER_INPUT here, where they are produced.
 */
export function useRequestErrorCodes(): Plugin {
  return {
    onParse() {
      return ({ result, replaceParseResult }) => {
        if (result instanceof GraphQLError) replaceParseResult(withCode(result));
      };
    },
    onValidate() {
      return ({ result, setResult }) => {
        if (result.length) setResult(result.map((e: Error) => withCode(e)) as GraphQLError[]);
      };
    },
  };
}
