// Event builders for the monitor unit and integration tests (no I/O); the build leaves *.fixture.ts out.
import { randomUUID } from 'node:crypto';
import type { EventEnvelope, LoanSnapshot, MatchSnapshot } from '@yinqi/contracts';

export const T0 = Date.parse('2026-03-01T00:00:00.000Z');
export const hours = (h: number) => new Date(T0 + h * 3_600_000).toISOString();

export function ev(type: string, key: string, version: number, data: Record<string, unknown>, occurredAt = hours(0)): EventEnvelope {
  return { id: randomUUID(), type, version, occurredAt, source: 'test', key, correlationId: 'c', data };
}

export const enterprise = (id: string, tier = 'NONE', v = 2, certifiedAt = hours(0), previousTier = 'NONE') =>
  ev('enterprise.certified', id, v, {
    enterprise: {
      enterpriseId: id,
      name: `企业${id}`,
      industry: '五金',
      town: '龙水镇',
      tier,
      whitelisted: false,
      annualRevenue: null,
      employees: null,
      rdSuperDeductionFiled: null,
      highValuePatents: null,
    },
    previousTier,
    certifiedBy: 'admin',
    certifiedAt,
  });

export const demand = (id: string, enterpriseId: string, amount: number, postedH: number, v = 1, status = 'OPEN') =>
  ev(
    v === 1 ? 'demand.posted' : 'demand.status-changed',
    id,
    v,
    {
      demand: {
        demandId: id,
        enterpriseId,
        amount,
        termMonths: 12,
        purpose: 'WORKING_CAPITAL',
        collateral: 'CREDIT',
        maxAnnualRate: null,
        needsGuarantee: false,
        status,
        createdAt: hours(postedH),
      },
      ...(v === 1 ? {} : { previousStatus: 'OPEN' }),
    },
    hours(postedH),
  );

export function match(
  type: string,
  over: Partial<MatchSnapshot> & { matchId: string; demandId: string },
  v: number,
  atH: number,
): EventEnvelope {
  const m: MatchSnapshot = {
    enterpriseId: 'e1',
    productId: 'p1',
    bankId: 'b1',
    score: 80,
    status: 'PROPOSED',
    offer: null,
    amount: 1_000_000,
    needsGuarantee: false,
    createdAt: hours(atH),
    ...over,
  };
  return ev(type, m.matchId, v, { match: m }, hours(atH));
}

export function loan(
  type: string,
  over: Partial<LoanSnapshot> & { loanId: string },
  v: number,
  atH = 0,
  extra: Record<string, unknown> = {},
): EventEnvelope {
  const l: LoanSnapshot = {
    matchId: `m-${over.loanId}`,
    demandId: 'd1',
    enterpriseId: 'e1',
    bankId: 'b1',
    amount: 1_000_000,
    annualRate: 3.6,
    termMonths: 12,
    repaymentMethod: 'EQUAL_INSTALLMENT',
    disbursedAt: hours(atH),
    maturityDate: hours(atH + 24 * 365),
    outstandingPrincipal: over.amount ?? 1_000_000,
    status: 'ACTIVE',
    guaranteeFeeRate: null,
    coverageRatio: null,
    riskShare: null,
    ...over,
  };
  return ev(type, l.loanId, v, { loan: l, ...extra }, hours(atH));
}
