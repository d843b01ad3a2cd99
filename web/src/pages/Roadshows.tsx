// 培训路演: the finance centre schedules roadshows and sees who signed up and the leads recorded;
// an enterprise (EnterpriseCapital) signs up with a pitch.
import { Button, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { request } from '../api';
import { RoadshowsDocument, ScheduleRoadshowDocument, type RoadshowsQuery } from '../gql/generated';
import { CardRow, Loadable, NumberItem, TextItem } from '../components';
import { useFormSubmit, useLoad } from '../hooks';
import { dateTimeText } from '../labels';

export type RoadshowNode = RoadshowsQuery['roadshows']['edges'][number]['node'];

export function FinanceRoadshows() {
  const state = useLoad(() => request(RoadshowsDocument, {}), []);
  return (
    <CardRow
      cards={[
        { title: '安排培训路演', xl: 8, content: <ScheduleRoadshowForm onScheduled={state.reload} /> },
        {
          title: '路演安排与报名',
          xl: 16,
          content: (
            <Loadable state={state} empty={(d) => d.roadshows.edges.length === 0} emptyText="暂无路演，请在左侧安排">
              {(d) => <RoadshowTable roadshows={d.roadshows.edges} />}
            </Loadable>
          ),
        },
      ]}
    />
  );
}

type RoadshowValues = { title: string; startsAt: string; industries?: string[]; capacity: number };

function ScheduleRoadshowForm({ onScheduled }: { onScheduled: () => void }) {
  const { form, busy, run } = useFormSubmit<RoadshowValues>({ errors: 'toast', onDone: onScheduled });
  const schedule = (v: RoadshowValues) =>
    run(
      () =>
        request(ScheduleRoadshowDocument, {
          input: {
            title: v.title.trim(),
            startsAt: new Date(v.startsAt).toISOString(),
            industries: v.industries ?? [],
            capacity: v.capacity,
          },
        }),
      { success: `路演“${v.title.trim()}”已发布` },
    );
  return (
    <Form form={form} layout="vertical" onFinish={schedule} initialValues={{ capacity: 20 }}>
      <TextItem label="路演主题" name="title" required="请输入主题" whitespace max={200} />
      <StartsAtItem />
      <Form.Item label="面向行业（不填表示不限）" name="industries">
        <Select mode="tags" tokenSeparators={[',', '，']} open={false} suffixIcon={null} placeholder="输入行业后回车" />
      </Form.Item>
      <NumberItem
        label="名额"
        name="capacity"
        required="请输入名额"
        range={{ type: 'integer', min: 1, max: 10_000, message: '名额须为 1 至 10000 的整数' }}
        precision={0}
      />
      <Button type="primary" htmlType="submit" block loading={busy}>
        发布路演
      </Button>
    </Form>
  );
}

/** 开始时间 in the browser's own date-time field: typed or picked, keyboard-accessible, fine on a phone. */
function StartsAtItem() {
  return (
    <Form.Item
      label="开始时间"
      name="startsAt"
      rules={[
        { required: true, message: '请选择开始时间' },
        {
          validator: async (_, v?: string) => {
            if (v && Number.isNaN(new Date(v).getTime())) throw new Error('时间格式不正确');
          },
        },
      ]}
    >
      <Input type="datetime-local" />
    </Form.Item>
  );
}

function RoadshowTable({ roadshows }: { roadshows: RoadshowsQuery['roadshows']['edges'] }) {
  return (
    <Table
      rowKey={(e) => e.node.id}
      size="small"
      scroll={{ x: 720 }}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      dataSource={roadshows}
      expandable={{
        rowExpandable: ({ node }) => node.participants.length + node.leads.length > 0,
        expandedRowRender: ({ node }) => <RoadshowDetail r={node} />,
      }}
      columns={[
        { title: '主题', render: (_, { node }) => node.title },
        { title: '开始时间', render: (_, { node }) => dateTimeText(node.startsAt) },
        {
          title: '面向行业',
          render: (_, { node }) => (node.industries.length ? node.industries.map((i) => <Tag key={i}>{i}</Tag>) : '不限'),
        },
        {
          title: '报名 / 名额',
          render: (_, { node }) => <span data-testid="roadshow-signups">{`${node.participants.length} / ${node.capacity}`}</span>,
        },
        { title: '对接线索', render: (_, { node }) => node.leads.length },
      ]}
    />
  );
}

function RoadshowDetail({ r }: { r: RoadshowNode }) {
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text strong>报名企业</Typography.Text>
      {r.participants.length === 0
        ? '暂无'
        : r.participants.map((p) => (
            <div key={p.enterprise.id}>
              {p.enterprise.name}：{p.pitch}
            </div>
          ))}
      {r.leads.length > 0 && <Typography.Text strong>对接线索</Typography.Text>}
      {r.leads.map((l, i) => (
        <div key={i}>
          {l.institution.name} → {r.participants.find((p) => p.enterprise.id === l.enterprise.id)?.enterprise.name ?? '企业'}：{l.note}
        </div>
      ))}
    </Space>
  );
}
