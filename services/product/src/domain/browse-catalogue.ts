import type { Principal } from '@yinqi/auth';
import type { ProductDto } from '@yinqi/contracts';
import type { Page } from '@yinqi/db';
import type { ProductDeps } from './deps';
import { toDto } from './product-views';
import type { CatalogueQuery } from './schemas';
import { catalogueScope } from './visibility';

/** The catalogue (金融产品超市), newest first, as the caller may see it. */
export async function browseCatalogue(
  { repo }: Pick<ProductDeps, 'repo'>,
  principal: Principal,
  query: CatalogueQuery,
): Promise<Page<ProductDto>> {
  const page = await repo.page(catalogueScope(principal, query), { first: query.first, after: query.after });
  return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: toDto(e.node) })) };
}

/**
 * Products by id for the gateway's batch loader, whatever their status: a match or a loan
 * keeps showing the product it was made on after the bank suspends it.
 */
export async function productsByIds({ repo }: Pick<ProductDeps, 'repo'>, ids: string[]): Promise<ProductDto[]> {
  if (ids.length === 0) return [];
  return (await repo.findByIds(ids)).map(toDto);
}
