import type { EventEnvelope } from '@yinqi/contracts';
import type { Page } from '@yinqi/db';
import type { Product, ProductRecord } from './records';
import type { CatalogueScope } from './visibility';

/** Plain-object access to products (data/repository.ts holds the mongoose side). */
export interface ProductRepository {
  insert(p: ProductRecord): Promise<void>;
  findById(id: string): Promise<Product | null>;
  findByIds(ids: string[]): Promise<Product[]>;
  /** One catalogue page, newest first. */
  page(scope: CatalogueScope, args: { first?: unknown; after?: unknown }): Promise<Page<Product>>;
  /**
   * Applies a change and stores its events in one single-document write, only if nobody
   * changed the product since `expectedVersion` was read; null when somebody did (or it is gone).
   */
  updateIfVersion(
    id: string,
    expectedVersion: number,
    changes: Partial<Pick<ProductRecord, 'status' | 'updatedAt'>>,
    events: EventEnvelope[],
  ): Promise<Product | null>;
}
