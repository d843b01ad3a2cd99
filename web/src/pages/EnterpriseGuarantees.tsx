// 担保询价: the enterprise's guarantee requests with the guarantors' quotes; pick one.
import { Alert, Card, Empty, Space, Tag } from 'antd';
import { request } from '../api';
import { MyGuaranteeRequestsDocument, PolicyQDocument, SelectQuoteDocument, type MyGuaranteeRequestsQuery } from '../gql/generated';
import { ConfirmButton, ListTable, Loadable } from '../components';
import { useLoad, usePolling, useSubmit } from '../hooks';
import { GUARANTEE_STATUS, pct, wan } from '../labels';

export function EnterpriseGuarantees() {
  const state = useLoad(() => Promise.all([request(MyGuaranteeRequestsDocument, {}), request(PolicyQDocument)]), []);
  const { running, run } = useSubmit({ errors: 'toast', onDone: state.reload });
  // Quotes arrive without an event on the enterprise's feed: refresh every 5 s while on the page.
  usePolling(state.reload, 5000);
  const select = (quoteId: string) => run(() => request(SelectQuoteDocument, { quoteId }), { key: quoteId, success: '已选定担保机构报价' });
  return (
    <Loadable state={state}>
      {([g, p]) => {
        const requests = g.guaranteeRequests.edges.map((e) => e.node);
        if (requests.length === 0) return <Empty description="暂无担保询价。接受需要担保的银行报价后，系统将自动发起担保询价。" />;
        return (
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <Alert
              type="info"
              showIcon
              message={`政策规定：担保费率不超过 ${pct(p.policy.guaranteeFeeRateCap)}，目标 ${pct(p.policy.guaranteeFeeRateTarget)}`}
            />
            {requests.map((r) => (
              <GuaranteeRequestCard key={r.id} r={r} running={running} onSelect={select} />
            ))}
          </Space>
        );
      }}
    </Loadable>
  );
}

type GuaranteeRequest = MyGuaranteeRequestsQuery['guaranteeRequests']['edges'][number]['node'];

/** One request with its quotes, cheapest fee first; the enterprise selects one while the request is open. */
function GuaranteeRequestCard({
  r,
  running,
  onSelect,
}: {
  r: GuaranteeRequest;
  running: string | null;
  onSelect: (quoteId: string) => Promise<unknown>;
}) {
  return (
    <Card
      title={
        <Space wrap>
          <span>
            {r.match.bank.name} · {r.match.product.name}
          </span>
          <Tag color={r.status === 'OPEN' ? 'processing' : r.status === 'SELECTED' ? 'green' : 'default'}>{GUARANTEE_STATUS[r.status]}</Tag>
        </Space>
      }
      extra={`担保金额 ${wan(r.match.offer?.amount ?? r.demand.amount)}`}
    >
      <ListTable
        rows={[...r.quotes].sort((a, b) => a.feeRate - b.feeRate)}
        scrollX={560}
        locale={{ emptyText: '等待担保机构报价…' }}
        columns={[
          { title: '担保机构', render: (_, q) => q.guarantor.name },
          { title: '担保费率（年）', render: (_, q) => pct(q.feeRate) },
          { title: '担保比例', render: (_, q) => pct(q.coverageRatio, 0) },
          { title: '条件', render: (_, q) => q.conditions ?? '—' },
          {
            title: '操作',
            render: (_, q) =>
              r.selectedQuote?.id === q.id ? (
                <Tag color="green">已选定</Tag>
              ) : r.status === 'OPEN' ? (
                <ConfirmButton
                  title={`选择 ${q.guarantor.name} 的报价？`}
                  onConfirm={() => onSelect(q.id)}
                  okText="选择"
                  type="primary"
                  loading={running === q.id}
                >
                  选择此报价
                </ConfirmButton>
              ) : null,
          },
        ]}
      />
    </Card>
  );
}
