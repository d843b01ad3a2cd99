// 审计日志 (finance centre): the hash-chained audit trail, newest first, filtered and paged on the server;
// CSV export with the same filters; "校验" recomputes the chain on the server (verifyAuditLog).
import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, AutoComplete, Button, Card, Form, Input, Space, Tag, Typography, type FormInstance } from 'antd';
import { useState } from 'react';
import { downloadExport, request } from '../api';
import { AuditLogDocument, VerifyAuditLogDocument, type AuditFilter, type AuditLogQuery, type VerifyAuditLogQuery } from '../gql/generated';
import { EdgeTable, PagedLoadable } from '../components';
import { useCursor, useLoad, useSubmit } from '../hooks';
import { ROLE, dateTimeText } from '../labels';

type Entry = AuditLogQuery['auditLog']['edges'][number]['node'];

const PAGE_SIZE = 20;

/** What each recorded operation is called in the console (the trail stores the mutation's name). */
export const AUDIT_ACTION: Record<string, string> = {
  login: '登录',
  'login.failed': '登录失败',
  logout: '退出登录',
  renewToken: '续期登录',
  changePassword: '修改密码',
  resetPassword: '重置密码',
  setUserDisabled: '停用/启用账号',
  unlockUser: '解锁账号',
  createUser: '创建账号',
  createInstitution: '创建机构',
  registerEnterprise: '企业注册',
  certifyEnterprise: '企业认定',
  updateEnterpriseProfile: '更新企业画像',
  setPolicy: '设置政策参数',
  makeOffer: '银行报价',
  acceptOffer: '接受报价',
  selectGuaranteeQuote: '选择担保报价',
  disburseLoan: '放款',
  recordRepayment: '登记还款',
  requestRelief: '申请纾困',
  decideRelief: '审批纾困',
  setListingStage: '上市培育阶段',
  assignListingCoach: '指派上市辅导',
  markListingRewardPaid: '上市奖励发放',
  addBondReserve: '债券项目储备',
  scheduleRoadshow: '安排路演',
  setWorkingCalendarYear: '维护工作日历',
};
const TARGET_TYPES = [
  'User',
  'Institution',
  'Enterprise',
  'ListingCandidate',
  'Policy',
  'Match',
  'GuaranteeQuote',
  'Loan',
  'Relief',
  'WorkingCalendarYear',
];

export function actionLabel(action: string): string {
  const denied = action.endsWith('.denied');
  const name = denied ? action.slice(0, -'.denied'.length) : action;
  const label = AUDIT_ACTION[name];
  return denied ? `${label ?? name}（被拒绝）` : (label ?? action);
}

interface FilterForm {
  actorId?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  /** datetime-local values (the browser's own zh-CN picker), local time */
  from?: string;
  to?: string;
}

function toFilter(v: FilterForm): AuditFilter {
  const f: AuditFilter = {};
  const text = (s: string | undefined) => s?.trim() || undefined;
  if (text(v.actorId)) f.actorId = text(v.actorId);
  if (text(v.action)) f.action = text(v.action);
  if (text(v.targetType)) f.targetType = text(v.targetType);
  if (text(v.targetId)) f.targetId = text(v.targetId);
  const instant = (local: string | undefined) => {
    const t = local ? new Date(local) : null;
    return t && !Number.isNaN(t.getTime()) ? t.toISOString() : undefined;
  };
  if (instant(v.from)) f.from = instant(v.from);
  if (instant(v.to)) f.to = instant(v.to);
  return f;
}

/** The same filters as query parameters of GET /export/audit.csv (API-CONTRACT-ACCOUNTS.md). */
export function exportPath(f: AuditFilter): string {
  const q = new URLSearchParams();
  for (const key of ['actorId', 'action', 'targetType', 'targetId', 'from', 'to'] as const) {
    const value = f[key];
    if (value) q.set(key, value);
  }
  const qs = q.toString();
  return `/export/audit.csv${qs ? `?${qs}` : ''}`;
}

export function FinanceAudit() {
  const [form] = Form.useForm<FilterForm>();
  const [filter, setFilter] = useState<AuditFilter>({});
  const at = useCursor();
  const state = useLoad(() => request(AuditLogDocument, { filter, first: PAGE_SIZE, after: at.cursor }), [filter, at.cursor]);
  const { busy: verifying, run: runVerify } = useSubmit({ errors: 'toast' });
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const { busy: exporting, run: runExport } = useSubmit({ errors: 'toast' });

  const apply = (f: AuditFilter) => {
    setFilter(f);
    at.restart();
  };
  const byActor = (actorId: string) => {
    form.setFieldsValue({ actorId });
    apply(toFilter(form.getFieldsValue()));
  };
  const verify = () => {
    setVerdict(null);
    return runVerify(async () => setVerdict((await request(VerifyAuditLogDocument, {})).verifyAuditLog));
  };
  const exportCsv = () => runExport(() => downloadExport(exportPath(filter), `yinqi-audit-${new Date().toISOString().slice(0, 10)}.csv`));

  return (
    <Card
      title="审计日志"
      extra={
        <Space wrap>
          <Button icon={<SafetyCertificateOutlined />} loading={verifying} onClick={verify}>
            校验
          </Button>
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={exportCsv}>
            导出 CSV
          </Button>
        </Space>
      }
    >
      {verdict && <VerdictAlert verdict={verdict} onClose={() => setVerdict(null)} />}
      <AuditFilterForm form={form} apply={apply} />
      <PagedLoadable state={state} connection={(d) => d.auditLog} emptyText="没有符合条件的审计记录" unit="条" at={at}>
        {(entries) => <AuditTable entries={entries} onPickActor={byActor} />}
      </PagedLoadable>
    </Card>
  );
}

