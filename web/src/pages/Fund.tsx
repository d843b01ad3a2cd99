// 基金机构 (fund officer): its investment mandates (投资方向, publish one) and the equity rounds matched to
// them (项目匹配) with every rule's reason; answer a match with interest or a decline.
import { Button, Card, Col, Form, Progress, Row, Select, Space, Tag, Typography, type FormRule } from 'antd';
import { request, requestOptional } from '../api';
import {
  FundMatchesDocument,
  PublishFundMandateDocument,
  RespondToFundMatchDocument,
  type EnterpriseTier,
  type FundMandateInput,
  type FundMatchesQuery,
  type ListingStage,
} from '../gql/generated';
import {
  AMOUNT_MAX,
  CardRow,
  ConfirmButton,
  ListTable,
  Loadable,
  NumberItem,
  Reasons,
  RefreshButton,
  StatusTag,
  TextItem,
} from '../components';
import { useFormSubmit, useLoad, useSubmit } from '../hooks';
import { FUND_MATCH_STATUS, LISTING_STAGE, TIER, TIER_COLOR, options, wan } from '../labels';

type FundMatch = FundMatchesQuery['fundMatches']['edges'][number]['node'];
interface RoundEnterprise {
  id: string;
  name: string;
  tier: EnterpriseTier;
  industry: string;
}
interface Mandate {
  id: string;
  name: string;
  minTicket: number;
  maxTicket: number;
  eligibleTiers: EnterpriseTier[];
  industries: string[];
  stages: ListingStage[];
}

/**
 * The fund's matches, with each round's enterprise where the gateway gives it: the contract's prose lists
 * round { enterprise { id name } } but its SDL's EquityRound has no such field, so it is asked beside the
 * typed query and the page works without it.
 */
async function loadMatches() {
  const [typed, extra] = await Promise.all([
    request(FundMatchesDocument, {}),
    requestOptional<{ fundMatches: { edges: { node: { id: string; round: { enterprise: RoundEnterprise } } }[] } }>(
      '{ fundMatches(first: 100) { edges { node { id round { enterprise { id name tier industry } } } } } }',
    ),
  ]);
  const enterprises = new Map((extra?.fundMatches.edges ?? []).map((e) => [e.node.id, e.node.round.enterprise]));
  return { matches: typed.fundMatches.edges.map((e) => e.node), total: typed.fundMatches.totalCount, enterprises };
}

export function FundMatches() {
  const state = useLoad(loadMatches, []);
  return (
    <Card title="项目匹配" extra={<RefreshButton state={state} />}>
      <Loadable
        state={state}
        empty={(d) => d.matches.length === 0}
        emptyText="暂无匹配项目：发布投资方向后，符合条件的企业股权融资会出现在这里"
      >
        {({ matches, enterprises }) => <FundMatchTable matches={matches} enterprises={enterprises} onChange={state.reload} />}
      </Loadable>
    </Card>
  );
}

type Loaded = Awaited<ReturnType<typeof loadMatches>>;

function FundMatchTable({ matches, enterprises, onChange }: Omit<Loaded, 'total'> & { onChange: () => void }) {
  const { running, run } = useSubmit({ errors: 'toast', onDone: onChange });
  const respond = (m: FundMatch, interested: boolean, who: string) =>
    run(() => request(RespondToFundMatchDocument, { matchId: m.id, interested, note: null }), {
      key: m.id,
      success: interested ? `已向 ${who} 表达投资意向` : `已婉拒 ${who}`,
    });
  return (
    <ListTable
      rows={matches}
      scrollX={900}
      pageSize={20}
      expandable={{ expandedRowRender: (m) => <Reasons reasons={m.reasons} /> }}
      columns={[
        {
          title: '企业',
          render: (_, m) => {
            const e = enterprises.get(m.id);
            return e ? (
              <Space wrap size={4}>
                {e.name}
                <StatusTag value={e.tier} labels={TIER} colors={TIER_COLOR} />
              </Space>
            ) : (
              <Typography.Text type="secondary">—</Typography.Text>
            );
          },
        },
        { title: '融资金额 / 投前估值', render: (_, m) => `${wan(m.round.amount)} / ${wan(m.round.preMoneyValuation)}` },
        { title: '资金用途', render: (_, m) => <span style={{ whiteSpace: 'normal' }}>{m.round.useOfFunds}</span> },
        { title: '投资方向', render: (_, m) => m.mandate.name },
        { title: '匹配度', render: (_, m) => <Progress percent={Math.round(m.score)} size="small" style={{ minWidth: 80 }} /> },
        {
          title: '状态',
          render: (_, m) => (
            <Tag color={m.status === 'INTERESTED' ? 'blue' : m.status === 'PROPOSED' ? 'processing' : 'default'}>
              {FUND_MATCH_STATUS[m.status] ?? m.status}
            </Tag>
          ),
        },
        {
          title: '操作',
          render: (_, m) => {
            if (m.status !== 'PROPOSED' || m.round.status !== 'OPEN') return null;
            const who = enterprises.get(m.id)?.name ?? '该企业';
            return <RespondButtons who={who} busy={running === m.id} onRespond={(interested) => respond(m, interested, who)} />;
          },
        },
      ]}
    />
  );
}

const MANDATES = '{ myFundMandates { id name minTicket maxTicket eligibleTiers industries stages } }';

