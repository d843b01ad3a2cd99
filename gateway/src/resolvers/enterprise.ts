import { isAppError, notFound } from '@yinqi/errors';
import type { DemandDto, EnterpriseDto, EnterpriseSearchArgs, PageArgs } from '../clients/types';
import type { GatewayContext } from '../context';

/** The contract makes enterprise(id) and demand(id) nullable: unknown is null, while FORBIDDEN stays an error. */
async function nullWhenNotFound<T>(call: Promise<T>): Promise<T | null> {
  try {
    return await call;
  } catch (err) {
    if (isAppError(err) && err.code === 'NOT_FOUND') return null;
    throw err;
  }
}

/** Enterprises and demands: thin resolvers; the enterprise service validates and authorises. */
export const enterpriseResolvers = {
  Query: {
    enterprise: async (_: unknown, args: { id: string }, ctx: GatewayContext) => {
      const e = await nullWhenNotFound(ctx.clients.enterprise.enterprise(ctx.requireToken(), args.id));
      if (e) ctx.loaders.enterprise.prime(e.id, e);
      return e;
    },
    enterprises: (_: unknown, args: PageArgs & EnterpriseSearchArgs & { tier?: string | null }, ctx: GatewayContext) => {
      ctx.requireRole('FINANCE_CENTER');
      return ctx.clients.enterprise.enterprises(ctx.requireToken(), args);
    },
    demand: async (_: unknown, args: { id: string }, ctx: GatewayContext) => {
      const d = await nullWhenNotFound(ctx.clients.enterprise.demand(ctx.requireToken(), args.id));
      if (d) ctx.loaders.demand.prime(d.id, d);
      return d;
    },
    myDemands: (_: unknown, __: unknown, ctx: GatewayContext) => {
      ctx.requireRole('ENTERPRISE');
      return ctx.clients.enterprise.myDemands(ctx.requireToken());
    },
  },
  Mutation: {
    updateEnterpriseProfile: (_: unknown, args: { input: unknown }, ctx: GatewayContext) => {
      ctx.requireRole('ENTERPRISE');
      return ctx.clients.enterprise.updateProfile(ctx.requireToken(), args.input);
    },
    certifyEnterprise: (_: unknown, args: { enterpriseId: string; tier: string; whitelisted: boolean }, ctx: GatewayContext) => {
      ctx.requireRole('FINANCE_CENTER');
      return ctx.clients.enterprise.certify(ctx.requireToken(), args.enterpriseId, { tier: args.tier, whitelisted: args.whitelisted });
    },
    postDemand: (_: unknown, args: { input: unknown }, ctx: GatewayContext) => {
      ctx.requireRole('ENTERPRISE');
      return ctx.clients.enterprise.postDemand(ctx.requireToken(), args.input);
    },
    withdrawDemand: (_: unknown, args: { id: string }, ctx: GatewayContext) => {
      ctx.requireRole('ENTERPRISE');
      return ctx.clients.enterprise.withdrawDemand(ctx.requireToken(), args.id);
    },
  },
  Demand: {
    // The service only answers enterprises the caller may see; a demand the caller sees always
    // has a visible enterprise, so null here means it vanished: say so with a contract code.
    enterprise: async (d: DemandDto, _: unknown, ctx: GatewayContext): Promise<EnterpriseDto> => {
      const e = await ctx.loaders.enterprise.load(d.enterpriseId);
      if (!e) throw notFound('Enterprise');
      return e;
    },
  },
};
