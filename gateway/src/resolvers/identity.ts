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
    users: (
      _: unknown,
      args: Args<{ role?: string | null; orgId?: string | null; first?: number | null; after?: string | null }>,
      ctx: GatewayContext,
    ) => {
      ctx.requireRole('FINANCE_CENTER');
      return ctx.clients.identity.users(ctx.requireToken(), {
        ...(args.role ? { role: args.role } : {}),
        ...(args.orgId ? { orgId: args.orgId } : {}),
        ...(args.first != null ? { first: args.first } : {}),
        ...(args.after ? { after: args.after } : {}),
      });
    },
  },
  Mutation: {
    registerEnterprise: (_: unknown, args: Args<{ input: unknown }>, ctx: GatewayContext) =>
      ctx.clients.identity.registerEnterprise(args.input),
    login: (_: unknown, args: Args<{ email: string; password: string }>, ctx: GatewayContext) =>
      ctx.clients.identity.login(args.email, args.password, ctx.clientAddress),
    logout: (_: unknown, __: unknown, ctx: GatewayContext) => ctx.clients.identity.logout(ctx.requireToken()),
    changePassword: (_: unknown, args: Args<{ oldPassword: string; newPassword: string }>, ctx: GatewayContext) =>
      ctx.clients.identity.changePassword(ctx.requireToken(), args.oldPassword, args.newPassword, ctx.clientAddress),
    resetPassword: (_: unknown, args: Args<{ userId: string }>, ctx: GatewayContext) => {
      ctx.requireRole('FINANCE_CENTER');
      return ctx.clients.identity.resetPassword(ctx.requireToken(), args.userId);
    },
    setUserDisabled: (_: unknown, args: Args<{ userId: string; disabled: boolean }>, ctx: GatewayContext) => {
      ctx.requireRole('FINANCE_CENTER');
      return ctx.clients.identity.setUserDisabled(ctx.requireToken(), args.userId, args.disabled);
    },
    unlockUser: (_: unknown, args: Args<{ userId: string }>, ctx: GatewayContext) => {
      ctx.requireRole('FINANCE_CENTER');
      return ctx.clients.identity.unlockUser(ctx.requireToken(), args.userId);
    },
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
