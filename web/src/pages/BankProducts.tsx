// 金融产品 (bank officer): the bank's product catalogue; publish a product, suspend one.
import { Button, Form, InputNumber, Select, Space, Switch, Table, Tag, type FormRule, type InputNumberProps } from 'antd';
import { request } from '../api';
import { ProductsDocument, PublishProductDocument, SuspendProductDocument, type ProductInput, type ProductsQuery } from '../gql/generated';
import { CardRow, ConfirmButton, InlineError, Loadable, TextItem } from '../components';
import { useFormSubmit, useLoad, useSubmit } from '../hooks';
import { COLLATERAL, POLICY_TAG, PRODUCT_STATUS, PURPOSE, TIER, options, pct, wan } from '../labels';
import { useSession } from '../session';

export function BankProducts() {
  const { session } = useSession();
  const state = useLoad(() => request(ProductsDocument, { bankId: session.user.orgId }), [session.user.orgId]);
  return (
    <CardRow
      cards={[
        {
          title: '本行金融产品',
          xl: 15,
          content: (
            <Loadable state={state} empty={(d) => d.products.edges.length === 0} emptyText="尚未发布产品">
              {(d) => <ProductTable products={d.products.edges} onChange={state.reload} />}
            </Loadable>
          ),
        },
        { title: '发布新产品', xl: 9, content: <PublishProductForm onPublished={state.reload} /> },
      ]}
    />
  );
}

function ProductTable({ products, onChange }: { products: ProductsQuery['products']['edges']; onChange: () => void }) {
  const { run } = useSubmit({ errors: 'toast', onDone: onChange });
  const suspend = (id: string) => run(() => request(SuspendProductDocument, { id }), { success: '产品已暂停' });
  return (
    <Table
      rowKey={(r) => r.node.id}
      size="small"
      scroll={{ x: 760 }}
      dataSource={products}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      columns={[
        {
          title: '产品',
          render: (_, { node: p }) => (
            <Space direction="vertical" size={0}>
              <strong>{p.name}</strong>
              <Space size={4} wrap>
                {p.policyTags.map((t) => (
                  <Tag key={t} color="red">
                    {POLICY_TAG[t]}
                  </Tag>
                ))}
              </Space>
            </Space>
          ),
        },
        { title: '额度', render: (_, { node: p }) => `${wan(p.minAmount)} – ${wan(p.maxAmount)}` },
        { title: '期限', render: (_, { node: p }) => `${p.minTermMonths}–${p.maxTermMonths} 个月` },
        { title: '利率', render: (_, { node: p }) => `${pct(p.annualRateMin)} – ${pct(p.annualRateMax)}` },
        {
          title: '状态',
          render: (_, { node: p }) => <Tag color={p.status === 'PUBLISHED' ? 'green' : 'default'}>{PRODUCT_STATUS[p.status]}</Tag>,
        },
        {
          title: '操作',
          render: (_, { node: p }) =>
            p.status === 'PUBLISHED' && (
              <ConfirmButton title={`暂停“${p.name}”？未报价的匹配将被撤销。`} onConfirm={() => suspend(p.id)} okText="暂停" danger>
                暂停
              </ConfirmButton>
            ),
        },
      ]}
    />
  );
}

function PublishProductForm({ onPublished }: { onPublished: () => void }) {
  const { form, busy, error, run } = useFormSubmit<ProductInput>({ onDone: onPublished });
  const publish = (v: ProductInput) =>
    run(() => request(PublishProductDocument, { input: v }), { success: '产品已上架，系统将为在途需求自动匹配' });
  return (
    <>
      <InlineError error={error} />
      <Form
        form={form}
        layout="vertical"
        onFinish={publish}
        initialValues={{ minTermMonths: 1, maxTermMonths: 36, requiresWhitelist: false, requiresGuarantee: false }}
      >
        <TextItem label="产品名称" name="name" required="请输入产品名称" max={100} />
        <MinMaxItems
          min={['minAmount', '最低额度（元）']}
          max={['maxAmount', '最高额度（元）', '最高额度']}
          rule={{ type: 'integer', min: 1, max: 2_000_000_000, message: '1 至 20 亿元' }}
          input={{ precision: 0 }}
        />
        <MinMaxItems
          min={['minTermMonths', '最短期限（月）']}
          max={['maxTermMonths', '最长期限（月）', '最长期限']}
          rule={{ type: 'integer', min: 1, max: 360, message: '1 至 360' }}
          input={{ precision: 0 }}
        />
        <MinMaxItems
          min={['annualRateMin', '最低年利率（%）']}
          max={['annualRateMax', '最高年利率（%）', '最高年利率']}
          rule={{ type: 'number', min: 0.01, max: 36, message: '大于 0 且不超过 36' }}
          input={{ step: 0.05 }}
        />
        <EligibilityItems />
        <RdUpliftItems />
        <Button type="primary" htmlType="submit" loading={busy} block>
          发布产品
        </Button>
      </Form>
    </>
  );
}

