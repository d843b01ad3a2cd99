/** Shapes the services answer with (internal REST). GraphQL object fields that point at other
 * aggregates (`bank`, `enterprise`, `demand`, `product`) are resolved by the gateway from the ids. */
export type { DemandDto, EnterpriseDto, MatchDto, ProductDto } from '@yinqi/contracts';

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/** Query-string form of page arguments. */
export const pageQuery = (args: PageArgs) => ({
  ...(args.first != null ? { first: args.first } : {}),
  ...(args.after != null ? { after: args.after } : {}),
});

/** The search arguments of the finance centre's enterprise list (issue 19). */
export interface EnterpriseSearchArgs {
  search?: string | null;
  town?: string | null;
  industry?: string | null;
}

/** The query-string entries whose value was given (not null, undefined or blank). */
export function given(args: Record<string, string | null | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(args).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
}
