// 股权融资与路演 (enterprise): open an equity round and see the fund mandates it was matched to (every
// rule's reason, the funds' answers); sign up for a training roadshow (培训路演) with a pitch.
import { Button, Card, Col, Descriptions, Form, Modal, Progress, Row, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { request } from '../api';
import {
  JoinRoadshowDocument,
  MyEquityRoundsDocument,
  PostEquityRoundDocument,
  RoadshowsDocument,
  type EquityRoundInput,
  type MyEquityRoundsQuery,
} from '../gql/generated';
import { FinancingAmountItem, ListTable, Loadable, NumberItem, Reasons, TextAreaItem } from '../components';
import { useDialogForm, useFormSubmit, useLoad, usePolling } from '../hooks';
import { EQUITY_STATUS, FUND_MATCH_STATUS, dateTimeText, wan } from '../labels';
import { useSession } from '../session';
import type { RoadshowNode } from './Roadshows';

export function EnterpriseCapital() {
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={14}>
        <EquityRounds />
      </Col>
      <Col xs={24} xl={10}>
        <RoadshowSignUp />
      </Col>
    </Row>
  );
}

function EquityRounds() {
  const state = useLoad(() => request(MyEquityRoundsDocument), []);
  // Matches are made from events a moment after posting, and funds answer later: refresh every 10 s.
  usePolling(state.reload, 10_000);
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card title="发起股权融资">
        <PostEquityRoundForm onPosted={state.reload} />
      </Card>
      <Card title="我的股权融资">
        <Loadable state={state} empty={(d) => d.myEquityRounds.length === 0} emptyText="尚未发起股权融资">
          {(d) => (
            <Space direction="vertical" size={12} style={{ width: '100%' }}>
              {d.myEquityRounds.map((r) => (
                <EquityRoundCard key={r.id} round={r} />
              ))}
            </Space>
          )}
        </Loadable>
      </Card>
    </Space>
  );
}

function PostEquityRoundForm({ onPosted }: { onPosted: () => void }) {
  const { form, busy, run } = useFormSubmit<EquityRoundInput>({ errors: 'toast', onDone: onPosted });
  const post = (v: EquityRoundInput) =>
    run(() => request(PostEquityRoundDocument, { input: { ...v, useOfFunds: v.useOfFunds.trim() } }), {
      success: '股权融资需求已发布，系统正在匹配基金投资方向',
    });
  return (
    <Form form={form} layout="vertical" onFinish={post}>
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <FinancingAmountItem placeholder="例如 20000000" />
        </Col>
        <Col xs={24} md={12}>
          <NumberItem
            label="投前估值（元）"
            name="preMoneyValuation"
            required="请输入投前估值"
            range={{ type: 'number', min: 1, message: '估值须大于 0' }}
            precision={0}
            placeholder="例如 300000000"
          />
        </Col>
      </Row>
      <TextAreaItem label="资金用途" name="useOfFunds" required="请说明资金用途" whitespace />
      <Button type="primary" htmlType="submit" loading={busy}>
        发布股权融资
      </Button>
    </Form>
  );
}

/** One round with the fund mandates it matched, best first. */
function EquityRoundCard({ round: r }: { round: MyEquityRoundsQuery['myEquityRounds'][number] }) {
  return (
    <Card
      size="small"
      type="inner"
      data-testid={`round-${r.id}`}
      title={
        <Space wrap>
          <span>{wan(r.amount)}</span>
          <Tag color={r.status === 'OPEN' ? 'processing' : 'default'}>{EQUITY_STATUS[r.status]}</Tag>
        </Space>
      }
    >
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'v', label: '投前估值', children: wan(r.preMoneyValuation) },
          { key: 'u', label: '资金用途', children: r.useOfFunds },
        ]}
      />
      <ListTable
        rows={[...r.matches].sort((a, b) => b.score - a.score)}
        scrollX={560}
        data-testid="fund-matches"
        locale={{ emptyText: '暂无匹配的基金投资方向' }}
        expandable={{ expandedRowRender: (m) => <Reasons reasons={m.reasons} /> }}
        columns={[
          { title: '基金', render: (_, m) => m.fund.name },
          { title: '投资方向', render: (_, m) => m.mandate.name },
          { title: '单笔投资', render: (_, m) => `${wan(m.mandate.minTicket)} – ${wan(m.mandate.maxTicket)}` },
          {
            title: '匹配度',
            render: (_, m) => <Progress percent={Math.round(m.score)} size="small" style={{ minWidth: 80 }} />,
          },
          { title: '状态', render: (_, m) => <Tag>{FUND_MATCH_STATUS[m.status] ?? m.status}</Tag> },
        ]}
      />
    </Card>
  );
}

function RoadshowSignUp() {
  const { session } = useSession();
  const state = useLoad(() => request(RoadshowsDocument, { upcoming: true }), []);
  const [joining, setJoining] = useState<RoadshowNode | null>(null);
  const mine = (r: RoadshowNode) => r.participants.some((p) => p.enterprise.id === session.user.orgId);
  return (
    <Card title="培训路演报名">
      <Loadable state={state} empty={(d) => d.roadshows.edges.length === 0} emptyText="近期暂无路演安排">
        {(d) => (
          <Table
            rowKey={(e) => e.node.id}
            size="small"
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            scroll={{ x: 480 }}
            dataSource={d.roadshows.edges}
            columns={[
              {
                title: '路演',
                render: (_, { node }) => (
                  <Space direction="vertical" size={0}>
                    <Typography.Text strong>{node.title}</Typography.Text>
                    <Typography.Text type="secondary">{dateTimeText(node.startsAt)}</Typography.Text>
                    {node.industries.length > 0 && (
                      <span>
                        {node.industries.map((i) => (
                          <Tag key={i}>{i}</Tag>
                        ))}
                      </span>
                    )}
                  </Space>
                ),
              },
              { title: '报名 / 名额', render: (_, { node }) => `${node.participants.length} / ${node.capacity}` },
              {
                title: '操作',
                render: (_, { node }) =>
                  mine(node) ? (
                    <Tag color="green">已报名</Tag>
                  ) : node.participants.length >= node.capacity ? (
                    <Tag>名额已满</Tag>
                  ) : (
                    <Button size="small" type="primary" aria-label={`报名：${node.title}`} onClick={() => setJoining(node)}>
                      报名
                    </Button>
                  ),
              },
            ]}
          />
        )}
      </Loadable>
      {joining && <JoinModal roadshow={joining} onClose={(done) => (setJoining(null), done && state.reload())} />}
    </Card>
  );
}

function JoinModal({ roadshow, onClose }: { roadshow: RoadshowNode; onClose: (done: boolean) => void }) {
  const { form, busy, error, run, dialog } = useDialogForm<{ pitch: string }>(onClose);
  const submit = (v: { pitch: string }) =>
    run(() => request(JoinRoadshowDocument, { roadshowId: roadshow.id, pitch: v.pitch.trim() }), { success: `已报名“${roadshow.title}”` });
  return (
    <Modal
      open
      title={`报名路演：${roadshow.title}`}
      okText="提交报名"
      cancelText="取消"
      onOk={() => form.submit()}
      onCancel={dialog.onCancel}
      confirmLoading={busy}
    >
      {error && (
        <Typography.Paragraph type="danger" role="alert">
          {error}
        </Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" onFinish={submit}>
        <TextAreaItem
          label="路演简介（向投资机构介绍企业与项目）"
          name="pitch"
          required="请填写路演简介"
          whitespace
          rows={4}
          showCount
          autoFocus
        />
      </Form>
    </Modal>
  );
}
