// 担保需求 (guarantor officer): open guarantee requests and the quote form showing the policy cap.
// What a guarantor may see (API-CONTRACT): every OPEN request with its bank, product and amount; the
// enterprise behind it only once its institution has quoted (enterprise(id)/demand(id) rules). The list
// therefore asks for nothing it may be refused, and the enterprise of each quoted request comes from a
// query of its own that answers null — not an error for the whole page — when it is not visible (yet).
import { Alert, Button, Card, Form, Space, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { request } from '../api';
import {
  GuarantorRequestsDocument,
  GuaranteeDemandEnterpriseDocument,
  PolicyQDocument,
  SubmitQuoteDocument,
  type GuaranteeDemandEnterpriseQuery,
  type GuarantorRequestsQuery,
} from '../gql/generated';
import { FormModal, ListTable, Loadable, NumberItem, RefreshButton, StatusTag, TextAreaItem } from '../components';
import { useDialogForm, useLoad, usePolling } from '../hooks';
import { COLLATERAL, GUARANTEE_STATUS, PURPOSE, TIER, TIER_COLOR, pct, wan } from '../labels';

type Req = GuarantorRequestsQuery['guaranteeRequests']['edges'][number]['node'];
type Ent = NonNullable<GuaranteeDemandEnterpriseQuery['demand']>['enterprise'];

/** The enterprise of every request this institution quoted on; null where the service does not (yet) show it. */
async function enterprisesOf(reqs: Req[]): Promise<Record<string, Ent | null>> {
  const quoted = [...new Set(reqs.filter((r) => r.quotes.length > 0).map((r) => r.demand.id))];
  const answers = await Promise.all(
    quoted.map((id) =>
      request(GuaranteeDemandEnterpriseDocument, { id }).then(
        (d) => d.demand?.enterprise ?? null,
        () => null,
      ),
    ),
  );
  return Object.fromEntries(quoted.map((id, i) => [id, answers[i] ?? null]));
}

async function load() {
  const [g, p] = await Promise.all([request(GuarantorRequestsDocument, {}), request(PolicyQDocument)]);
  const reqs = g.guaranteeRequests.edges.map((e) => e.node);
  return { reqs, total: g.guaranteeRequests.totalCount, policy: p.policy, enterprises: await enterprisesOf(reqs) };
}

const label = (r: Req, e: Ent | null | undefined) => e?.name ?? `${r.match.bank.name} · ${r.match.product.name}`;

export function GuarantorRequests() {
  const state = useLoad(load, []);
  const [quoting, setQuoting] = useState<Req | null>(null);
  // New requests open from events, with no live feed for guarantors: refresh every 15 s while on the page.
  usePolling(state.reload, 15_000);
  return (
    <Card title="担保需求" extra={<RefreshButton state={state} />}>
      <Loadable state={state}>
        {({ reqs, policy: p, enterprises }) => (
          <>
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              message={`政策上限：担保费率不超过 ${pct(p.guaranteeFeeRateCap)}（目标 ${pct(p.guaranteeFeeRateTarget)}）；风险分担 担保 ${p.riskShareGuarantor}% / 银行 ${p.riskShareBank}% / 政府 ${p.riskShareGovernment}%`}
            />
            <Typography.Paragraph type="secondary">
              企业名称与画像在本机构报价后可见（仅与本机构有担保业务往来的企业向本机构开放）。
            </Typography.Paragraph>
            <RequestTable reqs={reqs} enterprises={enterprises} onQuote={setQuoting} />
            {quoting && (
              <QuoteModal
                req={quoting}
                title={label(quoting, enterprises[quoting.demand.id])}
                cap={p.guaranteeFeeRateCap}
                onClose={(done) => (setQuoting(null), done && state.reload())}
              />
            )}
          </>
        )}
      </Loadable>
    </Card>
  );
}

type Loaded = Awaited<ReturnType<typeof load>>;

function RequestTable({ reqs, enterprises, onQuote }: Pick<Loaded, 'reqs' | 'enterprises'> & { onQuote: (r: Req) => void }) {
  return (
    <ListTable
      rows={reqs}
      scrollX={900}
      pageSize={20}
      locale={{ emptyText: '暂无担保需求：银行报价被需要担保的企业接受后，这里会出现询价' }}
      columns={[
        {
          title: '企业',
          render: (_, r) => <EnterpriseCell r={r} e={enterprises[r.demand.id]} />,
        },
        { title: '贷款银行 · 产品', render: (_, r) => `${r.match.bank.name} · ${r.match.product.name}` },
        { title: '担保金额', render: (_, r) => wan(r.match.offer?.amount ?? r.demand.amount) },
        { title: '期限', render: (_, r) => `${r.match.offer?.termMonths ?? r.demand.termMonths} 个月` },
        { title: '用途 / 担保方式', render: (_, r) => `${PURPOSE[r.demand.purpose]} / ${COLLATERAL[r.demand.collateral]}` },
        {
          title: '状态',
          render: (_, r) => (
            <Tag color={r.status === 'OPEN' ? 'processing' : r.status === 'SELECTED' ? 'green' : 'default'}>
              {GUARANTEE_STATUS[r.status]}
            </Tag>
          ),
        },
        {
          title: '本机构报价',
          render: (_, r) => (r.quotes[0] ? `${pct(r.quotes[0].feeRate)} / ${pct(r.quotes[0].coverageRatio, 0)}` : '—'),
        },
        {
          title: '操作',
          render: (_, r) =>
            r.status === 'OPEN' && (
              <Button
                size="small"
                type="primary"
                aria-label={`${r.quotes.length ? '修改报价' : '报价'}：${label(r, enterprises[r.demand.id])}`}
                onClick={() => onQuote(r)}
              >
                {r.quotes.length ? '修改报价' : '报价'}
              </Button>
            ),
        },
      ]}
    />
  );
}

/** The enterprise is visible to a guarantor only once it has quoted (and its access has arrived). */
function EnterpriseCell({ r, e }: { r: Req; e: Ent | null | undefined }) {
  if (e)
    return (
      <Space wrap>
        {e.name}
        <StatusTag value={e.tier} labels={TIER} colors={TIER_COLOR} />
      </Space>
    );
  return (
    <Tooltip title={r.quotes.length ? '报价已提交，企业信息稍后可见' : '报价后可见企业名称'}>
      <Typography.Text type="secondary">{r.quotes.length ? '企业信息同步中' : '报价后可见'}</Typography.Text>
    </Tooltip>
  );
}

type QuoteValues = { feeRate: number; coverageRatio: number; conditions?: string };

function QuoteModal({ req, title, cap, onClose }: { req: Req; title: string; cap: number; onClose: (done: boolean) => void }) {
  const { form, run, dialog } = useDialogForm<QuoteValues>(onClose);
  const mine = req.quotes[0];
  const submit = (v: QuoteValues) =>
    run(() => request(SubmitQuoteDocument, { requestId: req.id, input: { ...v, conditions: v.conditions || null } }), {
      success: '报价已提交',
    });
  return (
    <FormModal {...dialog} title={`担保报价：${title}`} okText="提交报价" before={<FeeCapAlert cap={cap} />}>
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ feeRate: mine?.feeRate, coverageRatio: mine?.coverageRatio ?? 80, conditions: mine?.conditions ?? undefined }}
      >
        <QuoteItems cap={cap} />
      </Form>
    </FormModal>
  );
}

/** The policy's cap on the guarantee fee rate, which a quote may not exceed. */
function FeeCapAlert({ cap }: { cap: number }) {
  return (
    <Alert
      type="warning"
      showIcon
      message={
        <span>
          政策上限：担保费率不超过 <strong data-testid="fee-cap">{pct(cap)}</strong>
        </span>
      }
      style={{ marginBottom: 12 }}
    />
  );
}

function QuoteItems({ cap }: { cap: number }) {
  return (
    <>
      <NumberItem
        label="担保费率（%/年）"
        name="feeRate"
        extra={`不超过政策上限 ${pct(cap)}`}
        required="请输入费率"
        range={{ type: 'number', min: 0.01, max: 10, message: '费率须大于 0 且不超过 10%' }}
        step={0.1}
        autoFocus
      />
      <NumberItem
        label="担保比例（%）"
        name="coverageRatio"
        required="请输入担保比例"
        range={{ type: 'number', min: 0.01, max: 100, message: '须大于 0 且不超过 100' }}
      />
      <TextAreaItem label="条件" name="conditions" />
    </>
  );
}
