import { z } from 'zod';
import type { AuditEntryDto } from '@yinqi/contracts';

/** The roles an actor may have (the contract's Role enum). */
export const ROLE_VALUES = ['ENTERPRISE', 'BANK_OFFICER', 'GUARANTOR_OFFICER', 'FUND_OFFICER', 'FINANCE_CENTER'] as const;

/**
 * One entry of the audit trail (审计日志) as stored: the served entry (packages/contracts) with `at`
 * kept as a Date so time ranges are indexed queries; in the hash it is its ISO-8601 UTC text with
 * milliseconds.
 */
export type AuditEntry = Omit<AuditEntryDto, 'at'> & { at: Date };

const text = (max: number) => z.string().min(1).max(max);
const nullableText = (max: number) => text(max).nullable().default(null);

/**
 * What a recorder (the gateway) sends: everything but the chain's own fields, which only the
 * appender decides. `id` is chosen by the recorder so a retried append is recognised, not doubled.
 */
export const appendInputSchema = z
  .object({
    id: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'a UUID'),
    actorId: nullableText(100),
    actorRole: z.enum(ROLE_VALUES).nullable().default(null),
    actorOrgId: nullableText(100),
    action: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[a-z]+)?$/, 'a mutation name, optionally with .failed/.denied')
      .max(100),
    targetType: text(100),
    targetId: nullableText(200),
    correlationId: nullableText(200),
    detail: nullableText(4_000),
  })
  .strict();
export type AppendInput = z.infer<typeof appendInputSchema>;

export const appendBodySchema = z.object({ entries: z.array(appendInputSchema).min(1).max(100) }).strict();
