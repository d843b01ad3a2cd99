import type { LabelTable } from '@yinqi/contracts';
import type { FactKind, FactTypes } from './facts';
import type { Projection } from './projection';
import { governmentExposure, inPeriod, type Period } from './stats';

/** A cell before it is written: a code, a number, epoch milliseconds for times, or nothing. */
export type Raw = string | number | null | undefined;

/**
 * One column of an export: its machine-readable name (the English header the CSVs always had), its
 * Chinese header, and what kind of value it holds, which decides how each format writes it.
 * - `text`: free text from users (names, purposes): guarded against spreadsheet formulas;
 * - `code`: an enum code, written as its Chinese label from `labels`;
 * - `time` / `date`: epoch milliseconds, written in Beijing time (`yyyy-MM-dd HH:mm` / `yyyy-MM-dd`);
 * - `id`, `number`: as they are.
 */
export interface ExportColumn<F> {
  key: string;
  zh: string;
  type: 'id' | 'text' | 'code' | 'number' | 'time' | 'date';
  labels?: LabelTable;
  get: (fact: F, p: Projection) => Raw;
}

/** One export: its file name, its sheet's Chinese title, its columns and the facts it lists for a period. */
export interface ExportSheet<F = unknown> {
  name: string;
  titleZh: string;
  columns: ExportColumn<F>[];
  rows: (p: Projection, period: Period) => Iterable<F>;
}

/**
 * The facts of `kind` whose time is in the period, oldest first (ties by id). Only references are
 * sorted; the rows themselves are built one at a time while the file is written.
 */
function inOrder<K extends FactKind>(p: Projection, kind: K, at: (f: FactTypes[K]) => number | null | undefined, period: Period) {
  const list: FactTypes[K][] = [];
  for (const f of p.all(kind)) if (inPeriod(period, at(f))) list.push(f);
  return list.sort((a, b) => (at(a) ?? 0) - (at(b) ?? 0) || a._id.localeCompare(b._id));
}

const enterpriseName = (p: Projection, id: string | undefined) => (id === undefined ? null : p.get('enterprise', id)?.name);
const enterpriseTier = (p: Projection, id: string | undefined) => (id === undefined ? null : (p.get('enterprise', id)?.tier ?? 'NONE'));
const institutionName = (p: Projection, id: string | null) => (id === null ? null : p.get('institution', id)?.name);
const hours = (from: number, to: number | null) => (to === null ? null : Number(((to - from) / 3_600_000).toFixed(4)));

type Match = FactTypes['match'];
/** 银企对接: matches created in the period. */
export const MATCHES: ExportSheet<Match> = {
  name: 'matches',
  titleZh: '银企对接',
  rows: (p, period) => inOrder(p, 'match', (m) => m.createdAt, period),
  columns: [
    { key: 'matchId', zh: '匹配编号', type: 'id', get: (m) => m._id },
    { key: 'createdAt', zh: '匹配时间', type: 'time', get: (m) => m.createdAt },
    { key: 'status', zh: '状态', type: 'code', labels: 'matchStatus', get: (m) => m.status },
    { key: 'demandId', zh: '需求编号', type: 'id', get: (m) => m.demandId },
    { key: 'enterpriseId', zh: '企业编号', type: 'id', get: (m) => m.enterpriseId },
    { key: 'enterpriseName', zh: '企业名称', type: 'text', get: (m, p) => enterpriseName(p, m.enterpriseId) },
    { key: 'bankId', zh: '银行编号', type: 'id', get: (m) => m.bankId },
    { key: 'bankName', zh: '银行名称', type: 'text', get: (m, p) => institutionName(p, m.bankId) },
    { key: 'productId', zh: '产品编号', type: 'id', get: (m) => m.productId },
    { key: 'productName', zh: '产品名称', type: 'text', get: (m, p) => p.get('product', m.productId)?.name },
    { key: 'demandAmount', zh: '需求金额（元）', type: 'number', get: (m) => m.amount },
    { key: 'respondedAt', zh: '银行响应时间', type: 'time', get: (m) => m.respondedAt },
    { key: 'hoursToResponse', zh: '响应用时（小时）', type: 'number', get: (m) => hours(m.createdAt, m.respondedAt) },
    { key: 'offeredAt', zh: '报价时间', type: 'time', get: (m) => m.offeredAt },
    { key: 'offerAmount', zh: '报价金额（元）', type: 'number', get: (m) => m.offerAmount },
    { key: 'offerAnnualRate', zh: '报价年利率（%）', type: 'number', get: (m) => m.offerRate },
    { key: 'offerTermMonths', zh: '报价期限（月）', type: 'number', get: (m) => m.offerTermMonths },
  ],
};

