import type { AuditFilterArgs } from '../clients/audit-client';
import type { GatewayContext } from '../context';

/** The audit trail: FINANCE_CENTER only (checked here and in the audit service). */
export const auditResolvers = {
  Query: {
    auditLog: (
      _: unknown,
      args: { filter?: AuditFilterArgs | null; first?: number | null; after?: string | null },
      ctx: GatewayContext,
    ) => {
      ctx.requireRole('FINANCE_CENTER');
      return ctx.clients.audit.list(ctx.requireToken(), args.filter, args.first, args.after);
    },
    verifyAuditLog: (_: unknown, __: unknown, ctx: GatewayContext) => {
      ctx.requireRole('FINANCE_CENTER');
      return ctx.clients.audit.verify(ctx.requireToken());
    },
  },
};