/** A required minimum and maximum side by side; the maximum may not be below the minimum. */
function MinMaxItems({
  min: [minName, minLabel],
  max: [maxName, maxLabel, maxText],
  rule,
  input,
}: {
  min: [keyof ProductInput, string];
  max: [keyof ProductInput, string, string];
  rule: FormRule;
  input: InputNumberProps;
}) {
  const notBelowMin: FormRule = ({ getFieldValue }) => ({
    validator: (_: unknown, value: number | undefined) => {
      const min = getFieldValue(minName) as number | undefined;
      return value == null || min == null || min <= value ? Promise.resolve() : Promise.reject(new Error(`${maxText}不能小于最小值`));
    },
  });
  return (
    <Space.Compact block>
      <Form.Item label={minLabel} name={minName} style={{ flex: 1 }} rules={[{ required: true, message: '必填' }, rule]}>
        <InputNumber style={{ width: '100%' }} {...input} />
      </Form.Item>
      <Form.Item
        label={maxLabel}
        name={maxName}
        style={{ flex: 1 }}
        dependencies={[minName]}
        rules={[{ required: true, message: '必填' }, rule, notBelowMin]}
      >
        <InputNumber style={{ width: '100%' }} {...input} />
      </Form.Item>
    </Space.Compact>
  );
}

/** Who the product is for: each left empty means no restriction. */
function EligibilityItems() {
  return (
    <>
      <Form.Item label="适用企业梯度（不选表示不限）" name="eligibleTiers">
        <Select mode="multiple" options={options(TIER)} allowClear />
      </Form.Item>
      <Form.Item label="适用行业（不填表示不限）" name="industries">
        <Select mode="tags" tokenSeparators={[',', '，']} open={false} suffixIcon={null} placeholder="输入行业后回车" />
      </Form.Item>
      <Form.Item label="资金用途（不选表示不限）" name="purposes">
        <Select mode="multiple" options={options(PURPOSE)} allowClear />
      </Form.Item>
      <Form.Item label="接受的担保方式（不选表示不限）" name="collateralAccepted">
        <Select mode="multiple" options={options(COLLATERAL)} allowClear />
      </Form.Item>
      <Form.Item label="政策标签" name="policyTags">
        <Select mode="multiple" options={options(POLICY_TAG)} allowClear />
      </Form.Item>
      <Space wrap>
        <Form.Item label="仅限白名单企业" name="requiresWhitelist" valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item label="需要担保" name="requiresGuarantee" valuePropName="checked">
          <Switch />
        </Form.Item>
      </Space>
    </>
  );
}

/** 研发加计扣除增信: the amount cap rises by the ratio for an enterprise whose filed R&D deduction reaches the threshold. */
function RdUpliftItems() {
  return (
    <Space.Compact block>
      <Form.Item
        label="研发加计扣除门槛（元）"
        name="rdUpliftThreshold"
        style={{ flex: 1 }}
        rules={[{ type: 'integer', min: 0, message: '须为非负整数' }]}
      >
        <InputNumber style={{ width: '100%' }} precision={0} />
      </Form.Item>
      <Form.Item
        label="额度上浮比例（0–1）"
        name="rdUpliftRatio"
        style={{ flex: 1 }}
        rules={[{ type: 'number', min: 0, max: 1, message: '0 至 1' }]}
      >
        <InputNumber style={{ width: '100%' }} step={0.1} />
      </Form.Item>
    </Space.Compact>
  );
}