type Loan = FactTypes['loan'];
/** 贷款: loans disbursed in the period. */
export const LOANS: ExportSheet<Loan> = {
  name: 'loans',
  titleZh: '贷款',
  rows: (p, period) => inOrder(p, 'loan', (l) => l.disbursedAt, period),
  columns: [
    { key: 'loanId', zh: '贷款编号', type: 'id', get: (l) => l._id },
    { key: 'disbursedAt', zh: '放款时间', type: 'time', get: (l) => l.disbursedAt },
    { key: 'status', zh: '状态', type: 'code', labels: 'loanStatus', get: (l) => l.status },
    { key: 'matchId', zh: '匹配编号', type: 'id', get: (l) => l.matchId },
    { key: 'enterpriseId', zh: '企业编号', type: 'id', get: (l) => l.enterpriseId },
    { key: 'enterpriseName', zh: '企业名称', type: 'text', get: (l, p) => enterpriseName(p, l.enterpriseId) },
    { key: 'enterpriseTier', zh: '企业梯度', type: 'code', labels: 'tier', get: (l, p) => enterpriseTier(p, l.enterpriseId) },
    { key: 'bankId', zh: '银行编号', type: 'id', get: (l) => l.bankId },
    { key: 'bankName', zh: '银行名称', type: 'text', get: (l, p) => institutionName(p, l.bankId) },
    { key: 'amount', zh: '贷款金额（元）', type: 'number', get: (l) => l.amount },
    { key: 'annualRate', zh: '年利率（%）', type: 'number', get: (l) => l.annualRate },
    { key: 'termMonths', zh: '期限（月）', type: 'number', get: (l) => l.termMonths },
    { key: 'repaymentMethod', zh: '还款方式', type: 'code', labels: 'repaymentMethod', get: (l) => l.repaymentMethod },
    { key: 'maturityDate', zh: '到期日', type: 'date', get: (l) => l.maturityDate },
    { key: 'outstandingPrincipal', zh: '剩余本金（元）', type: 'number', get: (l) => l.outstandingPrincipal },
    { key: 'guaranteeFeeRate', zh: '担保费率（%/年）', type: 'number', get: (l) => l.guaranteeFeeRate },
    { key: 'coverageRatio', zh: '担保责任比例（%）', type: 'number', get: (l) => l.coverageRatio },
    { key: 'governmentShare', zh: '政府分担比例（%）', type: 'number', get: (l) => l.governmentShare },
    {
      key: 'governmentExposure',
      zh: '政府风险敞口（元）',
      type: 'number',
      get: (l) => {
        const yuan = governmentExposure(l);
        return yuan === null ? null : Number(yuan.toFixed(2));
      },
    },
  ],
};

type Guarantee = FactTypes['guarantee'];
/** 担保需求 (政银担): guarantee requests opened in the period, with the selected quote. */
export const GUARANTEES: ExportSheet<Guarantee> = {
  name: 'guarantees',
  titleZh: '担保需求',
  rows: (p, period) => inOrder(p, 'guarantee', (g) => g.createdAt, period),
  columns: [
    { key: 'requestId', zh: '担保需求编号', type: 'id', get: (g) => g._id },
    { key: 'createdAt', zh: '发起时间', type: 'time', get: (g) => g.createdAt },
    { key: 'status', zh: '状态', type: 'code', labels: 'guaranteeRequestStatus', get: (g) => g.status },
    { key: 'matchId', zh: '匹配编号', type: 'id', get: (g) => g.matchId },
    { key: 'enterpriseId', zh: '企业编号', type: 'id', get: (g) => g.enterpriseId },
    { key: 'enterpriseName', zh: '企业名称', type: 'text', get: (g, p) => enterpriseName(p, g.enterpriseId) },
    { key: 'bankId', zh: '银行编号', type: 'id', get: (g) => g.bankId },
    { key: 'bankName', zh: '银行名称', type: 'text', get: (g, p) => institutionName(p, g.bankId) },
    { key: 'amount', zh: '担保金额（元）', type: 'number', get: (g) => g.amount },
    { key: 'quotes', zh: '报价数', type: 'number', get: (g) => g.quotes },
    { key: 'guarantorId', zh: '选定担保机构编号', type: 'id', get: (g) => g.guarantorId },
    { key: 'guarantorName', zh: '选定担保机构', type: 'text', get: (g, p) => institutionName(p, g.guarantorId) },
    { key: 'feeRate', zh: '担保费率（%/年）', type: 'number', get: (g) => g.feeRate },
    { key: 'coverageRatio', zh: '担保责任比例（%）', type: 'number', get: (g) => g.coverageRatio },
  ],
};

