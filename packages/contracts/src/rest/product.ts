import type { ProductSnapshot } from '../domain';

/** A product (金融产品) as the product service answers it over REST: its event snapshot, keyed `id`. */
export type ProductDto = Omit<ProductSnapshot, 'productId'> & { id: string };
