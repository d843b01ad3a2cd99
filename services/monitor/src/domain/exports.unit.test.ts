import { LABELS_ZH, type EventEnvelope } from '@yinqi/contracts';
import { enterprise, ev, hours, loan, match } from './event-fixtures.fixture';
import { headerOf, plainCell, type ExportColumns } from './export-format';
import { exportPeriod } from './export-query';
import { EXPORT_TABLES, type ExportTable } from './exports';
import { Projection } from './projection';
import { ALL_TIME, type Period } from './stats';

function project(events: EventEnvelope[]): Projection {
  const p = new Projection();
  for (const e of events) for (const c of p.decide(e)) p.put(c);
  return p;
}

/** The export as the CSV writer sees it: header and rows of plain cells. */
function render(p: Projection, name: string, period: Period = ALL_TIME, columns: ExportColumns = 'zh') {
  const t: ExportTable = EXPORT_TABLES.get(name)!;
  const rows = [...t.rows(p, period)].map((r) => r.map((v, i) => plainCell(t.columns[i]!, v, columns)));
  const header = t.columns.map((c) => headerOf(c, columns));
  return { header, rows, objects: rows.map((r) => Object.fromEntries(r.map((v, i) => [header[i], v]))) };
}

// hours(16) is 2026-03-02 00:00 in Beijing; hours(15.5) is still 2026-03-01 (23:30).
const guarantee = (type: string, v: number, selected: boolean) =>
  ev(type, 'g1', v, {
    request: {
      requestId: 'g1',
      matchId: 'm1',
      demandId: 'd1',
      enterpriseId: 'e1',
      bankId: 'b1',
      amount: 1_000_000,
      status: selected ? 'SELECTED' : 'OPEN',
      quotes: [{ quoteId: 'q1', guarantorId: 'gu1', feeRate: 0.8, coverageRatio: 80, conditions: null, quotedAt: hours(17) }],
      selectedQuoteId: selected ? 'q1' : null,
      createdAt: hours(16),
    },
  });

const events = [
  ev('institution.created', 'b1', 1, { institutionId: 'b1', kind: 'BANK', name: '重庆大足农商银行' }),
  ev('institution.created', 'gu1', 1, { institutionId: 'gu1', kind: 'GUARANTOR', name: '=大足融资担保' }),
  enterprise('e1', 'MUNICIPAL_SRDI'),
  match('match.proposed', { matchId: 'm1', demandId: 'd1' }, 1, 16),
  match('match.proposed', { matchId: 'm0', demandId: 'd0' }, 1, 15.5),
  loan('loan.disbursed', { loanId: 'l1', repaymentMethod: 'INTEREST_ONLY_BULLET' }, 1, 15.5),
  guarantee('guarantee.request-opened', 1, false),
  guarantee('guarantee.quote-selected', 3, true),
  ev('listing.stage-set', 'e1', 2, {
    candidate: {
      enterpriseId: 'e1',
      stage: 'TUTORING',
      coach: '西南证券',
      history: [
        { stage: 'RESERVE', at: hours(1), by: 'u', note: null },
        { stage: 'TUTORING', at: hours(20), by: 'u', note: null },
      ],
      rewardsDue: [],
      rewardsPaid: [],
      createdAt: hours(1),
      updatedAt: hours(20),
    },
    enterpriseId: 'e1',
    stage: 'TUTORING',
    previousStage: 'RESERVE',
    at: hours(20),
    by: 'u',
    note: null,
  }),
  ev('bond.reserve-added', 'bd1', 1, {
    item: {
      itemId: 'bd1',
      enterpriseId: 'e1',
      amount: 50_000_000,
      purpose: '智能产线',
      plannedQuarter: '2026Q3',
      createdAt: hours(40),
      createdBy: 'u',
    },
  }),
];

describe('exports for a Chinese office', () => {
  const p = project(events);

  it('writes Chinese headers, Chinese labels for codes and Beijing times', () => {
    const m = render(p, 'matches').objects.find((r) => r['匹配编号'] === 'm1')!;
    expect(m).toMatchObject({ 匹配时间: '2026-03-02 00:00', 状态: '待银行响应', 企业名称: '企业e1', 银行名称: '重庆大足农商银行' });
    const [l] = render(p, 'loans').objects;
    expect(l).toMatchObject({ 放款时间: '2026-03-01 23:30', 状态: '正常', 企业梯度: '市级专精特新', 还款方式: '先息后本' });
    expect(l!['到期日']).toBe('2027-03-01');
  });

  it('lists guarantee requests with the selected quote, the listing pipeline and the bond reserve', () => {
    expect(render(p, 'guarantees').objects).toEqual([
      expect.objectContaining({
        状态: '已选定',
        选定担保机构: '=大足融资担保',
        '担保费率（%/年）': 0.8,
        报价数: 1,
        发起时间: '2026-03-02 00:00',
      }),
    ]);
    expect(render(p, 'listing').objects).toEqual([
      expect.objectContaining({
        当前阶段: '辅导备案',
        进入当前阶段时间: '2026-03-02 04:00',
        入库时间: '2026-03-01 09:00',
        上市辅导: '西南证券',
      }),
    ]);
    expect(render(p, 'bonds').objects).toEqual([
      expect.objectContaining({ 企业名称: '企业e1', '拟融资金额（元）': 50_000_000, 资金用途: '智能产线', 计划发行季度: '2026Q3' }),
    ]);
  });

  it('takes a date range as whole Beijing days, both ends included', () => {
    const march2 = exportPeriod({ from: '2026-03-02', to: '2026-03-02' });
    expect(render(p, 'matches', march2).rows.map((r) => r[0])).toEqual(['m1']);
    // The loan was disbursed at 23:30 Beijing on 1 March (15:30 UTC).
    expect(render(p, 'loans', march2).rows).toEqual([]);
    expect(render(p, 'loans', exportPeriod({ from: '2026-03-01', to: '2026-03-01' })).rows).toHaveLength(1);
    // Instants keep the half-open [from, to) of the dashboard.
    expect(render(p, 'matches', exportPeriod({ from: hours(15.5), to: hours(16) })).rows.map((r) => r[0])).toEqual(['m0']);
    expect(() => exportPeriod({ from: '2026-03-03', to: '2026-03-02' })).toThrow(/from must not be after to/);
  });

  it('keeps the machine-readable columns (English names, codes, ISO instants) with columns=codes', () => {
    const codes = render(p, 'matches', ALL_TIME, 'codes');
    expect(codes.header).toEqual([
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
    ]);
    expect(codes.objects[1]).toMatchObject({ matchId: 'm1', createdAt: hours(16), status: 'PROPOSED' });
    expect(render(p, 'loans', ALL_TIME, 'codes').header).toEqual([
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
    ]);
  });

  it('gives every code column a label table, every header a Chinese name, and no code an English label', () => {
    for (const t of EXPORT_TABLES.values()) {
      for (const c of t.columns) {
        expect(c.zh).toMatch(/[\u4e00-\u9fff]/);
        if (c.type === 'code') expect(c.labels).toBeDefined();
      }
    }
    for (const table of Object.values(LABELS_ZH)) for (const label of Object.values(table)) expect(label).toMatch(/[\u4e00-\u9fff]/);
  });
});
