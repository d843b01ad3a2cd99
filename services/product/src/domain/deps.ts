import type { ProductRepository } from './repository';

/** The event source name every event of this service carries. */
export const SOURCE = 'product';

/** What the product use-cases need; main.ts (or a test) supplies it. */
export interface ProductDeps {
  repo: ProductRepository;
  /** Called after a write that stored events, so the relay publishes them now. */
  published: (id?: string) => void;
  now: () => Date;
  newId: () => string;
}
