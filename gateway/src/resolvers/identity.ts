import type { GatewayContext } from '../context';
import { forRole } from './for-role';

type Args<T> = T;

/** Identity: thin resolvers; the identity service validates and decides. */
export const identityResolvers = {
  Query: {
    me: (_: unknown, __: unknown, ctx: GatewayContext) => ctx.clients.identity.me(ctx.requireToken()),
    institutions: forRole(['FINANCE_CENTER'], (clients, token, args: Args<{ kind?: string | null }>) =>
      clients.identity.listInstitutions(token, args.kind ?? undefined),
    ),
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
    resetPassword: forRole(['FINANCE_CENTER'], (clients, token, args: Args<{ userId: string }>) =>
      clients.identity.resetPassword(token, args.userId),
    ),
    setUserDisabled: forRole(['FINANCE_CENTER'], (clients, token, args: Args<{ userId: string; disabled: boolean }>) =>
      clients.identity.setUserDisabled(token, args.userId, args.disabled),
    ),
    unlockUser: forRole(['FINANCE_CENTER'], (clients, token, args: Args<{ userId: string }>) =>
      clients.identity.unlockUser(token, args.userId),
    ),
    renewToken: (_: unknown, __: unknown, ctx: GatewayContext) => ctx.clients.identity.renewToken(ctx.requireToken()),
    createInstitution: forRole(['FINANCE_CENTER'], (clients, token, args: Args<{ input: unknown }>) =>
      clients.identity.createInstitution(token, args.input),
    ),
    createUser: forRole(['FINANCE_CENTER'], (clients, token, args: Args<{ input: unknown }>) =>
      clients.identity.createUser(token, args.input),
    ),
  },
};
