// 需求详情: the demand's matches ranked by score with every rule's pass/fail reason (live as banks
// respond), the offers compared by all-in annual rate, and accepting one.
import { Alert, App, Button, Card, Descriptions, Progress, Space, Tag } from 'antd';
import { useRef } from 'react';
import { request } from '../api';
import { AcceptOfferDocument, DemandDetailDocument, WithdrawDemandDocument, type DemandDetailQuery } from '../gql/generated';
import { ConfirmButton, ListTable, Loadable, Reasons, StatusTag } from '../components';
import { useLoad, useSubmit } from '../hooks';
import {
  COLLATERAL,
  DEMAND_STATUS,
  MATCH_EVENT,
  MATCH_STATUS,
  MATCH_STATUS_COLOR,
  POLICY_TAG,
  PURPOSE,
  dateTimeText,
  pct,
  wan,
} from '../labels';
import { LiveBadge, useMatchEvents } from '../live';
import { useSession } from '../session';

type Demand = NonNullable<DemandDetailQuery['demand']>;
type DemandMatch = Demand['matches'][number];

export function DemandDetail({ id }: { id: string }) {
  const state = useLoad(() => request(DemandDetailDocument, { id }), [id]);
  const { notification } = App.useApp();
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const connected = useMatchEvents((e) => {
    const mine = state.data?.demand?.matches.some((m) => m.id === e.match.id) ?? false;
    if (mine || e.type === 'PROPOSED') {
      if (mine)
        notification.info({
          message: MATCH_EVENT[e.type],
          description: `匹配状态：${MATCH_STATUS[e.match.status]}`,
          placement: 'bottomRight',
          duration: 3,
        });
      clearTimeout(timer.current);
      timer.current = setTimeout(state.reload, 200);
    }
  });

  return (
    <Loadable state={state} empty={(d) => !d.demand} emptyText="需求不存在">
      {(d) => {
        const demand = d.demand!;
        const matches = [...demand.matches].sort((a, b) => b.score - a.score);
        const offers = matches
          .filter((m) => m.offer && (m.status === 'OFFERED' || m.status === 'ACCEPTED' || m.status === 'FUNDED'))
          .sort((a, b) => a.offer!.allInAnnualRate - b.offer!.allInAnnualRate);
        const accepted = matches.find((m) => m.status === 'ACCEPTED' || m.status === 'FUNDED');
        return (
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <DemandSummary demand={demand} connected={connected} onChange={state.reload} />
            <OfferComparison demand={demand} offers={offers} accepted={accepted} onChange={state.reload} />
            <MatchResults matches={matches} />
          </Space>
        );
      }}
    </Loadable>
  );
}

function DemandSummary({ demand, connected, onChange }: { demand: Demand; connected: boolean; onChange: () => void }) {
  const { navigate } = useSession();
  const { run } = useSubmit({ errors: 'toast', onDone: onChange });
  const withdraw = () => run(() => request(WithdrawDemandDocument, { id: demand.id }), { success: '需求已撤回' });
  return (
    <Card
      title={
        <Space wrap>
          <Button type="link" onClick={() => navigate('/enterprise/demands')} style={{ padding: 0 }}>
            ← 融资需求
          </Button>
          <span>需求详情</span>
          <Tag color="blue" data-testid="demand-status">
            {DEMAND_STATUS[demand.status]}
          </Tag>
        </Space>
      }
      extra={
        <Space wrap>
          <LiveBadge connected={connected} />
          {(demand.status === 'OPEN' || demand.status === 'MATCHED' || demand.status === 'OFFERED') && (
            <ConfirmButton title="确定撤回该融资需求？" onConfirm={withdraw} okText="撤回" danger>
              撤回需求
            </ConfirmButton>
          )}
        </Space>
      }
    >
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }}>
        <Descriptions.Item label="金额">{wan(demand.amount)}</Descriptions.Item>
        <Descriptions.Item label="期限">{demand.termMonths} 个月</Descriptions.Item>
        <Descriptions.Item label="用途">{PURPOSE[demand.purpose]}</Descriptions.Item>
        <Descriptions.Item label="担保方式">{COLLATERAL[demand.collateral]}</Descriptions.Item>
        <Descriptions.Item label="最高年化">{pct(demand.maxAnnualRate)}</Descriptions.Item>
        <Descriptions.Item label="需要担保">{demand.needsGuarantee ? '是' : '否'}</Descriptions.Item>
        <Descriptions.Item label="发布时间">{dateTimeText(demand.createdAt)}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

