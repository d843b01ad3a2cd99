import type { Principal } from '@yinqi/auth';
import { productPublished, type ProductDto } from '@yinqi/contracts';
import { forbidden } from '@yinqi/errors';
import { newEvent } from '@yinqi/events';
import { SOURCE, type ProductDeps } from './deps';
import { toDto, toSnapshot } from './product-views';
import type { Product, ProductRecord } from './records';
import type { ProductInput } from './schemas';
import { ownBankOf } from './visibility';

/** A bank officer puts a product on its own bank's shelf; matching learns of it from product.published. */
export async function publishProduct(
  { repo, published, now, newId }: ProductDeps,
  principal: Principal,
  input: ProductInput,
): Promise<ProductDto> {
  const bankId = ownBankOf(principal);
  if (!bankId) throw forbidden('Only a bank officer publishes products');
  const id = newId();
  const at = now();
  const product: Product = { _id: id, bankId, status: 'PUBLISHED', ...input, createdAt: at, updatedAt: at, version: 1 };
  const record: ProductRecord = {
    ...product,
    outbox: [newEvent(productPublished, { key: id, version: 1, source: SOURCE, occurredAt: at, data: { product: toSnapshot(product) } })],
  };
  await repo.insert(record);
  published(id);
  return toDto(product);
}
