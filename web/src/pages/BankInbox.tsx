// 对接待办 (bank officer): the match inbox sorted by SLA deadline with a countdown; respond, offer
// (showing the eligibility cap) and disburse.
import { Alert, Button, Card, Descriptions, Form, Input, Segmented, Select, Space, Tag, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { request, requestOptional } from '../api';
import {
  DisburseLoanDocument,
  MakeOfferDocument,
  PolicyQDocument,
  RespondToMatchDocument,
  type BankMatchesQuery,
  type RepaymentMethod,
} from '../gql/generated';
import { FormModal, ListTable, Loadable, NumberItem, Reasons, SearchBox, StatusTag, TermMonthsItem, TextAreaItem } from '../components';
import { SearchBankMatchesDocument } from '../graphql/search';
import { useDialogForm, useLoad, useNow, useSubmit } from '../hooks';
import { COLLATERAL, MATCH_STATUS, MATCH_STATUS_COLOR, PURPOSE, REPAYMENT, TIER, beijingToday, options, pct, wan, yuan } from '../labels';
import { LiveBadge, useMatchEvents } from '../live';

type BankMatch = BankMatchesQuery['bankMatches']['edges'][number]['node'];

/** The eligibility cap (API-CONTRACT rule 2): maxAmount, uplifted by rdUpliftRatio for enough filed R&D super-deduction. */
export function eligibilityCap(m: BankMatch): number {
  const p = m.product;
  const filed = m.demand.enterprise.rdSuperDeductionFiled;
  if (p.rdUpliftThreshold != null && p.rdUpliftRatio != null && filed != null && filed >= p.rdUpliftThreshold)
    return Math.floor(p.maxAmount * (1 + p.rdUpliftRatio));
  return p.maxAmount;
}

const ACTIONABLE = new Set(['PROPOSED', 'INTERESTED', 'ACCEPTED']);

function Countdown({ deadline, now }: { deadline: number; now: number }) {
  const ms = deadline - now;
  const abs = Math.abs(ms);
  const h = Math.floor(abs / 3_600_000);
  const m = Math.floor((abs % 3_600_000) / 60_000);
  const s = Math.floor((abs % 60_000) / 1000);
  const text = `${h}小时${String(m).padStart(2, '0')}分${String(s).padStart(2, '0')}秒`;
  return ms >= 0 ? (
    <span data-testid="countdown">剩余 {text}</span>
  ) : (
    <span className="yq-countdown-late" data-testid="countdown">
      已超时 {text}
    </span>
  );
}

async function loadAll(enterpriseName: string) {
  const [policy, first] = await Promise.all([request(PolicyQDocument), request(SearchBankMatchesDocument, { enterpriseName })]);
  const matches = first.bankMatches.edges.map((e) => e.node);
  const pageCursors: (string | null)[] = [null];
  let page = first.bankMatches.pageInfo;
  for (let i = 0; page.hasNextPage && i < 9; i++) {
    pageCursors.push(page.endCursor ?? null);
    const next = await request(SearchBankMatchesDocument, { after: page.endCursor, enterpriseName });
    matches.push(...next.bankMatches.edges.map((e) => e.node));
    page = next.bankMatches.pageInfo;
  }
  // Added by the gateway beyond the contract: how the SLA is counted and each match's deadline on the
  // working calendar (holidays and 调休 days), so the countdown ends when the dashboard says "late".
  const [sla, ...pages] = await Promise.all([
    requestOptional<{ policy: { bankResponseSlaBasis: SlaBasis; bankResponseSlaWorkingDays: number } }>(
      '{ policy { bankResponseSlaBasis bankResponseSlaWorkingDays } }',
    ),
    ...pageCursors.map((after) =>
      requestOptional<{ bankMatches: { edges: { node: { id: string; responseDeadline: string | null } }[] } }>(
        `{ bankMatches(first: 100${after ? `, after: ${JSON.stringify(after)}` : ''}) { edges { node { id responseDeadline } } } }`,
      ),
    ),
  ]);
  const deadlines = new Map<string, number>();
  for (const page of pages)
    for (const e of page?.bankMatches.edges ?? [])
      if (e.node.responseDeadline) deadlines.set(e.node.id, Date.parse(e.node.responseDeadline));
  return {
    slaHours: policy.policy.bankResponseSlaHours,
    slaBasis: sla?.policy.bankResponseSlaBasis ?? 'CLOCK_HOURS',
    slaWorkingDays: sla?.policy.bankResponseSlaWorkingDays ?? 3,
    deadlines,
    matches,
  };
}

type SlaBasis = 'CLOCK_HOURS' | 'WORKING_HOURS' | 'WORKING_DAYS';

/** The finance centre's rule in words, as the SLA is counted. */
function slaText(d: { slaHours: number; slaBasis: SlaBasis; slaWorkingDays: number }): string {
  if (d.slaBasis === 'WORKING_DAYS')
    return `新匹配须在 ${d.slaWorkingDays} 个工作日内响应（按工作日历，北京时间当日 24 时截止；节假日不计，调休上班日计入）。`;
  if (d.slaBasis === 'WORKING_HOURS') return `新匹配须在 ${d.slaHours} 个工作小时内响应（周末和节假日不计时，调休上班日计时）。`;
  return `新匹配须在 ${d.slaHours} 小时内响应。`;
}

type Filter = 'todo' | 'all';
type Inbox = Awaited<ReturnType<typeof loadAll>>;

/** The rows shown: under 待处理 only what the bank can act on; new matches first, then by deadline. */
function useRows(data: Inbox | null, filter: Filter): Row[] {
  return useMemo(() => {
    if (!data) return [];
    const sla = data.slaHours * 3_600_000;
    return data.matches
      .filter((m) => filter === 'all' || ACTIONABLE.has(m.status))
      .map((m) => ({ ...m, deadline: data.deadlines.get(m.id) ?? Date.parse(m.createdAt) + sla }))
      .sort((a, b) => Number(b.status === 'PROPOSED') - Number(a.status === 'PROPOSED') || a.deadline - b.deadline);
  }, [data, filter]);
}

export function BankInbox() {
  const [search, setSearch] = useState('');
  const state = useLoad(() => loadAll(search), [search]);
  const now = useNow(1000);
  const [filter, setFilter] = useState<Filter>('todo');
  const [open, setOpen] = useState<Opened | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const connected = useMatchEvents(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(state.reload, 200);
  });

  const { run } = useSubmit({ errors: 'toast', onDone: state.reload });
  const interested = (m: BankMatch) =>
    run(() => request(RespondToMatchDocument, { matchId: m.id, interested: true, reason: null }), { success: '已表示意向，请出具报价' });
  const rows = useRows(state.data, filter);

  return (
    <Card
      title="对接待办（按响应时限排序）"
      extra={<InboxFilter connected={connected} filter={filter} setFilter={setFilter} onSearch={setSearch} />}
    >
      <Loadable state={state}>
        {(d) => (
          <>
            <Alert type="info" showIcon style={{ marginBottom: 12 }} message={`区金融发展事务中心要求：${slaText(d)}`} />
            <InboxTable rows={rows} filter={filter} now={now} onInterested={interested} onOpen={setOpen} />
          </>
        )}
      </Loadable>
      {open && <MatchModal open={open} onClose={(done) => (setOpen(null), done && state.reload())} />}
    </Card>
  );
}

