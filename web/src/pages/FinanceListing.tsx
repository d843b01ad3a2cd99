// 上市培育看板 (finance centre): the listing pipeline (上市后备 → 新三板 → 北交所) as a board by stage; enter
// an enterprise at any stage, advance it (forward only: a step back is CONFLICT), assign a coach
// (一对一上市辅导) and mark the staged rewards (item 32) paid.
import { App, Button, Card, Col, Empty, Form, Input, Row, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { request } from '../api';
import {
  AssignListingCoachDocument,
  EnterprisesDocument,
  ListingPipelineDocument,
  MarkListingRewardPaidDocument,
  SetListingStageDocument,
  type ListingPipelineQuery,
  type ListingStage,
} from '../gql/generated';
import { ConfirmButton, Loadable, StatusTag } from '../components';
import { useFormSubmit, useLoad, useSubmit, type Submit } from '../hooks';
import { LISTING_STAGE, STAGES, TIER, TIER_COLOR, dateText, options, yuan } from '../labels';

type Candidate = ListingPipelineQuery['listingPipeline']['edges'][number]['node'];

/** The whole pipeline (a district has tens to hundreds of candidates): pages of 100, bounded. */
async function loadPipeline(): Promise<{ candidates: Candidate[]; total: number }> {
  const candidates: Candidate[] = [];
  let after: string | null = null;
  let total = 0;
  for (let i = 0; i < 10; i++) {
    const r: ListingPipelineQuery = await request(ListingPipelineDocument, { after });
    total = r.listingPipeline.totalCount;
    candidates.push(...r.listingPipeline.edges.map((e) => e.node));
    if (!r.listingPipeline.pageInfo.hasNextPage) break;
    after = r.listingPipeline.pageInfo.endCursor ?? null;
  }
  return { candidates, total };
}

export function FinanceListing() {
  const state = useLoad(loadPipeline, []);
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <EnterForm onDone={state.reload} />
      <Card title="上市培育看板" extra={state.data && <span data-testid="pipeline-total">共 {state.data.total} 家</span>}>
        <Loadable state={state} empty={(d) => d.candidates.length === 0} emptyText="上市后备资源库暂无企业，请在上方纳入">
          {({ candidates }) => (
            <Row gutter={[12, 12]} wrap>
              {STAGES.map((stage) => {
                const here = candidates.filter((c) => c.stage === stage);
                return (
                  <Col key={stage} xs={24} sm={12} lg={8} xxl={4}>
                    <section aria-label={`${LISTING_STAGE[stage]}阶段`} data-testid={`stage-${stage}`} className="yq-stage">
                      <Typography.Title level={5} style={{ marginTop: 0 }}>
                        {LISTING_STAGE[stage]} <Tag>{here.length}</Tag>
                      </Typography.Title>
                      {here.length === 0 ? (
                        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无" />
                      ) : (
                        <Space direction="vertical" size={8} style={{ width: '100%' }}>
                          {here.map((c) => (
                            <CandidateCard key={c.enterprise.id} c={c} onDone={state.reload} />
                          ))}
                        </Space>
                      )}
                    </section>
                  </Col>
                );
              })}
            </Row>
          )}
        </Loadable>
      </Card>
    </Space>
  );
}

function CandidateCard({ c, onDone }: { c: Candidate; onDone: () => void }) {
  // One submit for the card's actions: one button spins at a time.
  const submit = useSubmit({ errors: 'toast', onDone });
  const { running, run } = submit;
  const next = STAGES[STAGES.indexOf(c.stage) + 1];
  const name = c.enterprise.name;
  const entered = c.history.find((h) => h.stage === c.stage);
  return (
    <Card size="small" data-testid={`candidate-${c.enterprise.id}`} title={<span style={{ whiteSpace: 'normal' }}>{name}</span>}>
      <Space direction="vertical" size={4} style={{ width: '100%' }}>
        <Space wrap size={4}>
          <StatusTag value={c.enterprise.tier} labels={TIER} colors={TIER_COLOR} />
          <Typography.Text type="secondary">{c.enterprise.industry}</Typography.Text>
        </Space>
        <Typography.Text type="secondary">进入本阶段：{dateText(entered?.at)}</Typography.Text>
        <CoachField c={c} submit={submit} />
        {c.rewardsDue.map((r) => (
          <RewardDue key={r.stage} c={c} r={r} submit={submit} />
        ))}
        {next && (
          <Button
            size="small"
            type="primary"
            ghost
            aria-label={`${name} 推进至${LISTING_STAGE[next]}`}
            loading={running === 'advance'}
            onClick={() =>
              run(() => request(SetListingStageDocument, { enterpriseId: c.enterprise.id, stage: next, note: null }), {
                key: 'advance',
                success: `${name} 已推进至${LISTING_STAGE[next]}`,
              })
            }
          >
            推进至{LISTING_STAGE[next]}
          </Button>
        )}
      </Space>
    </Card>
  );
}