type Listing = FactTypes['listing'];
/** 上市后备: listing candidates whose current stage was reached in the period (as the dashboard counts them). */
export const LISTING: ExportSheet<Listing> = {
  name: 'listing',
  titleZh: '上市后备',
  rows: (p, period) => inOrder(p, 'listing', (l) => l.stageAt, period),
  columns: [
    { key: 'enterpriseId', zh: '企业编号', type: 'id', get: (l) => l._id },
    { key: 'enterpriseName', zh: '企业名称', type: 'text', get: (l, p) => enterpriseName(p, l._id) },
    { key: 'enterpriseTier', zh: '企业梯度', type: 'code', labels: 'tier', get: (l, p) => enterpriseTier(p, l._id) },
    { key: 'stage', zh: '当前阶段', type: 'code', labels: 'listingStage', get: (l) => l.stage },
    { key: 'stageAt', zh: '进入当前阶段时间', type: 'time', get: (l) => l.stageAt },
    { key: 'enteredAt', zh: '入库时间', type: 'time', get: (l) => l.enteredAt },
    { key: 'coach', zh: '上市辅导', type: 'text', get: (l) => l.coach },
  ],
};

type Bond = FactTypes['bond'];
/** 债券融资项目储备: bond reserve items added in the period. */
export const BONDS: ExportSheet<Bond> = {
  name: 'bonds',
  titleZh: '债券融资项目储备',
  rows: (p, period) => inOrder(p, 'bond', (b) => b.createdAt, period),
  columns: [
    { key: 'itemId', zh: '项目编号', type: 'id', get: (b) => b._id },
    { key: 'createdAt', zh: '入库时间', type: 'time', get: (b) => b.createdAt },
    { key: 'enterpriseId', zh: '企业编号', type: 'id', get: (b) => b.enterpriseId },
    { key: 'enterpriseName', zh: '企业名称', type: 'text', get: (b, p) => enterpriseName(p, b.enterpriseId) },
    { key: 'enterpriseTier', zh: '企业梯度', type: 'code', labels: 'tier', get: (b, p) => enterpriseTier(p, b.enterpriseId) },
    { key: 'amount', zh: '拟融资金额（元）', type: 'number', get: (b) => b.amount },
    { key: 'purpose', zh: '资金用途', type: 'text', get: (b) => b.purpose },
    { key: 'plannedQuarter', zh: '计划发行季度', type: 'id', get: (b) => b.plannedQuarter },
  ],
};

/** A column as the writers see it: no accessor (rows come as raw cells). */
export type ColumnSpec = Omit<ExportColumn<unknown>, 'get'>;

/** An export with its rows as raw cells, in column order: what the CSV and xlsx writers take. */
export interface ExportTable {
  name: string;
  titleZh: string;
  columns: ColumnSpec[];
  rows: (p: Projection, period: Period) => Iterable<Raw[]>;
}

function table<F>(sheet: ExportSheet<F>): ExportTable {
  return {
    name: sheet.name,
    titleZh: sheet.titleZh,
    columns: sheet.columns.map(({ get: _get, ...spec }) => spec),
    *rows(p, period) {
      for (const f of sheet.rows(p, period)) yield sheet.columns.map((c) => c.get(f, p));
    },
  };
}

/** Every export by its file name (GET /export/<name>.csv and /export/<name>.xlsx). */
export const EXPORT_TABLES: ReadonlyMap<string, ExportTable> = new Map(
  [table(MATCHES), table(LOANS), table(GUARANTEES), table(LISTING), table(BONDS)].map((t) => [t.name, t]),
);
