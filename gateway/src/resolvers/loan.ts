import { notFound } from '@yinqi/errors';
import type { LoanDto } from '../clients/loan-client';
import type { PageArgs } from '../clients/types';
import type { GatewayContext } from '../context';
import { forRole } from './for-role';

const mustLoad = async <T>(p: Promise<T | null>, what: string): Promise<T> => {
  const v = await p;
  if (!v) throw notFound(what);
  return v;
};

/** Loans and follow-up (贷后): thin calls to the loan service, which authorises every one. */
export const loanResolvers = {
  Loan: {
    // The match may not be visible to every loan viewer (or may lag): its id is always known.
    match: async (l: LoanDto, _: unknown, ctx: GatewayContext) =>
      (await ctx.loaders.match.load(l.matchId).catch(() => null)) ?? { id: l.matchId },
    enterprise: (l: LoanDto, _: unknown, ctx: GatewayContext) => mustLoad(ctx.loaders.enterprise.load(l.enterpriseId), 'Enterprise'),
    bank: (l: LoanDto, _: unknown, ctx: GatewayContext) => mustLoad(ctx.loaders.institution.load(l.bankId), 'Bank'),
  },
  Query: {
    loan: (_: unknown, args: { id: string }, ctx: GatewayContext) =>
      ctx.clients.loan.loan(ctx.requireToken(), args.id).catch((err: { code?: string }) => {
        if (err.code === 'NOT_FOUND') return null;
        throw err;
      }),
    loans: (_: unknown, args: PageArgs & { status?: string | null }, ctx: GatewayContext) =>
      ctx.clients.loan.loans(ctx.requireToken(), args),
  },
  Mutation: {
    disburseLoan: forRole(['BANK_OFFICER'], (clients, token, args: { matchId: string; input: unknown }) =>
      clients.loan.disburse(token, args.matchId, args.input),
    ),
    recordRepayment: forRole(['BANK_OFFICER'], (clients, token, args: { loanId: string; amount: number; paidAt: string }) =>
      clients.loan.repay(token, args.loanId, { amount: args.amount, paidAt: args.paidAt }),
    ),
    recordFollowUp: forRole(['BANK_OFFICER'], (clients, token, args: { loanId: string; note: string; riskLevel: string }) =>
      clients.loan.followUp(token, args.loanId, { note: args.note, riskLevel: args.riskLevel }),
    ),
    requestRelief: (
      _: unknown,
      args: { loanId: string; kind: string; reason: string; months?: number | null; amount?: number | null },
      ctx: GatewayContext,
    ) => {
      ctx.requireRole('ENTERPRISE');
      return ctx.clients.loan.requestRelief(ctx.requireToken(), args.loanId, {
        kind: args.kind,
        reason: args.reason,
        months: args.months ?? null,
        amount: args.amount ?? null,
      });
    },
    decideRelief: forRole(
      ['BANK_OFFICER', 'FINANCE_CENTER'],
      (clients, token, args: { reliefId: string; approve: boolean; note?: string | null }) =>
        clients.loan.decideRelief(token, args.reliefId, { approve: args.approve, note: args.note ?? null }),
    ),
  },
};