/** 辅导机构: shown once assigned, else a field to assign one. */
function CoachField({ c, submit: { running, run } }: { c: Candidate; submit: Submit }) {
  const [coach, setCoach] = useState('');
  const name = c.enterprise.name;
  return c.coach ? (
    <span>辅导机构：{c.coach}</span>
  ) : (
    <Space.Compact style={{ width: '100%' }}>
      <Input
        size="small"
        aria-label={`${name} 辅导机构`}
        placeholder="指定辅导机构"
        value={coach}
        maxLength={200}
        onChange={(e) => setCoach(e.target.value)}
      />
      <Button
        size="small"
        disabled={!coach.trim()}
        loading={running === 'coach'}
        onClick={() =>
          run(() => request(AssignListingCoachDocument, { enterpriseId: c.enterprise.id, coach: coach.trim() }), {
            key: 'coach',
            success: `已为 ${name} 指定辅导机构`,
          })
        }
      >
        指定
      </Button>
    </Space.Compact>
  );
}

/** 上市奖励: a reward due at a stage reached, marked paid by the finance centre. */
function RewardDue({ c, r, submit: { running, run } }: { c: Candidate; r: Candidate['rewardsDue'][number]; submit: Submit }) {
  const name = c.enterprise.name;
  return (
    <Space wrap size={4}>
      <Tag color="gold">
        待发奖励 {LISTING_STAGE[r.stage]} {yuan(r.amount)}
      </Tag>
      <ConfirmButton
        title={`确认 ${name} 的${LISTING_STAGE[r.stage]}奖励已发放？`}
        okText="确认"
        onConfirm={() =>
          run(() => request(MarkListingRewardPaidDocument, { enterpriseId: c.enterprise.id, stage: r.stage }), {
            key: `reward-${r.stage}`,
            success: '奖励已标记发放',
          })
        }
        type="link"
        loading={running === `reward-${r.stage}`}
      >
        标记已发放
      </ConfirmButton>
    </Space>
  );
}

/** 纳入/调整: an enterprise (newest 100, searchable by name) at a stage, with a note. */
type EnterValues = { enterpriseId: string; stage: ListingStage; note?: string };

function EnterForm({ onDone }: { onDone: () => void }) {
  const ents = useLoad(() => request(EnterprisesDocument, { tier: null, after: null }), []);
  const { form, busy, run } = useFormSubmit<EnterValues>({ errors: 'toast', reset: ['enterpriseId', 'note'], onDone });
  const { message } = App.useApp();
  const submit = (v: EnterValues) =>
    run(async () => {
      const r = await request(SetListingStageDocument, { enterpriseId: v.enterpriseId, stage: v.stage, note: v.note || null });
      message.success(`${r.setListingStage.enterprise.name} 已进入${LISTING_STAGE[r.setListingStage.stage]}`);
    });
  return (
    <Card title="纳入上市后备 / 调整阶段" size="small">
      <Form form={form} layout="inline" onFinish={submit} initialValues={{ stage: 'RESERVE' }} className="yq-inline-form">
        <Form.Item label="企业" name="enterpriseId" rules={[{ required: true, message: '请选择企业' }]}>
          <Select
            showSearch
            optionFilterProp="label"
            style={{ width: 320, maxWidth: '100%' }}
            loading={ents.loading}
            placeholder="输入企业名称搜索"
            options={(ents.data?.enterprises.edges ?? []).map((e) => ({ value: e.node.id, label: e.node.name }))}
            notFoundContent={ents.error ?? '无匹配企业'}
          />
        </Form.Item>
        <Form.Item label="阶段" name="stage" rules={[{ required: true, message: '请选择阶段' }]}>
          <Select style={{ width: 160 }} options={options(LISTING_STAGE)} />
        </Form.Item>
        <Form.Item label="备注" name="note" rules={[{ max: 500, message: '不超过 500 字' }]}>
          <Input style={{ width: 220, maxWidth: '100%' }} maxLength={500} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            设置阶段
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}