/** Search by enterprise name, the live feed's state and 待处理 / 全部. */
function InboxFilter({
  connected,
  filter,
  setFilter,
  onSearch,
}: {
  connected: boolean;
  filter: Filter;
  setFilter: (f: Filter) => void;
  onSearch: (text: string) => void;
}) {
  return (
    <Space wrap>
      <SearchBox placeholder="按企业名称搜索" onSearch={onSearch} />
      <LiveBadge connected={connected} />
      <Segmented
        aria-label="筛选"
        value={filter}
        onChange={(v) => setFilter(v as Filter)}
        options={[
          { label: '待处理', value: 'todo' },
          { label: '全部', value: 'all' },
        ]}
      />
    </Space>
  );
}

/** The dialog a row's action opened: 出具报价, 放款 or 婉拒. */
function MatchModal({ open, onClose }: { open: Opened; onClose: (done: boolean) => void }) {
  if (open.kind === 'offer') return <OfferModal match={open.match} onClose={onClose} />;
  if (open.kind === 'disburse') return <DisburseModal match={open.match} onClose={onClose} />;
  return <DeclineModal match={open.match} onClose={onClose} />;
}

type Row = BankMatch & { deadline: number };
type Opened = { kind: 'offer' | 'disburse' | 'decline'; match: BankMatch };

