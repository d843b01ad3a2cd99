import type { Cell } from '../api/csv';
import type { Projection } from './projection';
import { inPeriod, type Period } from './stats';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export const MATCH_COLUMNS = [
  'matchId',
  'createdAt',
  'status',
  'demandId',
  'enterpriseId',
  'enterpriseName',
  'bankId',
  'bankName',
  'productId',
  'productName',
  'demandAmount',
  'respondedAt',
  'hoursToResponse',
  'offeredAt',
  'offerAmount',
  'offerAnnualRate',
  'offerTermMonths',
];
/** Columns holding free text (names), guarded against spreadsheet formulas. */
export const MATCH_TEXT_COLUMNS = new Set([5, 7, 9]);

/** Matches created in the period, oldest first, one row each (references are sorted, rows are built one at a time). */
export function* matchRows(p: Projection, period: Period): Generator<Cell[]> {
  const list = [...p.all('match')]
    .filter((m) => inPeriod(period, m.createdAt))
    .sort((a, b) => a.createdAt - b.createdAt || a._id.localeCompare(b._id));
  for (const m of list) {
    yield [
      m._id,
      iso(m.createdAt),
      m.status,
      m.demandId,
      m.enterpriseId,
      p.get('enterprise', m.enterpriseId)?.name,
      m.bankId,
      p.get('institution', m.bankId)?.name,
      m.productId,
      p.get('product', m.productId)?.name,
      m.amount,
      iso(m.respondedAt),
      m.respondedAt === null ? null : Number(((m.respondedAt - m.createdAt) / 3_600_000).toFixed(4)),
      iso(m.offeredAt),
      m.offerAmount,
      m.offerRate,
      m.offerTermMonths,
    ];
  }
}

export const LOAN_COLUMNS = [
  'loanId',
  'disbursedAt',
  'status',
  'matchId',
  'enterpriseId',
  'enterpriseName',
  'enterpriseTier',
  'bankId',
  'bankName',
  'amount',
  'annualRate',
  'termMonths',
  'repaymentMethod',
  'maturityDate',
  'outstandingPrincipal',
  'guaranteeFeeRate',
  'coverageRatio',
  'governmentShare',
  'governmentExposure',
];
export const LOAN_TEXT_COLUMNS = new Set([5, 8]);

/** Loans disbursed in the period, oldest first. */
export function* loanRows(p: Projection, period: Period): Generator<Cell[]> {
  const list = [...p.all('loan')]
    .filter((l) => inPeriod(period, l.disbursedAt))
    .sort((a, b) => a.disbursedAt - b.disbursedAt || a._id.localeCompare(b._id));
  for (const l of list) {
    const e = p.get('enterprise', l.enterpriseId);
    const exposure =
      l.status === 'ACTIVE' && l.coverageRatio !== null && l.governmentShare !== null
        ? Number(((l.outstandingPrincipal * l.coverageRatio * l.governmentShare) / 10_000).toFixed(2))
        : null;
    yield [
      l._id,
      iso(l.disbursedAt),
      l.status,
      l.matchId,
      l.enterpriseId,
      e?.name,
      e?.tier ?? 'NONE',
      l.bankId,
      p.get('institution', l.bankId)?.name,
      l.amount,
      l.annualRate,
      l.termMonths,
      l.repaymentMethod,
      iso(l.maturityDate),
      l.outstandingPrincipal,
      l.guaranteeFeeRate,
      l.coverageRatio,
      l.governmentShare,
      exposure,
    ];
  }
}
