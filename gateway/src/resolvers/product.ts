import type { GatewayContext } from '../context';
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
    publishProduct: (_: unknown, args: Args<{ input: unknown }>, ctx: GatewayContext) => {
      ctx.requireRole('BANK_OFFICER');
      return ctx.clients.product.publish(ctx.requireToken(), args.input);
    },
    suspendProduct: (_: unknown, args: Args<{ id: string }>, ctx: GatewayContext) => {
      ctx.requireRole('BANK_OFFICER');
      return ctx.clients.product.suspend(ctx.requireToken(), args.id);
    },
  },
  Product: {
    bank: (p: ProductDto, _: unknown, ctx: GatewayContext) => ctx.loaders.institution.load(p.bankId),
  },
};
