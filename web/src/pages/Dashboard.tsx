// 监测看板 (finance centre): pipeline funnel, disbursed by tier and by bank, guarantee fee rate against
// the target over time, SLA breaches, relief requests, plan targets vs actuals; exports (CSV / Excel).
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, DatePicker, Radio, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { downloadExport, request, requestOptional } from '../api';
import { Chart, type ChartOption } from '../components/Chart';
import { DashboardDocument, type DashboardQuery } from '../gql/generated';
import { Loadable } from '../components';
import { useLoad, useSubmit } from '../hooks';
import { LISTING_STAGE, RELIEF_KIND, STAGES, TIER, pct, wan } from '../labels';
import { useSession } from '../session';

interface PlanTarget {
  key: string;
  name: string;
  target: number;
  actual: number | null;
  unit: string;
  comparison: string;
  due: string | null;
  met: boolean | null;
}

/** The last six calendar months (for the fee-rate trend), oldest first. */
function lastMonths(n = 6) {
  const out: { label: string; from: string; to: string }[] = [];
  const now = new Date();
  for (let i = n - 1; i >= 0; i--) {
    const from = new Date(now.getFullYear(), now.getMonth() - i, 1);
    const to = new Date(now.getFullYear(), now.getMonth() - i + 1, 1);
    out.push({
      label: `${from.getFullYear()}-${String(from.getMonth() + 1).padStart(2, '0')}`,
      from: from.toISOString(),
      to: to.toISOString(),
    });
  }
  return out;
}

async function loadDashboard() {
  const months = lastMonths();
  const [all, trend, plan] = await Promise.all([
    request(DashboardDocument, {}),
    Promise.all(
      months.map((m) =>
        request(DashboardDocument, { from: m.from, to: m.to }).then((d) => ({ label: m.label, rate: d.dashboard.averageGuaranteeFeeRate })),
      ),
    ),
    // planTargets is a field the gateway adds beyond the contract: shown when present.
    requestOptional<{ dashboard: { planTargets: PlanTarget[] } }>(
      '{ dashboard { planTargets { key name target actual unit comparison due met } } }',
    ),
  ]);
  return { d: all.dashboard, trend, plan: plan?.dashboard.planTargets ?? null };
}

/** A bar chart over named categories. */
const bar = (names: string[], series: { name: string; data: number[]; stack?: string }[], unit = ''): ChartOption => ({
  tooltip: { trigger: 'axis' },
  legend: { top: 0 },
  grid: { left: 8, right: 16, bottom: 8, top: 32, containLabel: true },
  xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 4 ? 30 : 0 } },
  yAxis: { type: 'value', name: unit },
  series: series.map((s) => ({ type: 'bar', ...s })),
});

/** 融资对接漏斗: demands posted → matched → offered → on loan. */
function funnel(d: DashboardQuery['dashboard']): ChartOption {
  const offered = d.byBank.reduce((n, b) => n + b.offers, 0);
  return {
    tooltip: { trigger: 'item', formatter: '{b}：{c}' },
    series: [
      {
        type: 'funnel',
        left: '10%',
        width: '80%',
        sort: 'descending',
        label: { formatter: '{b}\n{c}' },
        data: [
          { name: '发布需求', value: d.demandsPosted },
          { name: '匹配成功', value: d.demandsMatched },
          { name: '银行报价', value: offered },
          { name: '在贷', value: d.loansActive + d.loansOverdue },
        ],
      },
    ],
  };
}

/** 担保费率走势: the average fee rate by month against the target. */
function feeTrend(d: DashboardQuery['dashboard'], trend: { label: string; rate?: number | null }[]): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 24, bottom: 8, top: 32, containLabel: true },
    xAxis: { type: 'category', data: trend.map((t) => t.label) },
    yAxis: { type: 'value', name: '%', min: 0 },
    series: [
      {
        type: 'line',
        name: '平均担保费率',
        data: trend.map((t) => t.rate),
        connectNulls: true,
        markLine: {
          silent: true,
          symbol: 'none',
          data: [{ yAxis: d.guaranteeFeeRateTarget, name: '目标' }],
          label: { formatter: `目标 ${d.guaranteeFeeRateTarget}%` },
        },
      },
    ],
  };
}

