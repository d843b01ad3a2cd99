import type { AuditFilterArgs } from '../clients/audit-client';
import type { GatewayContext } from '../context';
import { forRole } from './for-role';

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
    verifyAuditLog: forRole(['FINANCE_CENTER'], (clients, token) => clients.audit.verify(token)),
  },
};