/** The fund's mandates (a gateway query beyond the contract), else those its matches name. */
async function loadMandates(): Promise<{ mandates: Mandate[]; complete: boolean }> {
  const own = await requestOptional<{ myFundMandates: Mandate[] }>(MANDATES);
  if (own) return { mandates: own.myFundMandates, complete: true };
  const m = await request(FundMatchesDocument, {});
  const seen = new Map<string, Mandate>();
  for (const { node } of m.fundMatches.edges) seen.set(node.mandate.id, { ...node.mandate, eligibleTiers: [], industries: [], stages: [] });
  return { mandates: [...seen.values()], complete: false };
}

export function FundMandates() {
  const state = useLoad(loadMandates, []);
  return (
    <CardRow
      cards={[
        { title: '发布投资方向', xl: 9, content: <PublishMandateForm onPublished={state.reload} /> },
        {
          title: '本基金投资方向',
          xl: 15,
          content: (
            <Loadable state={state} empty={(d) => d.mandates.length === 0} emptyText="尚未发布投资方向">
              {({ mandates, complete }) => <MandateTable mandates={mandates} complete={complete} />}
            </Loadable>
          ),
        },
      ]}
    />
  );
}

function PublishMandateForm({ onPublished }: { onPublished: () => void }) {
  const { form, busy, run } = useFormSubmit<FundMandateInput>({ errors: 'toast', onDone: onPublished });
  const publish = (v: FundMandateInput) =>
    run(
      () =>
        request(PublishFundMandateDocument, {
          input: {
            ...v,
            name: v.name.trim(),
            eligibleTiers: v.eligibleTiers ?? [],
            industries: v.industries ?? [],
            stages: v.stages ?? [],
          },
        }),
      { success: `投资方向“${v.name.trim()}”已发布，系统正在匹配企业股权融资` },
    );
  return (
    <Form form={form} layout="vertical" onFinish={publish}>
      <TextItem label="方向名称" name="name" required="请输入名称" whitespace max={200} />
      <TicketRangeItems />
      <Form.Item label="企业梯度（不选表示不限）" name="eligibleTiers">
        <Select mode="multiple" options={options(TIER)} />
      </Form.Item>
      <Form.Item label="行业（不填表示不限）" name="industries">
        <Select mode="tags" tokenSeparators={[',', '，']} open={false} suffixIcon={null} placeholder="输入行业后回车" />
      </Form.Item>
      <Form.Item label="上市阶段（不选表示不限）" name="stages">
        <Select mode="multiple" options={options(LISTING_STAGE)} />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={busy}>
        发布投资方向
      </Button>
    </Form>
  );
}

const TICKET: FormRule = { type: 'integer', min: 1, max: AMOUNT_MAX, message: '须为 1 至 2,000,000,000 的整数' };

/** 单笔投资: the smallest and the largest single investment, the largest not below the smallest. */
function TicketRangeItems() {
  return (
    <Row gutter={12}>
      <Col span={12}>
        <NumberItem label="单笔最低（元）" name="minTicket" required="请输入" range={TICKET} precision={0} />
      </Col>
      <Col span={12}>
        <NumberItem
          label="单笔最高（元）"
          name="maxTicket"
          dependencies={['minTicket']}
          required="请输入"
          range={TICKET}
          rules={[
            ({ getFieldValue }) => ({
              validator: async (_, v?: number) => {
                if (v != null && v < (getFieldValue('minTicket') ?? 0)) throw new Error('不得低于单笔最低');
              },
            }),
          ]}
          precision={0}
        />
      </Col>
    </Row>
  );
}

/** The fund's mandates; their criteria only when the gateway serves the fund's own list (`complete`). */
function MandateTable({ mandates, complete }: { mandates: Mandate[]; complete: boolean }) {
  const any = (xs: string[]) => (xs.length ? xs.map((x) => <Tag key={x}>{x}</Tag>) : '不限');
  return (
    <ListTable
      rows={mandates}
      scrollX={640}
      pageSize={20}
      columns={[
        { title: '名称', dataIndex: 'name' },
        { title: '单笔投资', render: (_, m) => `${wan(m.minTicket)} – ${wan(m.maxTicket)}` },
        ...(complete
          ? [
              {
                title: '企业梯度',
                render: (_: unknown, m: Mandate) =>
                  m.eligibleTiers.length
                    ? m.eligibleTiers.map((t) => (
                        <Tag key={t} color={TIER_COLOR[t]}>
                          {TIER[t]}
                        </Tag>
                      ))
                    : '不限',
              },
              { title: '行业', render: (_: unknown, m: Mandate) => any(m.industries) },
              { title: '上市阶段', render: (_: unknown, m: Mandate) => any(m.stages.map((s) => LISTING_STAGE[s])) },
            ]
          : []),
      ]}
    />
  );
}

/** 有意向 / 婉拒 for a proposed match of an open round. */
function RespondButtons({ who, busy, onRespond }: { who: string; busy: boolean; onRespond: (interested: boolean) => Promise<unknown> }) {
  return (
    <Space wrap>
      <Button size="small" type="primary" loading={busy} aria-label={`有意向：${who}`} onClick={() => onRespond(true)}>
        有意向
      </Button>
      <ConfirmButton title={`婉拒 ${who} 的股权融资？`} okText="婉拒" onConfirm={() => onRespond(false)} aria-label={`婉拒：${who}`}>
        婉拒
      </ConfirmButton>
    </Space>
  );
}
