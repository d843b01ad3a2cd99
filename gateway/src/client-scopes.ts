import { MapperKind, mapSchema } from '@graphql-tools/utils';
import { defaultFieldResolver, type GraphQLFieldConfig, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { OPERATION_SCOPES, type Principal } from '@yinqi/auth';
import { forbidden } from '@yinqi/errors';
import type { GatewayContext } from './context';

/** The verified caller, or null: no token, or one that does not verify (the field itself answers that). */
function callerOf(ctx: GatewayContext): Principal | null {
  try {
    return ctx.principal();
  } catch {
    return null;
  }
}

/**
 * Refuses a client token on `name` unless one of its scopes opens it (API-CONTRACT-OPEN.md: the
 * operation→scope table). Everything not in the table — accounts, API clients, webhooks, the
 * dashboards — is closed to client tokens. A person's token passes untouched.
 */
export function checkClientScope(caller: Principal | null, name: string): void {
  if (!caller || caller.scopes === undefined) return;
  const needed = OPERATION_SCOPES[name];
  if (!needed) throw forbidden(`${name} is not open to API clients`);
  if (!caller.scopes.includes(needed)) throw forbidden(`This API client lacks the ${needed} scope`);
}

/**
 * Wraps every root field so a client token reaches only what its scopes open. Nested fields
 * (a match's demand, a demand's enterprise) are the services' business: they see the same
 * token and answer only what the institution may see.
 */
export function withClientScopes(schema: GraphQLSchema): GraphQLSchema {
  const guard = <F extends GraphQLFieldResolver<unknown, GatewayContext>>(fn: F, name: string): F =>
    ((source: unknown, args: Record<string, unknown>, ctx: GatewayContext, info: Parameters<F>[3]) => {
      checkClientScope(callerOf(ctx), name);
      return fn(source, args, ctx, info);
    }) as F;
  const wrap = (field: GraphQLFieldConfig<unknown, GatewayContext>, name: string): GraphQLFieldConfig<unknown, GatewayContext> => ({
    ...field,
    resolve: guard(field.resolve ?? defaultFieldResolver, name),
  });
  return mapSchema(schema, {
    [MapperKind.QUERY_ROOT_FIELD]: (field, name) => wrap(field as GraphQLFieldConfig<unknown, GatewayContext>, name),
    [MapperKind.MUTATION_ROOT_FIELD]: (field, name) => wrap(field as GraphQLFieldConfig<unknown, GatewayContext>, name),
    [MapperKind.SUBSCRIPTION_ROOT_FIELD]: (field, name) => {
      const f = field as GraphQLFieldConfig<unknown, GatewayContext>;
      return f.subscribe ? { ...f, subscribe: guard(f.subscribe, name) } : wrap(f, name);
    },
  });
}
