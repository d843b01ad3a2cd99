import type { BankRefDto, DashboardArgs } from '../clients/monitor-client';
import type { GatewayContext } from '../context';
import { forRole } from './for-role';

/**
 * A bank of the dashboard: the monitor knows its name from institution.created; when it has not
 * seen that event yet, the identity service answers (batched per request).
 */
const bankOf = async (ref: BankRefDto, ctx: GatewayContext) => {
  if (ref.bankName !== null) return { id: ref.bankId, kind: 'BANK', name: ref.bankName };
  return (await ctx.loaders.institution.load(ref.bankId)) ?? { id: ref.bankId, kind: 'BANK', name: ref.bankId };
};

/** Monitoring (区金融发展事务中心): the dashboard is FINANCE_CENTER only (checked here and in the monitor). */
export const monitorResolvers = {
  SlaBreach: { bank: bankOf },
  BankStat: { bank: bankOf },
  Query: {
    dashboard: forRole(['FINANCE_CENTER'], (clients, token, args: DashboardArgs) => clients.monitor.dashboard(token, args)),
  },
};
