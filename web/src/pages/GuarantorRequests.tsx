// 担保需求 (guarantor officer): open guarantee requests and the quote form showing the policy cap.
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { errorText, request } from '../api';
import { MyGuaranteeRequestsDocument, PolicyQDocument, SubmitQuoteDocument, type MyGuaranteeRequestsQuery } from '../gql/generated';
import { Loadable, useLoad } from '../hooks';
import { GUARANTEE_STATUS, TIER, pct, wan } from '../labels';

type Req = MyGuaranteeRequestsQuery['guaranteeRequests']['edges'][number]['node'];

export function GuarantorRequests() {
  const state = useLoad(() => Promise.all([request(MyGuaranteeRequestsDocument, {}), request(PolicyQDocument)]), []);
  const [quoting, setQuoting] = useState<Req | null>(null);
  return (
    <Card title="担保需求">
      <Loadable state={state}>
        {([g, p]) => (
          <>
            <Alert type="info" showIcon style={{ marginBottom: 12 }} message={`政策上限：担保费率不超过 ${pct(p.policy.guaranteeFeeRateCap)}（目标 ${pct(p.policy.guaranteeFeeRateTarget)}）；风险分担 担保 ${p.policy.riskShareGuarantor}% / 银行 ${p.policy.riskShareBank}% / 政府 ${p.policy.riskShareGovernment}%`} />
            <Table
              rowKey={(r) => r.node.id}
              size="small"
              scroll={{ x: 760 }}
              dataSource={g.guaranteeRequests.edges}
              locale={{ emptyText: '暂无担保需求' }}
              columns={[
                {
                  title: '企业',
                  render: (_, { node: r }) => (
                    <Space wrap>
                      {r.demand.enterprise.name}
                      <Tag>{TIER[r.demand.enterprise.tier]}</Tag>
                    </Space>
                  ),
                },
                { title: '贷款银行', render: (_, { node: r }) => `${r.match.bank.name} · ${r.match.product.name}` },
                { title: '担保金额', render: (_, { node: r }) => wan(r.match.offer?.amount ?? r.demand.amount) },
                { title: '期限', render: (_, { node: r }) => `${r.demand.termMonths} 个月` },
                { title: '状态', render: (_, { node: r }) => <Tag color={r.status === 'OPEN' ? 'processing' : 'default'}>{GUARANTEE_STATUS[r.status]}</Tag> },
                { title: '本机构报价', render: (_, { node: r }) => (r.quotes[0] ? `${pct(r.quotes[0].feeRate)} / ${pct(r.quotes[0].coverageRatio, 0)}` : '—') },
                {
                  title: '操作',
                  render: (_, { node: r }) =>
                    r.status === 'OPEN' && (
                      <Button size="small" type="primary" onClick={() => setQuoting(r)}>
                        {r.quotes.length ? '修改报价' : '报价'}
                      </Button>
                    ),
                },
              ]}
            />
            {quoting && <QuoteModal req={quoting} cap={p.policy.guaranteeFeeRateCap} onClose={(done) => (setQuoting(null), done && state.reload())} />}
          </>
        )}
      </Loadable>
    </Card>
  );
}

function QuoteModal({ req, cap, onClose }: { req: Req; cap: number; onClose: (done: boolean) => void }) {
  const [form] = Form.useForm<{ feeRate: number; coverageRatio: number; conditions?: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { message } = App.useApp();
  const submit = async (v: { feeRate: number; coverageRatio: number; conditions?: string }) => {
    setBusy(true);
    setError(null);
    try {
      await request(SubmitQuoteDocument, { requestId: req.id, input: { ...v, conditions: v.conditions || null } });
      message.success('报价已提交');
      onClose(true);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={`担保报价：${req.demand.enterprise.name}`} okText="提交报价" cancelText="取消" onCancel={() => onClose(false)} onOk={() => form.submit()} confirmLoading={busy}>
      <Alert type="warning" showIcon message={<span>政策上限：担保费率不超过 <strong data-testid="fee-cap">{pct(cap)}</strong></span>} style={{ marginBottom: 12 }} />
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} role="alert" />}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ coverageRatio: 80 }}>
        <Form.Item label="担保费率（%/年）" name="feeRate" extra={`不超过政策上限 ${pct(cap)}`} rules={[{ required: true, message: '请输入费率' }, { type: 'number', min: 0.01, max: 10, message: '费率须大于 0 且不超过 10%' }]}>
          <InputNumber style={{ width: '100%' }} step={0.1} />
        </Form.Item>
        <Form.Item label="担保比例（%）" name="coverageRatio" rules={[{ required: true, message: '请输入担保比例' }, { type: 'number', min: 0.01, max: 100, message: '须大于 0 且不超过 100' }]}>
          <InputNumber style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="条件" name="conditions" rules={[{ max: 2000, message: '不超过 2000 字' }]}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
