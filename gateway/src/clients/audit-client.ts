import type { AuditEntryDto, AuditPageDto, AuditRecord, AuditVerificationDto } from '@yinqi/contracts';
import type { ServiceClient } from './service-client';

// The name the recorder and the audit trail import from here.
export type { AuditRecord };

export interface AuditFilterArgs {
  actorId?: string | null;
  action?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  from?: string | null;
  to?: string | null;
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
    verify: (token: string) => http.get<AuditVerificationDto>('/verify', { token }),
  };
}
export type AuditClient = ReturnType<typeof auditClient>;