function InboxTable({
  rows,
  filter,
  now,
  onInterested,
  onOpen,
}: {
  rows: Row[];
  filter: Filter;
  now: number;
  onInterested: (m: BankMatch) => void;
  onOpen: (o: Opened) => void;
}) {
  return (
    <ListTable
      rows={rows}
      scrollX={900}
      pageSize={20}
      locale={{ emptyText: filter === 'todo' ? '暂无待处理的匹配' : '暂无匹配' }}
      expandable={{ expandedRowRender: (m) => <Reasons reasons={m.reasons} /> }}
      columns={[
        {
          title: '企业',
          render: (_, m) => (
            <Space direction="vertical" size={0}>
              <strong>{m.demand.enterprise.name}</strong>
              <Space size={4} wrap>
                <Tag>{TIER[m.demand.enterprise.tier]}</Tag>
                {m.demand.enterprise.whitelisted && <Tag color="green">白名单</Tag>}
              </Space>
            </Space>
          ),
        },
        { title: '产品', render: (_, m) => m.product.name },
        {
          title: '需求',
          render: (_, m) =>
            `${wan(m.demand.amount)} / ${m.demand.termMonths}个月 / ${PURPOSE[m.demand.purpose]} / ${COLLATERAL[m.demand.collateral]}`,
        },
        { title: '匹配度', render: (_, m) => m.score.toFixed(1) },
        { title: '状态', render: (_, m) => <StatusTag value={m.status} labels={MATCH_STATUS} colors={MATCH_STATUS_COLOR} /> },
        { title: '响应时限', render: (_, m) => (m.status === 'PROPOSED' ? <Countdown deadline={m.deadline} now={now} /> : '—') },
        { title: '操作', render: (_, m) => <MatchActions m={m} onInterested={onInterested} onOpen={onOpen} /> },
      ]}
    />
  );
}

/** What the bank can do next with a match: respond, offer, or disburse. */
function MatchActions({ m, onInterested, onOpen }: { m: BankMatch; onInterested: (m: BankMatch) => void; onOpen: (o: Opened) => void }) {
  return (
    <Space wrap>
      {m.status === 'PROPOSED' && (
        <>
          <Button size="small" type="primary" onClick={() => onInterested(m)}>
            有意向
          </Button>
          <Button size="small" onClick={() => onOpen({ kind: 'decline', match: m })}>
            婉拒
          </Button>
        </>
      )}
      {m.status === 'INTERESTED' && (
        <Button size="small" type="primary" onClick={() => onOpen({ kind: 'offer', match: m })}>
          出具报价
        </Button>
      )}
      {m.status === 'OFFERED' && m.offer && <span>已报 {pct(m.offer.annualRate)}</span>}
      {m.status === 'ACCEPTED' && (
        <Button size="small" type="primary" onClick={() => onOpen({ kind: 'disburse', match: m })}>
          放款
        </Button>
      )}
    </Space>
  );
}