function charts(d: DashboardQuery['dashboard'], trend: { label: string; rate?: number | null }[]): Record<string, ChartOption> {
  return {
    funnel: funnel(d),
    tier: bar(
      d.byTier.map((t) => TIER[t.tier]),
      [{ name: '放款金额（万元）', data: d.byTier.map((t) => Math.round(t.amountDisbursed / 10_000)) }],
      '万元',
    ),
    bank: bar(
      d.byBank.map((b) => b.bank.name),
      [{ name: '放款金额（万元）', data: d.byBank.map((b) => Math.round(b.amountDisbursed / 10_000)) }],
      '万元',
    ),
    fee: feeTrend(d, trend),
    sla: bar(
      d.banksOverSla.map((b) => b.bank.name),
      [{ name: '超时未响应匹配', data: d.banksOverSla.map((b) => b.overdueMatches) }],
      '笔',
    ),
    relief: bar(
      d.reliefRequests.map((r) => RELIEF_KIND[r.kind]),
      [
        { name: '审批中', data: d.reliefRequests.map((r) => r.pending), stack: 'r' },
        { name: '已批准', data: d.reliefRequests.map((r) => r.approved), stack: 'r' },
        { name: '未批准', data: d.reliefRequests.map((r) => r.declined), stack: 'r' },
      ],
      '笔',
    ),
  };
}

/** The monitor's exports (services/monitor README "Exports"), by the name of their file. */
const EXPORTS = [
  { name: 'matches', label: '银企对接明细' },
  { name: 'loans', label: '贷款明细' },
  { name: 'guarantees', label: '担保需求' },
  { name: 'listing', label: '上市后备企业' },
  { name: 'bonds', label: '债券融资项目储备' },
] as const;

/**
 * 数据导出: a range of Beijing dates (both days included; none = all time), CSV or Excel, then one
 * button per export. The server filters and writes the file; the browser only saves it.
 */
function ExportPanel() {
  const { run, running } = useSubmit({ errors: 'toast' });
  const [range, setRange] = useState<[string, string] | null>(null);
  const [format, setFormat] = useState<'xlsx' | 'csv'>('xlsx');
  const download = (name: string, label: string) => {
    const q = new URLSearchParams(range ? { from: range[0], to: range[1] } : {});
    const span = range ? `${range[0]}至${range[1]}` : '全部';
    return run(() => downloadExport(`/export/${name}.${format}${range ? `?${q}` : ''}`, `${label}（${span}）.${format}`), { key: name });
  };
  return (
    <Card size="small" title="数据导出">
      <Space wrap>
        <DatePicker.RangePicker
          aria-label="导出日期范围"
          placeholder={['开始日期', '结束日期']}
          onChange={(_, [from, to]) => setRange(from && to ? [from, to] : null)}
        />
        <Radio.Group value={format} onChange={(e) => setFormat(e.target.value as 'xlsx' | 'csv')}>
          <Radio.Button value="xlsx">Excel</Radio.Button>
          <Radio.Button value="csv">CSV</Radio.Button>
        </Radio.Group>
        {EXPORTS.map((x) => (
          <Button key={x.name} icon={<DownloadOutlined />} loading={running === x.name} onClick={() => download(x.name, x.label)}>
            导出{x.label}
          </Button>
        ))}
      </Space>
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
        日期按北京时间，含起止两天；不选日期即导出全部。表头、状态均为中文，时间为北京时间。
      </Typography.Paragraph>
    </Card>
  );
}

export function Dashboard() {
  const state = useLoad(loadDashboard, []);
  const opts = useMemo(() => (state.data ? charts(state.data.d, state.data.trend) : null), [state.data]);
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          区金融发展事务中心 · 监测看板
        </Typography.Title>
        <Space wrap>
          <Button icon={<ReloadOutlined />} onClick={state.reload} loading={state.loading}>
            刷新
          </Button>
        </Space>
      </Space>
      <ExportPanel />
      <Loadable state={state}>
        {({ d, plan }) => (
          <>
            <KeyFigures d={d} />
            <ChartGrid d={d} opts={opts!} />
            <CapitalMarkets d={d} />
            {plan && <PlanTargets plan={plan} />}
          </>
        )}
      </Loadable>
    </Space>
  );
}

type Figures = DashboardQuery['dashboard'];