/** The offers side by side, cheapest all-in rate first; accepting one is final. */
function OfferComparison({
  demand,
  offers,
  accepted,
  onChange,
}: {
  demand: Demand;
  offers: DemandMatch[];
  accepted: DemandMatch | undefined;
  onChange: () => void;
}) {
  const { navigate } = useSession();
  return (
    <Card title="报价比较（按综合年化成本，含担保费）">
      {offers.length === 0 ? (
        <Alert type="info" message="暂无银行报价。银行出具报价后将实时显示在这里。" />
      ) : (
        <OfferTable offers={offers} accepted={accepted} onChange={onChange} />
      )}
      {accepted?.status === 'ACCEPTED' && (demand.needsGuarantee || demand.collateral === 'GUARANTEE') && (
        <Alert
          style={{ marginTop: 12 }}
          type="warning"
          showIcon
          message="该笔融资需要担保：请到“担保询价”选择担保机构报价后，银行方可放款。"
          action={
            <Button size="small" onClick={() => navigate('/enterprise/guarantees')}>
              去选择
            </Button>
          }
        />
      )}
    </Card>
  );
}

function OfferTable({ offers, accepted, onChange }: { offers: DemandMatch[]; accepted: DemandMatch | undefined; onChange: () => void }) {
  const { running, run } = useSubmit({ errors: 'toast', onDone: onChange });
  const accept = (m: DemandMatch) =>
    run(() => request(AcceptOfferDocument, { matchId: m.id }), { key: m.id, success: `已接受 ${m.bank.name} 的报价` });
  return (
    <ListTable
      rows={offers}
      scrollX={640}
      data-testid="offers"
      columns={[
        { title: '银行', render: (_, m) => m.bank.name },
        { title: '产品', render: (_, m) => m.product.name },
        { title: '金额', render: (_, m) => wan(m.offer!.amount) },
        { title: '期限', render: (_, m) => `${m.offer!.termMonths} 个月` },
        { title: '贷款利率', render: (_, m) => pct(m.offer!.annualRate) },
        {
          title: '综合年化',
          render: (_, m) => (
            <Space>
              <strong>{pct(m.offer!.allInAnnualRate)}</strong>
              {m.id === offers[0]!.id && <Tag color="green">最低</Tag>}
            </Space>
          ),
        },
        { title: '条件', render: (_, m) => m.offer!.conditions ?? '—' },
        {
          title: '操作',
          render: (_, m) =>
            m.status === 'OFFERED' && !accepted ? (
              <ConfirmButton
                title={`接受 ${m.bank.name} 的报价？其他报价将不再保留。`}
                onConfirm={() => accept(m)}
                okText="接受"
                type="primary"
                loading={running === m.id}
              >
                接受报价
              </ConfirmButton>
            ) : (
              <StatusTag value={m.status} labels={MATCH_STATUS} colors={MATCH_STATUS_COLOR} />
            ),
        },
      ]}
    />
  );
}

function MatchResults({ matches }: { matches: DemandMatch[] }) {
  return (
    <Card title={`匹配结果（${matches.length}）`}>
      {matches.length === 0 ? (
        <Alert type="info" message="正在匹配中，暂无符合条件的金融产品。新产品上架或银行响应后将实时更新。" />
      ) : (
        <ListTable
          rows={matches}
          scrollX={640}
          data-testid="matches"
          expandable={{
            defaultExpandAllRows: true,
            expandedRowRender: (m) => <Reasons reasons={m.reasons} />,
            rowExpandable: (m) => m.reasons.length > 0,
          }}
          columns={[
            { title: '排名', render: (_, __, i) => i + 1, width: 60 },
            { title: '银行', render: (_, m) => m.bank.name },
            {
              title: '产品',
              render: (_, m) => (
                <Space wrap size={4}>
                  {m.product.name}
                  {m.product.policyTags.map((t) => (
                    <Tag key={t} color="red">
                      {POLICY_TAG[t]}
                    </Tag>
                  ))}
                </Space>
              ),
            },
            {
              title: '匹配度',
              render: (_, m) => <Progress percent={Math.round(m.score)} size="small" style={{ minWidth: 100 }} />,
            },
            {
              title: '规则',
              render: (_, m) => {
                const failed = m.reasons.filter((r) => !r.passed).length;
                return failed ? <Tag color="red">{failed} 项未通过</Tag> : <Tag color="green">全部通过</Tag>;
              },
            },
            {
              title: '状态',
              render: (_, m) => (
                <StatusTag value={m.status} labels={MATCH_STATUS} colors={MATCH_STATUS_COLOR} testId={`match-status-${m.id}`} />
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}
