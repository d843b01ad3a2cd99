import type { GatewayContext } from '../context';
import { forRole } from './for-role';
import type { ProductDto } from '../clients/types';

type Args<T> = T;

/** Products (金融产品超市): thin resolvers; the product service validates and decides. */
export const productResolvers = {
  Query: {
    products: (
      _: unknown,
      args: Args<{
        bankId?: string | null;
        policyTag?: string | null;
        search?: string | null;
        first?: number | null;
        after?: string | null;
      }>,
      ctx: GatewayContext,
    ) => ctx.clients.product.products(ctx.requireToken(), args),
  },
  Mutation: {
    publishProduct: forRole(['BANK_OFFICER'], (clients, token, args: Args<{ input: unknown }>) =>
      clients.product.publish(token, args.input),
    ),
    suspendProduct: forRole(['BANK_OFFICER'], (clients, token, args: Args<{ id: string }>) => clients.product.suspend(token, args.id)),
  },
  Product: {
    bank: (p: ProductDto, _: unknown, ctx: GatewayContext) => ctx.loaders.institution.load(p.bankId),
  },
};
