import type { Role } from '@yinqi/auth';
import type { ServiceClient } from './service-client';

/** One entry as services/audit answers it (`at` as ISO text). */
export interface AuditEntryDto {
  id: string;
  seq: number;
  at: string;
  actorId: string | null;
  actorRole: Role | null;
  actorOrgId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  correlationId: string | null;
  detail: string | null;
  prevHash: string;
  hash: string;
}

/** What the gateway records; the audit service adds seq, at, prevHash and hash. */
export interface AuditRecord {
  /** Chosen here so a retried append is recognised by the audit service, never doubled. */
  id: string;
  actorId: string | null;
  actorRole: Role | null;
  actorOrgId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  correlationId: string | null;
  detail: string | null;
}

export interface AuditFilterArgs {
  actorId?: string | null;
  action?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  from?: string | null;
  to?: string | null;
}

export interface AuditPageDto {
  edges: { cursor: string; node: AuditEntryDto }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

/** The filter as query parameters (the same names the CSV export takes). */
export const filterQuery = (f: AuditFilterArgs | null | undefined) => ({
  actorId: f?.actorId ?? undefined,
  action: f?.action ?? undefined,
  targetType: f?.targetType ?? undefined,
  targetId: f?.targetId ?? undefined,
  from: f?.from ?? undefined,
  to: f?.to ?? undefined,
});

/** Typed calls to the audit service. */
export function auditClient(http: ServiceClient) {
  return {
    append: (ingestKey: string, entries: AuditRecord[]) =>
      http.post<{ entries: AuditEntryDto[] }>('/entries', { entries }, { headers: { 'x-audit-ingest-key': ingestKey } }),
    list: (token: string, filter: AuditFilterArgs | null | undefined, first: number | null | undefined, after: string | null | undefined) =>
      http.get<AuditPageDto>('/entries', {
        token,
        query: { ...filterQuery(filter), first: first ?? undefined, after: after ?? undefined },
      }),
    verify: (token: string) => http.get<{ ok: boolean; checked: number; firstBrokenSeq: number | null }>('/verify', { token }),
  };
}
export type AuditClient = ReturnType<typeof auditClient>;