function OfferModal({ match, onClose }: { match: BankMatch; onClose: (done: boolean) => void }) {
  const cap = eligibilityCap(match);
  const { form, run, dialog } = useDialogForm<{ amount: number; annualRate: number; termMonths: number; conditions?: string }>(onClose);
  return (
    <FormModal {...dialog} title="出具报价" okText="发送报价" destroyOnClose before={<OfferBasis match={match} cap={cap} />}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          amount: Math.min(match.demand.amount, cap),
          annualRate: match.product.annualRateMin,
          termMonths: match.demand.termMonths,
        }}
        onFinish={(v) =>
          run(() => request(MakeOfferDocument, { matchId: match.id, input: { ...v, conditions: v.conditions || null } }), {
            success: '报价已发送给企业',
          })
        }
      >
        <NumberItem
          label="报价金额（元）"
          name="amount"
          extra={`不超过可贷上限 ${yuan(cap)}`}
          required="请输入金额"
          range={{ type: 'integer', min: 1, max: cap, message: `金额须为 1 至 ${cap} 元的整数` }}
          precision={0}
        />
        <NumberItem
          label="年利率（%）"
          name="annualRate"
          required="请输入利率"
          range={{ type: 'number', min: 0.01, max: 36, message: '利率须大于 0 且不超过 36%' }}
          step={0.05}
        />
        <TermMonthsItem />
        <TextAreaItem label="附加条件" name="conditions" />
      </Form>
    </FormModal>
  );
}

/** What the offer rests on: the request, the eligibility cap (with the R&D uplift) and the product's rate range. */
function OfferBasis({ match, cap }: { match: BankMatch; cap: number }) {
  return (
    <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
      <Descriptions.Item label="企业">{match.demand.enterprise.name}</Descriptions.Item>
      <Descriptions.Item label="申请金额">{yuan(match.demand.amount)}</Descriptions.Item>
      <Descriptions.Item label="可贷上限（准入额度）">
        <strong data-testid="eligibility-cap">{yuan(cap)}</strong>
        {cap > match.product.maxAmount && (
          <Tag color="purple" style={{ marginLeft: 8 }}>
            研发加计扣除增信
          </Tag>
        )}
      </Descriptions.Item>
      <Descriptions.Item label="产品利率区间">
        {pct(match.product.annualRateMin)} – {pct(match.product.annualRateMax)}
      </Descriptions.Item>
    </Descriptions>
  );
}

function DeclineModal({ match, onClose }: { match: BankMatch; onClose: (done: boolean) => void }) {
  const { form, run, dialog } = useDialogForm<{ reason?: string }>(onClose);
  return (
    <FormModal {...dialog} title={`婉拒 ${match.demand.enterprise.name}`} okText="确认婉拒" okButtonProps={{ danger: true }}>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          run(() => request(RespondToMatchDocument, { matchId: match.id, interested: false, reason: v.reason || null }), {
            success: '已婉拒',
          })
        }
      >
        <TextAreaItem label="婉拒原因" name="reason" rows={3} />
      </Form>
    </FormModal>
  );
}

function DisburseModal({ match, onClose }: { match: BankMatch; onClose: (done: boolean) => void }) {
  const { form, run, dialog } = useDialogForm<{ disbursedAt: string; repaymentMethod: RepaymentMethod }>(onClose);
  return (
    <FormModal
      {...dialog}
      title="放款"
      okText="确认放款"
      before={
        <Typography.Paragraph>
          {match.demand.enterprise.name}：
          {match.offer ? `${yuan(match.offer.amount)}，年利率 ${pct(match.offer.annualRate)}，${match.offer.termMonths} 个月` : ''}
        </Typography.Paragraph>
      }
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ disbursedAt: beijingToday(), repaymentMethod: 'EQUAL_INSTALLMENT' }}
        onFinish={(v) =>
          run(
            () =>
              request(DisburseLoanDocument, {
                matchId: match.id,
                input: { disbursedAt: new Date(`${v.disbursedAt}T10:00:00+08:00`).toISOString(), repaymentMethod: v.repaymentMethod },
              }),
            { success: '已放款，还款计划已生成' },
          )
        }
      >
        <Form.Item label="放款日期" name="disbursedAt" rules={[{ required: true, message: '请选择日期' }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item label="还款方式" name="repaymentMethod" rules={[{ required: true }]}>
          <Select options={options(REPAYMENT)} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
