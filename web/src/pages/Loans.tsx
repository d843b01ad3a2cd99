// 贷款与贷后: loans with their schedule and next due date; the enterprise requests relief
// (延期还本付息 / 无还本续贷 / 应急转贷), the bank records repayments and follow-ups and decides
// deferral and renewal, the finance centre decides bridge funds.
import { Button, Card, Col, Collapse, Descriptions, Empty, Form, Input, List, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { request } from '../api';
import {
  DecideReliefDocument,
  LoansDocument,
  RecordFollowUpDocument,
  RecordRepaymentDocument,
  RequestReliefDocument,
  type LoanFieldsFragment,
  type ReliefKind,
  type RiskLevel,
} from '../gql/generated';
import { AMOUNT_MAX, InlineError, Loadable, NumberItem, TextAreaItem } from '../components';
import { useFormSubmit, useLoad, useSubmit } from '../hooks';
import {
  LOAN_STATUS,
  RELIEF_KIND,
  RELIEF_STATUS,
  REPAYMENT,
  RISK,
  beijingToday,
  dateText,
  dateTimeText,
  options,
  pct,
  yuan,
} from '../labels';
import { useSession } from '../session';

const today = beijingToday;

export function LoansPage() {
  const { session } = useSession();
  const state = useLoad(() => request(LoansDocument, {}), []);
  return (
    <Loadable state={state} empty={(d) => d.loans.edges.length === 0} emptyText="暂无贷款">
      {(d) => (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            贷款（{d.loans.totalCount}）
          </Typography.Title>
          {d.loans.edges.map(({ node }) => (
            <LoanCard key={node.id} loan={node} role={session.user.role} onChange={state.reload} />
          ))}
        </Space>
      )}
    </Loadable>
  );
}

function LoanCard({ loan, role, onChange }: { loan: LoanFieldsFragment; role: string; onChange: () => void }) {
  return (
    <Card
      data-testid={`loan-${loan.id}`}
      title={
        <Space wrap>
          <span>
            {loan.enterprise.name} · {loan.bank.name}
          </span>
          <Tag color={loan.status === 'OVERDUE' ? 'red' : loan.status === 'ACTIVE' ? 'blue' : 'default'}>{LOAN_STATUS[loan.status]}</Tag>
        </Space>
      }
    >
      <LoanTerms loan={loan} />
      <Schedule loan={loan} />
      <Row gutter={[16, 16]} style={{ marginTop: 12 }}>
        <Reliefs loan={loan} role={role} onChange={onChange} />
        <FollowUps loan={loan} role={role} onChange={onChange} />
      </Row>
    </Card>
  );
}

function LoanTerms({ loan }: { loan: LoanFieldsFragment }) {
  const next = loan.schedule.find((i) => !i.paid);
  return (
    <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }}>
      <Descriptions.Item label="贷款金额">{yuan(loan.amount)}</Descriptions.Item>
      <Descriptions.Item label="年利率">{pct(loan.annualRate)}</Descriptions.Item>
      <Descriptions.Item label="期限">{loan.termMonths} 个月</Descriptions.Item>
      <Descriptions.Item label="还款方式">{REPAYMENT[loan.repaymentMethod]}</Descriptions.Item>
      <Descriptions.Item label="放款日期">{dateText(loan.disbursedAt)}</Descriptions.Item>
      <Descriptions.Item label="剩余本金">{yuan(loan.outstandingPrincipal)}</Descriptions.Item>
      <Descriptions.Item label="下一还款日">
        <strong data-testid="next-due">{next ? `${dateText(next.dueDate)}（${yuan(next.principal + next.interest)}）` : '已结清'}</strong>
      </Descriptions.Item>
      <Descriptions.Item label="担保费率">{pct(loan.guaranteeFeeRate)}</Descriptions.Item>
      {loan.riskShare && (
        <Descriptions.Item label="风险分担（担保/银行/政府）">
          {loan.riskShare.guarantor}/{loan.riskShare.bank}/{loan.riskShare.government}
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}

function Schedule({ loan }: { loan: LoanFieldsFragment }) {
  return (
    <Collapse
      size="small"
      style={{ marginTop: 12 }}
      items={[
        {
          key: 'schedule',
          label: `还款计划（${loan.schedule.length} 期）`,
          children: (
            <Table
              rowKey="dueDate"
              size="small"
              scroll={{ x: 480 }}
              pagination={{ pageSize: 12, hideOnSinglePage: true }}
              dataSource={loan.schedule}
              columns={[
                { title: '期次', render: (_, __, i) => i + 1 },
                { title: '到期日', dataIndex: 'dueDate', render: dateText },
                { title: '本金', dataIndex: 'principal', render: yuan },
                { title: '利息', dataIndex: 'interest', render: yuan },
                { title: '状态', dataIndex: 'paid', render: (p: boolean) => (p ? <Tag color="green">已还</Tag> : <Tag>待还</Tag>) },
              ]}
            />
          ),
        },
      ]}
    />
  );
}

/** 纾困: the loan's relief requests, decided by the bank (the finance centre for bridge funds); the enterprise asks. */
function Reliefs({ loan, role, onChange }: { loan: LoanFieldsFragment; role: string; onChange: () => void }) {
  return (
    <Col xs={24} lg={12}>
      <Typography.Title level={5}>纾困申请</Typography.Title>
      {loan.reliefs.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无纾困申请" />
      ) : (
        <List
          size="small"
          dataSource={loan.reliefs}
          renderItem={(r) => (
            <List.Item
              data-testid={`relief-${r.kind}`}
              actions={
                r.status === 'PENDING' &&
                ((role === 'BANK_OFFICER' && r.kind !== 'BRIDGE_FUND') || (role === 'FINANCE_CENTER' && r.kind === 'BRIDGE_FUND'))
                  ? [<DecideRelief key="d" reliefId={r.id} onDone={onChange} />]
                  : []
              }
            >
              <Space wrap>
                <strong>{RELIEF_KIND[r.kind]}</strong>
                <Tag color={r.status === 'APPROVED' ? 'green' : r.status === 'DECLINED' ? 'red' : 'processing'}>
                  {RELIEF_STATUS[r.status]}
                </Tag>
                {r.months != null && <span>{r.months} 个月</span>}
                {r.amount != null && <span>{yuan(r.amount)}</span>}
                {r.reason && <Typography.Text type="secondary">{r.reason}</Typography.Text>}
              </Space>
            </List.Item>
          )}
        />
      )}
      {role === 'ENTERPRISE' && loan.status !== 'CLOSED' && <ReliefForm loanId={loan.id} onDone={onChange} />}
    </Col>
  );
}

/** 贷后跟踪: the bank's follow-up notes, newest first; the bank records repayments and notes. */
function FollowUps({ loan, role, onChange }: { loan: LoanFieldsFragment; role: string; onChange: () => void }) {
  return (
    <Col xs={24} lg={12}>
      <Typography.Title level={5}>贷后跟踪</Typography.Title>
      {loan.followUps.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无跟踪记录" />
      ) : (
        <List
          size="small"
          dataSource={[...loan.followUps].reverse()}
          renderItem={(f) => (
            <List.Item>
              <Space wrap>
                <Tag color={f.riskLevel === 'HIGH' ? 'red' : f.riskLevel === 'MEDIUM' ? 'orange' : 'green'}>风险{RISK[f.riskLevel]}</Tag>
                <span>{f.note}</span>
                <Typography.Text type="secondary">{dateTimeText(f.at)}</Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
      {role === 'BANK_OFFICER' && loan.status !== 'CLOSED' && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <RepaymentForm loanId={loan.id} onDone={onChange} />
          <FollowUpForm loanId={loan.id} onDone={onChange} />
        </Space>
      )}
    </Col>
  );
}

function ReliefForm({ loanId, onDone }: { loanId: string; onDone: () => void }) {
  const { form, busy, error, run } = useFormSubmit<{ kind: ReliefKind; reason: string; months?: number; amount?: number }>({ onDone });
  const kind = Form.useWatch('kind', form);
  return (
    <Card size="small" title="申请纾困" style={{ marginTop: 8 }}>
      <InlineError error={error} gap={8} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: 'DEFERRAL' }}
        onFinish={(v) =>
          run(
            () =>
              request(RequestReliefDocument, {
                loanId,
                kind: v.kind,
                reason: v.reason,
                months: v.months ?? null,
                amount: v.amount ?? null,
              }),
            { success: '纾困申请已提交' },
          )
        }
      >
        <Form.Item label="纾困类型" name="kind" rules={[{ required: true }]}>
          <Select options={options(RELIEF_KIND)} />
        </Form.Item>
        {kind !== 'BRIDGE_FUND' && (
          <NumberItem
            label="延期/续贷月数"
            name="months"
            range={{ type: 'integer', min: 1, max: 360, message: '月数须为 1 至 360' }}
            precision={0}
          />
        )}
        {kind === 'BRIDGE_FUND' && (
          <NumberItem
            label="转贷金额（元）"
            name="amount"
            range={{ type: 'integer', min: 1, max: AMOUNT_MAX, message: '金额须为 1 至 2,000,000,000 元' }}
            precision={0}
          />
        )}
        <TextAreaItem label="申请理由" name="reason" required="请填写申请理由" />
        <Button htmlType="submit" type="primary" loading={busy}>
          提交申请
        </Button>
      </Form>
    </Card>
  );
}

function DecideRelief({ reliefId, onDone }: { reliefId: string; onDone: () => void }) {
  const { busy, error, run } = useSubmit({ onDone });
  const [note, setNote] = useState('');
  return (
    <Space direction="vertical" size={4}>
      <Input
        size="small"
        placeholder="审批意见（可选）"
        aria-label="审批意见"
        value={note}
        onChange={(e) => setNote(e.target.value)}
        maxLength={2000}
      />
      <Space>
        <Button
          size="small"
          type="primary"
          loading={busy}
          onClick={() => run(() => request(DecideReliefDocument, { reliefId, approve: true, note: note || null }), { success: '已批准' })}
        >
          批准
        </Button>
        <Button
          size="small"
          danger
          loading={busy}
          onClick={() => run(() => request(DecideReliefDocument, { reliefId, approve: false, note: note || null }), { success: '已拒绝' })}
        >
          拒绝
        </Button>
      </Space>
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
    </Space>
  );
}

function RepaymentForm({ loanId, onDone }: { loanId: string; onDone: () => void }) {
  const { form, busy, error, run } = useFormSubmit<{ amount: number; paidAt: string }>({ onDone });
  return (
    <Card size="small" title="登记还款">
      <InlineError error={error} gap={8} />
      <Form
        form={form}
        layout="inline"
        initialValues={{ paidAt: today() }}
        onFinish={(v) =>
          run(
            () =>
              request(RecordRepaymentDocument, { loanId, amount: v.amount, paidAt: new Date(`${v.paidAt}T10:00:00+08:00`).toISOString() }),
            { success: '还款已登记' },
          )
        }
      >
        <NumberItem
          label="金额（元）"
          name="amount"
          required="请输入金额"
          range={{ type: 'integer', min: 1, max: AMOUNT_MAX, message: '金额须为正整数' }}
          precision={0}
          style={undefined}
        />
        <Form.Item label="还款日期" name="paidAt" rules={[{ required: true, message: '请选择日期' }]}>
          <Input type="date" />
        </Form.Item>
        <Button htmlType="submit" loading={busy}>
          登记
        </Button>
      </Form>
    </Card>
  );
}

function FollowUpForm({ loanId, onDone }: { loanId: string; onDone: () => void }) {
  const { form, busy, error, run } = useFormSubmit<{ note: string; riskLevel: RiskLevel }>({ onDone });
  return (
    <Card size="small" title="贷后跟踪记录">
      <InlineError error={error} gap={8} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ riskLevel: 'LOW' }}
        onFinish={(v) => run(() => request(RecordFollowUpDocument, { loanId, ...v }), { success: '跟踪记录已保存' })}
      >
        <Form.Item label="风险等级" name="riskLevel" rules={[{ required: true }]}>
          <Select options={options(RISK).map((o) => ({ ...o, label: `风险${o.label}` }))} />
        </Form.Item>
        <TextAreaItem label="跟踪记录" name="note" required="请填写跟踪记录" />
        <Button htmlType="submit" loading={busy}>
          保存记录
        </Button>
      </Form>
    </Card>
  );
}
