import type { ApiClientDto } from '../clients/identity-client';
import type { GatewayContext } from '../context';

const OFFICERS = ['BANK_OFFICER', 'GUARANTOR_OFFICER', 'FUND_OFFICER'] as const;

/**
 * API clients (接口客户端): thin calls; identity checks the institution, the scopes against its
 * kind and refuses client tokens. The scope guard (client-scopes.ts) refuses them here first.
 */
export const apiClientResolvers = {
  ApiClient: {
    institution: async (c: ApiClientDto, _: unknown, ctx: GatewayContext) => {
      const inst = await ctx.loaders.institution.load(c.institutionId);
      if (!inst) throw new Error(`institution ${c.institutionId} of API client ${c.id} not found`);
      return inst;
    },
  },
  Query: {
    apiClients: (_: unknown, __: unknown, ctx: GatewayContext) => {
      ctx.requireRole(...OFFICERS);
      return ctx.clients.identity.apiClients(ctx.requireToken());
    },
  },
  Mutation: {
    createApiClient: (_: unknown, args: { name: string; scopes: string[] }, ctx: GatewayContext) => {
      ctx.requireRole(...OFFICERS);
      return ctx.clients.identity.createApiClient(ctx.requireToken(), args.name, args.scopes);
    },
    rotateApiClientSecret: (_: unknown, args: { id: string }, ctx: GatewayContext) => {
      ctx.requireRole(...OFFICERS);
      return ctx.clients.identity.rotateApiClientSecret(ctx.requireToken(), args.id);
    },
    setApiClientDisabled: (_: unknown, args: { id: string; disabled: boolean }, ctx: GatewayContext) => {
      ctx.requireRole(...OFFICERS);
      return ctx.clients.identity.setApiClientDisabled(ctx.requireToken(), args.id, args.disabled);
    },
  },
};
