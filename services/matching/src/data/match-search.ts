import type { MatchStatus } from '@yinqi/contracts';
import { SearchIndex, findPage, literalPattern, mongoose, type Page } from '@yinqi/db';
import type { Logger } from '@yinqi/logger';
import type { Match } from '../domain/match';
import type { EnterpriseCopy, MatchingModels } from './models';
import type { matchingRepository } from './repository';

type Repository = ReturnType<typeof matchingRepository>;

/** Past this many records for a query's rarest key, its ids would pass SQLite's limit of bound parameters. */
const MAX_CANDIDATES = 20_000;

/**
 * A bank's matches by enterprise name (issue 19): the names of matching's enterprise copies are
 * keyed in `enterprise_search_keys` (@yinqi/db's SearchIndex) when a copy is saved, and backfilled
 * on start; the bank's matches of the enterprises found are then one indexed query on `matches`,
 * paged with the inbox's own cursor.
 */
export function searchableMatches(repo: Repository, m: MatchingModels, logger?: Logger) {
  const index = new SearchIndex(m.Match.db.db!, 'enterprise_search_keys');

  /** The ids of enterprises whose name contains `name`. */
  async function enterprisesNamed(name: string): Promise<string[]> {
    const ids = await index.candidates(name, MAX_CANDIDATES);
    if (ids !== undefined) return ids;
    const named = await m.Enterprise.find({ name: literalPattern(name) }, { _id: 1 })
      .lean<Pick<EnterpriseCopy, '_id'>[]>()
      .exec();
    return named.map((e) => e._id);
  }

  return {
    repo: {
      ...repo,
      async saveEnterprise(e: Parameters<Repository['saveEnterprise']>[0], version: number): Promise<boolean> {
        const applied = await repo.saveEnterprise(e, version);
        if (applied) await index.index(e.enterpriseId, e.name);
        return applied;
      },
      /** A bank's matches with enterprises whose name contains `enterpriseName`, newest first, with the inbox's cursor. */
      async bankMatchesOfEnterprises<T>(
        bankId: string,
        status: MatchStatus | undefined,
        enterpriseName: string,
        args: { first?: unknown; after?: unknown },
        toNode: (m: Match) => T,
      ): Promise<Page<T>> {
        const enterpriseIds = await enterprisesNamed(enterpriseName);
        if (enterpriseIds.length === 0) return { edges: [], pageInfo: { hasNextPage: false, endCursor: null }, totalCount: 0 };
        const filter: Record<string, unknown> = { bankId, enterpriseId: mongoose.trusted({ $in: enterpriseIds }) };
        if (status) filter.status = status;
        return findPage(m.Match, filter, args, (d) => toNode(d as Match));
      },
    },
    /** Creates the key indexes, then keys the enterprise copies that have none (current), in the background. */
    async start(): Promise<void> {
      await index.ensureIndexes();
      const copies = m.Enterprise.find({}, { name: 1 }).lean<{ _id: string; name: string }>().cursor();
      async function* texts() {
        for await (const c of copies) yield { _id: c._id, text: c.name };
      }
      index.backfill(texts()).then(
        (n) => logger?.info({ indexed: n }, 'enterprise name keys backfilled'),
        (err: unknown) => logger?.error({ err }, 'enterprise name backfill failed; it runs again on the next start'),
      );
    },
  };
}
