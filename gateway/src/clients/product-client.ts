import type { ProductDto } from '@yinqi/contracts';
import { idSegment } from './id-segment';
import type { ServiceClient } from './service-client';
import { pageQuery, type Connection, type PageArgs } from './types';

/** Typed calls to the product service (金融产品超市). */
export function productClient(http: ServiceClient) {
  return {
    publish: (token: string, input: unknown) => http.post<ProductDto>('/products', input, { token }),
    suspend: async (token: string, id: string) =>
      http.post<ProductDto>(`/products/${idSegment('uuid', 'Product', id)}/suspend`, {}, { token }),
    products: (token: string, args: PageArgs & { bankId?: string | null; policyTag?: string | null; search?: string | null }) =>
      http.get<Connection<ProductDto>>('/products', {
        token,
        query: {
          ...pageQuery(args),
          ...(args.bankId ? { bankId: args.bankId } : {}),
          ...(args.policyTag ? { policyTag: args.policyTag } : {}),
          ...(args.search ? { search: args.search } : {}),
        },
      }),
    productsByIds: (token: string, ids: readonly string[]) => http.get<ProductDto[]>('/products', { token, query: { ids: ids.join(',') } }),
  };
}
export type ProductClient = ReturnType<typeof productClient>;
