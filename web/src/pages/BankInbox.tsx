// 对接待办 (bank officer): the match inbox sorted by SLA deadline with a countdown; respond, offer
// (showing the eligibility cap) and disburse.
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
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
import { Loadable, Reasons, SearchBox, TermMonthsItem } from '../components';
import { SearchBankMatchesDocument } from '../graphql/search';
import { useLoad, useNow, useSubmit } from '../hooks';
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
        `{ bankMatches(first: 100, enterpriseName: ${JSON.stringify(enterpriseName)}${after ? `, after: ${JSON.stringify(after)}` : ''}) { edges { node { id responseDeadline } } } }`,
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

export function BankInbox() {
  const [search, setSearch] = useState('');
  const state = useLoad(() => loadAll(search), [search]);
  const now = useNow(1000);
  const [filter, setFilter] = useState<'todo' | 'all'>('todo');
  const [open, setOpen] = useState<Opened | null>(null);
  const { message } = App.useApp();
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const connected = useMatchEvents(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(state.reload, 200);
  });

  const { run } = useSubmit({ errors: 'toast' });
  const interested = (m: BankMatch) =>
    run(async () => {
      await request(RespondToMatchDocument, { matchId: m.id, interested: true, reason: null });
      message.success('已表示意向，请出具报价');
      state.reload();
    });

  const rows = useMemo(() => {
    if (!state.data) return [];
    const sla = state.data.slaHours * 3_600_000;
    return state.data.matches
      .filter((m) => filter === 'all' || ACTIONABLE.has(m.status))
      .map((m) => ({ ...m, deadline: state.data!.deadlines.get(m.id) ?? Date.parse(m.createdAt) + sla }))
      .sort((a, b) => Number(b.status === 'PROPOSED') - Number(a.status === 'PROPOSED') || a.deadline - b.deadline);
  }, [state.data, filter]);

  return (
    <Card
      title="对接待办（按响应时限排序）"
      extra={
        <Space wrap>
          <SearchBox placeholder="按企业名称搜索" onSearch={setSearch} />
          <LiveBadge connected={connected} />
          <Segmented
            aria-label="筛选"
            value={filter}
            onChange={(v) => setFilter(v as 'todo' | 'all')}
            options={[
              { label: '待处理', value: 'todo' },
              { label: '全部', value: 'all' },
            ]}
          />
        </Space>
      }
    >
      <Loadable state={state}>
        {(d) => (
          <>
            <Alert type="info" showIcon style={{ marginBottom: 12 }} message={`区金融发展事务中心要求：${slaText(d)}`} />
            <InboxTable rows={rows} filter={filter} now={now} onInterested={interested} onOpen={setOpen} />
          </>
        )}
      </Loadable>
      {open?.kind === 'offer' && <OfferModal match={open.match} onClose={(done) => (setOpen(null), done && state.reload())} />}
      {open?.kind === 'disburse' && <DisburseModal match={open.match} onClose={(done) => (setOpen(null), done && state.reload())} />}
      {open?.kind === 'decline' && <DeclineModal match={open.match} onClose={(done) => (setOpen(null), done && state.reload())} />}
    </Card>
  );
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
  filter: 'todo' | 'all';
  now: number;
  onInterested: (m: BankMatch) => void;
  onOpen: (o: Opened) => void;
}) {
  return (
    <Table
      rowKey="id"
      size="small"
      scroll={{ x: 900 }}
      dataSource={rows}
      locale={{ emptyText: filter === 'todo' ? '暂无待处理的匹配' : '暂无匹配' }}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
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
        { title: '状态', render: (_, m) => <Tag color={MATCH_STATUS_COLOR[m.status]}>{MATCH_STATUS[m.status]}</Tag> },
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
  const [form] = Form.useForm<{ amount: number; annualRate: number; termMonths: number; conditions?: string }>();
  const { busy, error, run } = useSubmit({ onDone: () => onClose(true) });
  return (
    <Modal
      open
      title="出具报价"
      okText="发送报价"
      cancelText="取消"
      onCancel={() => onClose(false)}
      onOk={() => form.submit()}
      confirmLoading={busy}
      destroyOnClose
    >
      <OfferBasis match={match} cap={cap} />
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} role="alert" />}
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
        <Form.Item
          label="报价金额（元）"
          name="amount"
          extra={`不超过可贷上限 ${yuan(cap)}`}
          rules={[
            { required: true, message: '请输入金额' },
            { type: 'integer', min: 1, max: cap, message: `金额须为 1 至 ${cap} 元的整数` },
          ]}
        >
          <InputNumber style={{ width: '100%' }} precision={0} />
        </Form.Item>
        <Form.Item
          label="年利率（%）"
          name="annualRate"
          rules={[
            { required: true, message: '请输入利率' },
            { type: 'number', min: 0.01, max: 36, message: '利率须大于 0 且不超过 36%' },
          ]}
        >
          <InputNumber style={{ width: '100%' }} step={0.05} />
        </Form.Item>
        <TermMonthsItem />
        <Form.Item label="附加条件" name="conditions" rules={[{ max: 2000, message: '不超过 2000 字' }]}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
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
  const [form] = Form.useForm<{ reason?: string }>();
  const { busy, error, run } = useSubmit({ onDone: () => onClose(true) });
  return (
    <Modal
      open
      title={`婉拒 ${match.demand.enterprise.name}`}
      okText="确认婉拒"
      cancelText="取消"
      okButtonProps={{ danger: true }}
      onCancel={() => onClose(false)}
      onOk={() => form.submit()}
      confirmLoading={busy}
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} role="alert" />}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          run(() => request(RespondToMatchDocument, { matchId: match.id, interested: false, reason: v.reason || null }), {
            success: '已婉拒',
          })
        }
      >
        <Form.Item label="婉拒原因" name="reason" rules={[{ max: 2000, message: '不超过 2000 字' }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function DisburseModal({ match, onClose }: { match: BankMatch; onClose: (done: boolean) => void }) {
  const [form] = Form.useForm<{ disbursedAt: string; repaymentMethod: RepaymentMethod }>();
  const { busy, error, run } = useSubmit({ onDone: () => onClose(true) });
  return (
    <Modal
      open
      title="放款"
      okText="确认放款"
      cancelText="取消"
      onCancel={() => onClose(false)}
      onOk={() => form.submit()}
      confirmLoading={busy}
    >
      <Typography.Paragraph>
        {match.demand.enterprise.name}：
        {match.offer ? `${yuan(match.offer.amount)}，年利率 ${pct(match.offer.annualRate)}，${match.offer.termMonths} 个月` : ''}
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} role="alert" />}
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
    </Modal>
  );
}
