// 融资需求: post a demand (inline validation by the contract's ranges) and the list of the enterprise's demands.
import { App, Button, Form, Input, InputNumber, Select, Switch, Table, Tag } from 'antd';
import { request } from '../api';
import { MyDemandsDocument, PostDemandDocument, type DemandInput, type MyDemandsQuery } from '../gql/generated';
import { CardRow, FinancingAmountItem, Loadable, TermMonthsItem } from '../components';
import { useLoad, useSubmit } from '../hooks';
import { COLLATERAL, DEMAND_STATUS, PURPOSE, dateText, options, pct, wan } from '../labels';
import { useSession } from '../session';

export function EnterpriseDemands() {
  const state = useLoad(() => request(MyDemandsDocument), []);
  return (
    <CardRow
      cards={[
        { title: '发布融资需求', xl: 9, content: <PostDemandForm /> },
        {
          title: '我的融资需求',
          xl: 15,
          content: (
            <Loadable state={state} empty={(d) => d.myDemands.length === 0} emptyText="还没有融资需求，请在左侧发布">
              {(d) => <MyDemandTable demands={d.myDemands} />}
            </Loadable>
          ),
        },
      ]}
    />
  );
}

/** Posting opens the new demand's page, where its matches arrive. */
function PostDemandForm() {
  const { navigate } = useSession();
  const [form] = Form.useForm<DemandInput>();
  const { busy, run } = useSubmit({ errors: 'toast' });
  const { message } = App.useApp();
  const post = (v: DemandInput) =>
    run(async () => {
      const r = await request(PostDemandDocument, {
        input: { ...v, maxAnnualRate: v.maxAnnualRate ?? null, description: v.description || null },
      });
      message.success('融资需求已发布，系统正在为您匹配金融产品');
      form.resetFields();
      navigate(`/enterprise/demands/${r.postDemand.id}`);
    });
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={post}
      initialValues={{ termMonths: 12, purpose: 'WORKING_CAPITAL', collateral: 'CREDIT', needsGuarantee: false }}
    >
      <FinancingAmountItem extra="1 元至 20 亿元" placeholder="例如 5000000" />
      <TermMonthsItem />
      <Form.Item label="资金用途" name="purpose" rules={[{ required: true, message: '请选择资金用途' }]}>
        <Select options={options(PURPOSE)} />
      </Form.Item>
      <Form.Item label="担保方式" name="collateral" rules={[{ required: true, message: '请选择担保方式' }]}>
        <Select options={options(COLLATERAL)} />
      </Form.Item>
      <Form.Item
        label="可接受最高年化利率（%）"
        name="maxAnnualRate"
        rules={[{ type: 'number', min: 0.01, max: 36, message: '年化利率须大于 0 且不超过 36%' }]}
      >
        <InputNumber style={{ width: '100%' }} step={0.05} placeholder="不填表示不限" />
      </Form.Item>
      <Form.Item label="需要政府性融资担保" name="needsGuarantee" valuePropName="checked">
        <Switch checkedChildren="需要" unCheckedChildren="不需要" />
      </Form.Item>
      <Form.Item label="需求说明" name="description" rules={[{ max: 2000, message: '说明不超过 2000 字' }]}>
        <Input.TextArea rows={3} maxLength={2000} showCount />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} block>
        发布需求
      </Button>
    </Form>
  );
}

function MyDemandTable({ demands }: { demands: MyDemandsQuery['myDemands'] }) {
  const { navigate } = useSession();
  return (
    <Table
      rowKey="id"
      size="small"
      scroll={{ x: 640 }}
      pagination={{ pageSize: 10 }}
      dataSource={[...demands].sort((a, b) => b.createdAt.localeCompare(a.createdAt))}
      columns={[
        { title: '发布日期', dataIndex: 'createdAt', render: dateText },
        { title: '金额', dataIndex: 'amount', render: wan },
        { title: '期限', dataIndex: 'termMonths', render: (m: number) => `${m} 个月` },
        { title: '用途', dataIndex: 'purpose', render: (p: keyof typeof PURPOSE) => PURPOSE[p] },
        { title: '最高利率', dataIndex: 'maxAnnualRate', render: (r: number | null) => pct(r) },
        { title: '状态', dataIndex: 'status', render: (s: keyof typeof DEMAND_STATUS) => <Tag>{DEMAND_STATUS[s]}</Tag> },
        { title: '匹配数', render: (_, r) => r.matches.length },
        {
          title: '操作',
          render: (_, r) => (
            <Button type="link" onClick={() => navigate(`/enterprise/demands/${r.id}`)}>
              查看匹配
            </Button>
          ),
        },
      ]}
    />
  );
}