type Verdict = VerifyAuditLogQuery['verifyAuditLog'];

/** The hash chain's check: intact, or the first entry from which the store disagrees with it. */
function VerdictAlert({ verdict, onClose }: { verdict: Verdict; onClose: () => void }) {
  return (
    <Alert
      data-testid="audit-verify"
      data-ok={verdict.ok}
      style={{ marginBottom: 16 }}
      showIcon
      closable
      onClose={onClose}
      type={verdict.ok ? 'success' : 'error'}
      message={verdict.ok ? `完整：已校验 ${verdict.checked} 条，哈希链未被改动` : `第 ${verdict.firstBrokenSeq ?? '?'} 条被篡改`}
      description={
        verdict.ok
          ? undefined
          : `已校验 ${verdict.checked} 条。自第 ${verdict.firstBrokenSeq ?? '?'} 条起，存储中的记录与哈希链不符（被修改、删除或插入），请立即上报并保全数据库。`
      }
    />
  );
}

function AuditFilterForm({ form, apply }: { form: FormInstance<FilterForm>; apply: (f: AuditFilter) => void }) {
  return (
    <Form form={form} layout="inline" className="yq-inline-form" onFinish={(v) => apply(toFilter(v))} style={{ marginBottom: 16 }}>
      <Form.Item label="操作者 ID" name="actorId">
        <Input allowClear style={{ width: 200 }} />
      </Form.Item>
      <Form.Item label="操作" name="action">
        <AutoComplete
          allowClear
          style={{ width: 200 }}
          options={Object.keys(AUDIT_ACTION).map((a) => ({ value: a, label: `${AUDIT_ACTION[a]}（${a}）` }))}
          filterOption={(input, o) => !!o && `${o.value} ${String(o.label)}`.toLowerCase().includes(input.toLowerCase())}
        />
      </Form.Item>
      <Form.Item label="对象类型" name="targetType">
        <AutoComplete allowClear style={{ width: 170 }} options={TARGET_TYPES.map((t) => ({ value: t }))} />
      </Form.Item>
      <Form.Item label="对象 ID" name="targetId">
        <Input allowClear style={{ width: 200 }} />
      </Form.Item>
      {/* Two fields rather than one range: "since" or "until" alone is the usual question. */}
      <Form.Item label="起始时间" name="from">
        <Input type="datetime-local" style={{ width: 210 }} />
      </Form.Item>
      <Form.Item label="截止时间" name="to">
        <Input type="datetime-local" style={{ width: 210 }} />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit">
          查询
        </Button>
        <Button onClick={() => (form.resetFields(), apply({}))}>重置</Button>
      </Space>
    </Form>
  );
}

function AuditTable({ entries, onPickActor }: { entries: AuditLogQuery['auditLog']['edges']; onPickActor: (actorId: string) => void }) {
  return (
    <EdgeTable
      edges={entries}
      scrollX={1100}
      expandable={{ expandedRowRender: ({ node: e }) => <HashDetail e={e} /> }}
      columns={[
        { title: '序号', width: 80, render: (_, { node: e }) => e.seq },
        { title: '时间', width: 170, render: (_, { node: e }) => dateTimeText(e.at) },
        { title: '操作者', render: (_, { node: e }) => <Actor e={e} onPick={onPickActor} /> },
        {
          title: '操作',
          // The stored name (what the filter and the CSV use) on hover, the Chinese one on the tag.
          render: (_, { node: e }) => (
            <Tag title={e.action} color={e.action.endsWith('.denied') || e.action === 'login.failed' ? 'red' : 'blue'}>
              {actionLabel(e.action)}
            </Tag>
          ),
        },
        { title: '对象', render: (_, { node: e }) => `${e.targetType}${e.targetId ? ` ${e.targetId}` : ''}` },
        {
          title: '详情',
          render: (_, { node: e }) => (
            <Typography.Text ellipsis={{ tooltip: e.detail }} style={{ maxWidth: 260 }}>
              {e.detail ?? '—'}
            </Typography.Text>
          ),
        },
      ]}
    />
  );
}

function Actor({ e, onPick }: { e: Entry; onPick: (actorId: string) => void }) {
  if (!e.actorId) return <Typography.Text type="secondary">未登录</Typography.Text>;
  return (
    <Space size={4} wrap>
      {e.actorRole && <Tag>{ROLE[e.actorRole]}</Tag>}
      <Typography.Link title="只看此操作者" onClick={() => onPick(e.actorId!)}>
        {e.actorId}
      </Typography.Link>
    </Space>
  );
}

function HashDetail({ e }: { e: Entry }) {
  return (
    <Space direction="vertical" size={2} style={{ fontFamily: 'monospace', fontSize: 12 }}>
      <span>关联 ID：{e.correlationId ?? '—'}</span>
      <span>机构 ID：{e.actorOrgId ?? '—'}</span>
      <span>prevHash：{e.prevHash}</span>
      <span>hash：{e.hash}</span>
    </Space>
  );
}
