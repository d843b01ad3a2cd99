import { z } from 'zod';
import { badInput } from '@yinqi/errors';
import { decodeCursor, encodeCursor, pageSize, type Page } from '@yinqi/db';
import { ChainVerifier, type Verification } from './chain';
import type { AuditEntry } from './entry';

/** The finance centre's filter (AuditFilter), as query parameters; `from` inclusive, `to` exclusive. */
// Control characters name nothing the trail holds (ids, action and type names are printable): refused
// as the caller's mistake rather than handed to the store.
const term = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    // eslint-disable-next-line no-control-regex -- control characters are exactly what this term refuses
    .regex(/^[^\u0000-\u001f\u007f]+$/, 'no control characters')
    .optional();

export const filterQuerySchema = z.object({
  actorId: term(100),
  action: term(100),
  targetType: term(100),
  targetId: term(200),
  from: z.string().datetime({ offset: true }).optional(),
  to: z.string().datetime({ offset: true }).optional(),
});
export const pageQuerySchema = filterQuerySchema.extend({ first: z.string().max(20).optional(), after: z.string().max(200).optional() });

export type FilterQuery = z.infer<typeof filterQuerySchema>;

export interface TrailFilter {
  actorId?: string | undefined;
  action?: string | undefined;
  targetType?: string | undefined;
  targetId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

export const toFilter = (q: FilterQuery): TrailFilter => ({
  actorId: q.actorId,
  action: q.action,
  targetType: q.targetType,
  targetId: q.targetId,
  from: q.from ? new Date(q.from) : undefined,
  to: q.to ? new Date(q.to) : undefined,
});

export interface TrailReader {
  page(f: TrailFilter, size: number, beforeSeq: number | undefined): Promise<{ entries: AuditEntry[]; totalCount: number }>;
  stream(f: TrailFilter): AsyncIterable<AuditEntry>;
  raw(): AsyncIterable<Record<string, unknown>>;
  head(): Promise<{ seq: number; hash: string } | null>;
}

/** Reading the trail: pages newest first, the export stream, and the chain's verification. */
export function readTrail(store: TrailReader) {
  return {
    async list(q: z.infer<typeof pageQuerySchema>): Promise<Page<AuditEntry>> {
      const size = pageSize(q.first);
      let beforeSeq: number | undefined;
      if (q.after) {
        const parts = decodeCursor(q.after);
        if (!parts || parts.length !== 1 || typeof parts[0] !== 'number') throw badInput('after: not a cursor from this list');
        beforeSeq = parts[0];
      }
      const { entries, totalCount } = await store.page(toFilter(q), size + 1, beforeSeq);
      const edges = entries.slice(0, size).map((node) => ({ cursor: encodeCursor([node.seq]), node }));
      return { edges, pageInfo: { hasNextPage: entries.length > size, endCursor: edges.at(-1)?.cursor ?? null }, totalCount };
    },

    export: (q: FilterQuery) => store.stream(toFilter(q)),

    /** Recomputes the whole chain from what is stored (the head first: entries after it are still being written). */
    async verify(): Promise<Verification> {
      const verifier = new ChainVerifier(await store.head());
      for await (const doc of store.raw()) if (!verifier.next(doc)) break;
      return verifier.result();
    },
  };
}
export type TrailUseCases = ReturnType<typeof readTrail>;
