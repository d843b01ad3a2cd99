import { forbidden, notFound } from '@yinqi/errors';
import type { GuaranteeQuoteDto, GuaranteeRequestDto, PolicyDto } from '../clients/guarantee-client';
import type { DemandDto, MatchDto, PageArgs } from '../clients/types';
import type { GatewayContext } from '../context';
import { forRole } from './for-role';

/**
 * The loaders answer null (or fail) when the caller may not read the aggregate: the matching and
 * enterprise services do not know guarantor officers yet. A guarantee request is still about that
 * match and demand, so the field falls back to what the guarantee service knows of them.
 */
const orNull = <T>(p: Promise<T | null>): Promise<T | null> => p.catch(() => null);

function matchFromRequest(r: GuaranteeRequestDto): MatchDto {
  return { ...r.match, reasons: [], responseDeadline: null };
}

/**
 * The guarantee service's copy of the demand; before that copy exists, only what the request itself
 * knows (other non-null Demand fields then fail for such a caller, the rest of the answer stands).
 */
function demandFromRequest(r: GuaranteeRequestDto): Partial<DemandDto> & { id: string } {
  if (r.demand) {
    const { demandId, ...rest } = r.demand;
    return { id: demandId, ...rest, description: null };
  }
  return {
    id: r.demandId,
    enterpriseId: r.enterpriseId,
    amount: r.amount,
    needsGuarantee: true,
    ...(r.match.offer ? { termMonths: r.match.offer.termMonths } : {}),
  };
}

export const guaranteeResolvers = {
  GuaranteeRequest: {
    match: async (r: GuaranteeRequestDto, _: unknown, ctx: GatewayContext) =>
      (await orNull(ctx.loaders.match.load(r.matchId))) ?? matchFromRequest(r),
    demand: async (r: GuaranteeRequestDto, _: unknown, ctx: GatewayContext) =>
      (await orNull(ctx.loaders.demand.load(r.demandId))) ?? demandFromRequest(r),
  },
  GuaranteeQuote: {
    guarantor: async (q: GuaranteeQuoteDto, _: unknown, ctx: GatewayContext) => {
      const i = await ctx.loaders.institution.load(q.guarantorId);
      if (!i) throw notFound('Guarantor');
      return i;
    },
  },
  PolicyFieldChange: {
    from: (c: { from: number | string }) => (typeof c.from === 'number' ? c.from : null),
    to: (c: { to: number | string }) => (typeof c.to === 'number' ? c.to : null),
    fromText: (c: { from: number | string }) => String(c.from),
    toText: (c: { to: number | string }) => String(c.to),
  },
  Policy: {
    history: (p: PolicyDto) => {
      if (!p.history) throw forbidden('Only the finance centre sees the policy history');
      return p.history;
    },
  },
  Query: {
    guaranteeRequests: forRole(
      ['GUARANTOR_OFFICER', 'ENTERPRISE', 'FINANCE_CENTER'],
      (clients, token, args: PageArgs & { status?: string | null }) => clients.guarantee.requests(token, args),
    ),
    policy: (_: unknown, __: unknown, ctx: GatewayContext) => ctx.clients.guarantee.policy(ctx.requireToken()),
    workingCalendar: (_: unknown, args: { year: number }, ctx: GatewayContext) =>
      ctx.clients.guarantee.workingCalendar(ctx.requireToken(), args.year),
  },
  Mutation: {
    submitGuaranteeQuote: forRole(['GUARANTOR_OFFICER'], (clients, token, args: { requestId: string; input: unknown }) =>
      clients.guarantee.submitQuote(token, args.requestId, args.input),
    ),
    selectGuaranteeQuote: forRole(['ENTERPRISE'], (clients, token, args: { quoteId: string }) =>
      clients.guarantee.selectQuote(token, args.quoteId),
    ),
    setPolicy: (_: unknown, args: { input: Record<string, unknown> }, ctx: GatewayContext) => {
      ctx.requireRole('FINANCE_CENTER');
      // GraphQL passes an explicit null for a field given as null; the service treats absent as "keep".
      const input = Object.fromEntries(Object.entries(args.input).filter(([, v]) => v !== null && v !== undefined));
      return ctx.clients.guarantee.setPolicy(ctx.requireToken(), input);
    },
    setWorkingCalendarYear: forRole(['FINANCE_CENTER'], (clients, token, args: { input: unknown }) =>
      clients.guarantee.setWorkingCalendarYear(token, args.input),
    ),
  },
};
