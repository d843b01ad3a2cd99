import type { Principal } from '@yinqi/auth';
import { productSuspended, type EventEnvelope, type ProductDto } from '@yinqi/contracts';
import { forbidden } from '@yinqi/errors';
import { newEvent, updateAggregate } from '@yinqi/events';
import { SOURCE, type ProductDeps } from './deps';
import { toDto, toSnapshot } from './product-views';
import type { Product } from './records';
import { mayManage, ownBankOf } from './visibility';

/** Concurrent suspends of one product are rare; a few re-reads settle them. */
const MAX_WRITE_ATTEMPTS = 5;

/**
 * Takes a product off the public shelf. Suspending an already suspended product answers
 * with it and changes nothing (no second event), so a retried request is harmless.
 */
export async function suspendProduct({ repo, published, now }: ProductDeps, principal: Principal, id: string): Promise<ProductDto> {
  if (!ownBankOf(principal)) throw forbidden('Only a bank officer suspends products');
  const saved = await updateAggregate<Product, { at: Date; event: EventEnvelope }>(
    {
      load: (key) => repo.findById(key),
      write: async (key, version, c) =>
        Boolean(await repo.updateIfVersion(key, version, { status: 'SUSPENDED', updatedAt: c.at }, [c.event])),
    },
    id,
    (current) => {
      if (!mayManage(principal, current)) return forbidden("Only an officer of the product's bank may suspend it");
      if (current.status === 'SUSPENDED') return null;
      const at = now();
      const next: Product = { ...current, status: 'SUSPENDED', updatedAt: at, version: current.version + 1 };
      const event = newEvent(productSuspended, {
        key: id,
        version: next.version,
        source: SOURCE,
        occurredAt: at,
        data: { product: toSnapshot(next) },
      });
      return { next, change: { at, event } };
    },
    { what: 'Product', attempts: MAX_WRITE_ATTEMPTS, written: () => published(id) },
  );
  return toDto(saved);
}
