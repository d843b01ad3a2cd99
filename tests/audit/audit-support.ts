// Shared by the audit trail's tests: reading the trail through the gateway as the finance centre.
import type { AuditEntryDto } from '@yinqi/contracts';
import { gql } from '@yinqi/testing';

/** One entry of the trail as the gateway serves it. */
export type Entry = AuditEntryDto;

export const ENTRY_FIELDS = 'id seq at actorId actorRole actorOrgId action targetType targetId correlationId detail prevHash hash';

export interface AuditPage {
  edges: { cursor: string; node: Entry }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

export async function auditLog(token: string, filter: Record<string, unknown>, first = 100, after?: string): Promise<AuditPage> {
  const r = await gql<{ auditLog: AuditPage }>(
    `query($f:AuditFilter,$first:Int,$after:String){ auditLog(filter:$f,first:$first,after:$after){ edges { cursor node { ${ENTRY_FIELDS} } } pageInfo { hasNextPage endCursor } totalCount } }`,
    { f: filter, first, after },
    token,
  );
  if (!r.data) throw new Error(`auditLog failed: ${JSON.stringify(r.errors)}`);
  return r.data.auditLog;
}

export async function verifyAuditLog(token: string): Promise<{ ok: boolean; checked: number; firstBrokenSeq: number | null }> {
  const r = await gql<{ verifyAuditLog: { ok: boolean; checked: number; firstBrokenSeq: number | null } }>(
    '{ verifyAuditLog { ok checked firstBrokenSeq } }',
    {},
    token,
  );
  if (!r.data) throw new Error(`verifyAuditLog failed: ${JSON.stringify(r.errors)}`);
  return r.data.verifyAuditLog;
}

/** A POST /graphql with a chosen correlation id (the gql helper sends none). */
export async function gqlWithCorrelation<T>(
  query: string,
  variables: Record<string, unknown>,
  token: string,
  correlationId: string,
): Promise<{ data?: T; errors?: { extensions?: { code?: string } }[] }> {
  const res = await fetch(process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-correlation-id': correlationId },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: T; errors?: { extensions?: { code?: string } }[] };
}
