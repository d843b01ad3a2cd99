import type { ApiClientDto } from '../clients/identity-client';
import type { GatewayContext } from '../context';
import { forRole } from './for-role';

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
    apiClients: forRole([...OFFICERS], (clients, token) => clients.identity.apiClients(token)),
  },
  Mutation: {
    createApiClient: forRole([...OFFICERS], (clients, token, args: { name: string; scopes: string[] }) =>
      clients.identity.createApiClient(token, args.name, args.scopes),
    ),
    rotateApiClientSecret: forRole([...OFFICERS], (clients, token, args: { id: string }) =>
      clients.identity.rotateApiClientSecret(token, args.id),
    ),
    setApiClientDisabled: forRole([...OFFICERS], (clients, token, args: { id: string; disabled: boolean }) =>
      clients.identity.setApiClientDisabled(token, args.id, args.disabled),
    ),
  },
};
