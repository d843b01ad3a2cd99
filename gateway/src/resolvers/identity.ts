import type { GatewayContext } from '../context';

type Args<T> = T;

/** Identity: thin resolvers; the identity service validates and decides. */
export const identityResolvers = {
  Query: {
    me: (_: unknown, __: unknown, ctx: GatewayContext) => ctx.clients.identity.me(ctx.requireToken()),
    institutions: (_: unknown, args: Args<{ kind?: string | null }>, ctx: GatewayContext) => {
      ctx.requireRole('FINANCE_CENTER');
      return ctx.clients.identity.listInstitutions(ctx.requireToken(), args.kind ?? undefined);
    },
  },
  Mutation: {
    registerEnterprise: (_: unknown, args: Args<{ input: unknown }>, ctx: GatewayContext) => ctx.clients.identity.registerEnterprise(args.input),
    login: (_: unknown, args: Args<{ email: string; password: string }>, ctx: GatewayContext) => ctx.clients.identity.login(args.email, args.password),
    renewToken: (_: unknown, __: unknown, ctx: GatewayContext) => ctx.clients.identity.renewToken(ctx.requireToken()),
    createInstitution: (_: unknown, args: Args<{ input: unknown }>, ctx: GatewayContext) => {
      ctx.requireRole('FINANCE_CENTER');
      return ctx.clients.identity.createInstitution(ctx.requireToken(), args.input);
    },
    createUser: (_: unknown, args: Args<{ input: unknown }>, ctx: GatewayContext) => {
      ctx.requireRole('FINANCE_CENTER');
      return ctx.clients.identity.createUser(ctx.requireToken(), args.input);
    },
  },
};
