import { isAppError, notFound } from '@yinqi/errors';
import type { DemandDto, EnterpriseDto, EnterpriseSearchArgs, PageArgs } from '../clients/types';
import type { GatewayContext } from '../context';
import { forRole } from './for-role';

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
    enterprises: forRole(['FINANCE_CENTER'], (clients, token, args: PageArgs & EnterpriseSearchArgs & { tier?: string | null }) =>
      clients.enterprise.enterprises(token, args),
    ),
    demand: async (_: unknown, args: { id: string }, ctx: GatewayContext) => {
      const d = await nullWhenNotFound(ctx.clients.enterprise.demand(ctx.requireToken(), args.id));
      if (d) ctx.loaders.demand.prime(d.id, d);
      return d;
    },
    myDemands: forRole(['ENTERPRISE'], (clients, token) => clients.enterprise.myDemands(token)),
  },
  Mutation: {
    updateEnterpriseProfile: forRole(['ENTERPRISE'], (clients, token, args: { input: unknown }) =>
      clients.enterprise.updateProfile(token, args.input),
    ),
    certifyEnterprise: forRole(['FINANCE_CENTER'], (clients, token, args: { enterpriseId: string; tier: string; whitelisted: boolean }) =>
      clients.enterprise.certify(token, args.enterpriseId, { tier: args.tier, whitelisted: args.whitelisted }),
    ),
    postDemand: forRole(['ENTERPRISE'], (clients, token, args: { input: unknown }) => clients.enterprise.postDemand(token, args.input)),
    withdrawDemand: forRole(['ENTERPRISE'], (clients, token, args: { id: string }) => clients.enterprise.withdrawDemand(token, args.id)),
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
