import { randomUUID } from 'node:crypto';
import type { Principal } from '@yinqi/auth';
import { browseCatalogue, productsByIds } from './browse-catalogue';
import type { ProductDeps } from './deps';
import { publishProduct } from './publish-product';
import type { CatalogueQuery, ProductInput } from './schemas';
import { suspendProduct } from './suspend-product';

/** The product use-cases bound to their dependencies, as the routes call them. */
export function productUseCases(input: Pick<ProductDeps, 'repo' | 'published'> & Partial<Pick<ProductDeps, 'now' | 'newId'>>) {
  const deps: ProductDeps = { ...input, now: input.now ?? (() => new Date()), newId: input.newId ?? randomUUID };
  return {
    publish: (principal: Principal, product: ProductInput) => publishProduct(deps, principal, product),
    suspend: (principal: Principal, id: string) => suspendProduct(deps, principal, id),
    catalogue: (principal: Principal, query: CatalogueQuery) => browseCatalogue(deps, principal, query),
    byIds: (_principal: Principal, ids: string[]) => productsByIds(deps, ids),
  };
}
export type ProductUseCases = ReturnType<typeof productUseCases>;
