import { SearchIndex, findPage, literalPattern, mongoose, type Page } from '@yinqi/db';
import type { Logger } from '@yinqi/logger';
import type { Enterprise } from '../domain/records';
import type { EnterpriseListFilter, EnterpriseRepository } from '../domain/repository';
import type { EnterpriseModels } from './models';

/** Past this many records for a query's rarest key, its ids would pass SQLite's limit of bound parameters. */
const MAX_CANDIDATES = 20_000;

/** A query that could begin a 统一社会信用代码 (18 digits and capital letters). */
const USCC_PREFIX = /^[0-9A-Za-z]{1,18}$/;

/**
 * The enterprises' name search (issue 19): keys of every profile's name in `enterprise_search_keys`
 * (@yinqi/db's SearchIndex), written when identity's registration is projected and backfilled on
 * start; a USCC prefix is a range on the indexed `uscc`. The repository it wraps stays as it is.
 */
export function searchableEnterprises(repo: EnterpriseRepository, m: EnterpriseModels, logger?: Logger) {
  const index = new SearchIndex(m.Enterprise.db.db!, 'enterprise_search_keys');

  /** The filter for a search, or null when nothing can match. */
  async function searchFilter(search: string): Promise<Record<string, unknown> | null> {
    const q = search.trim();
    const branches: Record<string, unknown>[] = [];
    const ids = await index.candidates(q, MAX_CANDIDATES);
    if (ids === undefined) branches.push({ name: literalPattern(q) });
    else if (ids.length > 0) branches.push({ _id: mongoose.trusted({ $in: ids }) });
    if (USCC_PREFIX.test(q)) {
      const prefix = q.toUpperCase();
      branches.push({ uscc: mongoose.trusted({ $gte: prefix, $lt: `${prefix}\uffff` }) });
    }
    // findPage adds its own top-level $or for the cursor: the search's stays inside an $and.
    return branches.length === 0 ? null : { $and: [{ $or: branches }] };
  }

  const searchable: EnterpriseRepository = {
    ...repo,
    async pageEnterprises(filter: EnterpriseListFilter, page): Promise<Page<Enterprise>> {
      const { search, town, industry, tier } = filter;
      const q = search?.trim() ?? '';
      if (q === '' && !town && !industry) return repo.pageEnterprises({ tier }, page);
      const where: Record<string, unknown> = {};
      if (tier) where.tier = tier;
      if (town) where.town = town;
      if (industry) where.industry = industry;
      if (q !== '') {
        const found = await searchFilter(q);
        if (!found) return { edges: [], pageInfo: { hasNextPage: false, endCursor: null }, totalCount: 0 };
        Object.assign(where, found);
      }
      return findPage(m.Enterprise, where, page, (d) => d as Enterprise);
    },
    async projectRegistration(reg, version, registeredAt) {
      const applied = await repo.projectRegistration(reg, version, registeredAt);
      // Also on a re-delivery: the keys of a first delivery may not all have been written.
      await index.index(reg.enterpriseId, reg.name);
      return applied;
    },
  };

  return {
    repo: searchable,
    /** Creates the key indexes, then indexes the profiles that have no (current) keys, in the background. */
    async start(): Promise<void> {
      await index.ensureIndexes();
      const profiles = m.Enterprise.find({}, { name: 1 }).lean<{ _id: string; name: string }>().cursor();
      async function* texts() {
        for await (const p of profiles) yield { _id: p._id, text: p.name };
      }
      index.backfill(texts()).then(
        (n) => logger?.info({ indexed: n }, 'enterprise search keys backfilled'),
        (err: unknown) => logger?.error({ err }, 'enterprise search backfill failed; it runs again on the next start'),
      );
    },
  };
}
