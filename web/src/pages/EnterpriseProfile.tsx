// 企业画像: the enterprise's profile, its tier badge (梯度培育库) and white-list status.
import { Button, Card, Col, Descriptions, Form, Row, Space, Tag, Typography } from 'antd';
import { request } from '../api';
import {
  EnterpriseProfileDocument,
  UpdateProfileDocument,
  type EnterpriseProfileInput,
  type EnterpriseProfileQuery,
} from '../gql/generated';
import { Loadable, NumberItem, StatusTag } from '../components';
import { useLoad, useSubmit } from '../hooks';
import { TIER, TIER_COLOR, yuan } from '../labels';
import { useSession } from '../session';

export function EnterpriseProfile() {
  const { session } = useSession();
  const state = useLoad(() => request(EnterpriseProfileDocument, { id: session.user.orgId ?? '' }), [session.user.orgId]);
  return (
    <Loadable state={state} empty={(d) => !d.enterprise} emptyText="未找到企业档案">
      {({ enterprise: e }) => (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={14}>
            <ProfileCard e={e!} />
          </Col>
          <Col xs={24} lg={10}>
            <Card title="更新企业画像">
              <ProfileForm e={e!} onSaved={state.reload} />
            </Card>
          </Col>
        </Row>
      )}
    </Loadable>
  );
}

type Enterprise = NonNullable<EnterpriseProfileQuery['enterprise']>;

function ProfileCard({ e }: { e: Enterprise }) {
  return (
    <Card
      title={
        <Space wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {e.name}
          </Typography.Title>
          <StatusTag value={e.tier} labels={TIER} colors={TIER_COLOR} testId="tier-badge" />
          {e.whitelisted ? <Tag color="green">白名单企业</Tag> : <Tag>未入白名单</Tag>}
        </Space>
      }
    >
      <Descriptions column={{ xs: 1, sm: 2 }} bordered size="small">
        <Descriptions.Item label="统一社会信用代码">{e.uscc}</Descriptions.Item>
        <Descriptions.Item label="行业">{e.industry}</Descriptions.Item>
        <Descriptions.Item label="所在镇街">{e.town}</Descriptions.Item>
        <Descriptions.Item label="年营业收入">{yuan(e.annualRevenue)}</Descriptions.Item>
        <Descriptions.Item label="从业人数">{e.employees ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="研发费用加计扣除备案额">{yuan(e.rdSuperDeductionFiled)}</Descriptions.Item>
        <Descriptions.Item label="高价值发明专利">{e.highValuePatents ?? '—'}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

/** Each figure the enterprise keeps: its label, its field and (where the contract bounds it) its largest value. */
const PROFILE_FIGURES: [string, Extract<keyof EnterpriseProfileInput, string>, number | undefined][] = [
  ['年营业收入（元）', 'annualRevenue', 2_000_000_000_000],
  ['从业人数', 'employees', undefined],
  ['研发费用加计扣除备案额（元）', 'rdSuperDeductionFiled', undefined],
  ['高价值发明专利（件）', 'highValuePatents', undefined],
];

/** The figures the enterprise keeps up to date itself (its tier and white-list are the finance centre's). */
function ProfileForm({ e, onSaved }: { e: Enterprise; onSaved: () => void }) {
  const { busy: saving, run } = useSubmit({ errors: 'toast', onDone: onSaved });
  const save = (input: EnterpriseProfileInput) =>
    run(() => request(UpdateProfileDocument, { input }), { success: '企业画像已更新，系统将重新评估在途融资需求' });
  return (
    <Form
      layout="vertical"
      onFinish={save}
      initialValues={{
        annualRevenue: e.annualRevenue,
        employees: e.employees,
        rdSuperDeductionFiled: e.rdSuperDeductionFiled,
        highValuePatents: e.highValuePatents,
      }}
    >
      {PROFILE_FIGURES.map(([label, name, max]) => (
        <NumberItem
          key={name}
          label={label}
          name={name}
          range={{ type: 'integer', min: 0, max, message: '请输入不小于 0 的整数' }}
          min={0}
          precision={0}
        />
      ))}
      <Button type="primary" htmlType="submit" loading={saving}>
        保存
      </Button>
    </Form>
  );
}
