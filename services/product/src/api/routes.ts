import { Router } from 'express';
import { z } from 'zod';
import { parseInput, principalOf, route, scopedPrincipalOf } from '@yinqi/http';
import type { ProductUseCases } from '../domain/products';
import { catalogueQuerySchema, idListSchema, productInputSchema } from '../domain/schemas';

const productId = z.string().min(1).max(100);

/** Internal REST API; only the gateway calls it, with the caller's token. */
export function productRoutes(products: ProductUseCases): Router {
  const r = Router();
  r.post(
    '/products',
    route((req) => products.publish(scopedPrincipalOf(req, 'PRODUCTS_WRITE'), parseInput(productInputSchema, req.body))),
  );
  r.post(
    '/products/:id/suspend',
    route((req) => products.suspend(scopedPrincipalOf(req, 'PRODUCTS_WRITE'), parseInput(productId, req.params.id))),
  );
  r.get(
    '/products',
    route(async (req) => {
      const principal = principalOf(req);
      if (req.query.ids !== undefined) return products.byIds(principal, parseInput(idListSchema, req.query.ids));
      return products.catalogue(principal, parseInput(catalogueQuerySchema, req.query));
    }),
  );
  return r;
}