function KeyFigures({ d }: { d: Figures }) {
  return (
    <Row gutter={[16, 16]}>
      {[
        { t: '发布需求', v: d.demandsPosted, s: '笔' },
        { t: '匹配率', v: pct(d.matchRate * (d.matchRate <= 1 ? 100 : 1), 1) },
        { t: '申请金额', v: wan(d.amountRequested) },
        { t: '放款金额', v: wan(d.amountDisbursed) },
        { t: '平均担保费率', v: pct(d.averageGuaranteeFeeRate) },
        { t: '在贷 / 逾期', v: `${d.loansActive} / ${d.loansOverdue}` },
        { t: '首次匹配中位时长', v: d.medianHoursToFirstMatch == null ? '—' : `${d.medianHoursToFirstMatch.toFixed(1)} 小时` },
        { t: '政府风险敞口', v: wan(d.governmentRiskExposure) },
      ].map((k) => (
        <Col xs={12} md={6} key={k.t}>
          <Card size="small">
            <Statistic title={k.t} value={k.v} suffix={k.s} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

function ChartGrid({ d, opts }: { d: Figures; opts: Record<string, ChartOption> }) {
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <Card size="small" title="融资对接漏斗">
          <Chart option={opts.funnel!} label="融资对接漏斗" testId="chart-funnel" />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card size="small" title={`担保费率走势（目标 ${pct(d.guaranteeFeeRateTarget)}）`}>
          <Chart option={opts.fee!} label="担保费率与目标" testId="chart-fee" />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card size="small" title="按企业梯度放款">
          <Chart option={opts.tier!} label="按企业梯度放款" testId="chart-tier" />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card size="small" title="按银行放款">
          <Chart option={opts.bank!} label="按银行放款" testId="chart-bank" />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card size="small" title="银行超时响应（SLA）">
          {d.banksOverSla.length === 0 ? (
            <Typography.Text type="success">所有银行均在时限内响应</Typography.Text>
          ) : (
            <Chart option={opts.sla!} label="银行超时响应" testId="chart-sla" />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card size="small" title="纾困申请">
          <Chart option={opts.relief!} label="纾困申请" testId="chart-relief" />
        </Card>
      </Col>
    </Row>
  );
}

/** 资本市场: listing pipeline, equity rounds, bond reserve and roadshow leads. */
function CapitalMarkets({ d }: { d: Figures }) {
  const { navigate } = useSession();
  return (
    <Card
      size="small"
      title="资本市场（上市培育 · 股权 · 债券 · 路演）"
      extra={
        <Button type="link" size="small" onClick={() => navigate('/finance/listing')}>
          上市培育看板
        </Button>
      }
    >
      <Row gutter={[16, 16]}>
        {[
          { t: '上市培育企业', v: d.listingByStage.reduce((n, s) => n + s.count, 0), s: '家' },
          { t: '融资中的股权轮次', v: d.equityRoundsOpen, s: '轮' },
          { t: '债券融资项目储备', v: wan(d.bondReserveAmount) },
          { t: '路演对接线索', v: d.roadshowLeads, s: '条' },
        ].map((k) => (
          <Col xs={12} md={6} key={k.t}>
            <Statistic title={k.t} value={k.v} suffix={k.s} />
          </Col>
        ))}
      </Row>
      <Space wrap style={{ marginTop: 12 }} data-testid="listing-by-stage">
        {STAGES.map((stage) => (
          <Tag key={stage}>
            {LISTING_STAGE[stage]} {d.listingByStage.find((s) => s.stage === stage)?.count ?? 0}
          </Tag>
        ))}
      </Space>
    </Card>
  );
}

function PlanTargets({ plan }: { plan: PlanTarget[] }) {
  return (
    <Card size="small" title="规划目标与完成情况">
      <Table
        rowKey="key"
        size="small"
        pagination={false}
        scroll={{ x: 560 }}
        dataSource={plan}
        columns={[
          { title: '指标', dataIndex: 'name' },
          {
            title: '目标',
            render: (_, p) =>
              `${p.comparison === 'AT_LEAST' ? '≥' : p.comparison === 'AT_MOST' ? '≤' : '<'} ${p.target.toLocaleString('zh-CN')} ${p.unit}`,
          },
          {
            title: '实际',
            render: (_, p) => (p.actual == null ? '—' : `${p.actual.toLocaleString('zh-CN', { maximumFractionDigits: 2 })} ${p.unit}`),
          },
          { title: '期限', render: (_, p) => p.due ?? '—' },
          {
            title: '状态',
            render: (_, p) => (p.met == null ? <Tag>待测</Tag> : p.met ? <Tag color="green">达标</Tag> : <Tag color="orange">未达标</Tag>),
          },
        ]}
      />
    </Card>
  );
}
