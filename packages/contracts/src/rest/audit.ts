import type { z } from 'zod';
import type { ROLE } from '../identity-events';

/** What services/audit takes and answers over REST (the gateway's audit client uses the same types). */

type Role = z.infer<typeof ROLE>;

/** What a recorder (the gateway) appends; the audit service adds seq, at, prevHash and hash. */
export interface AuditRecord {
  /** Chosen by the recorder so a retried append is recognised by the audit service, never doubled. */
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

/** One entry of the audit trail (审计日志) as served (`at` as ISO text): the record with the chain's own fields. */
export interface AuditEntryDto extends AuditRecord {
  seq: number;
  at: string;
  prevHash: string;
  hash: string;
}

export interface AuditPageDto {
  edges: { cursor: string; node: AuditEntryDto }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

/** The chain recomputed from what is stored. */
export interface AuditVerificationDto {
  ok: boolean;
  checked: number;
  firstBrokenSeq: number | null;
}
