// 企业认定与白名单 (finance centre): certify an enterprise's tier and white-list status.
import { App, Button, Card, Select, Space, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { request } from '../api';
import { CertifyDocument, type EnterpriseTier, type EnterprisesQuery } from '../gql/generated';
import { SearchEnterprisesDocument } from '../graphql/search';
import { Loadable, CursorPager, SearchBox } from '../components';
import { useLoad, useSubmit } from '../hooks';
import { TIER, TIER_COLOR, options, wan } from '../labels';

type Ent = EnterprisesQuery['enterprises']['edges'][number]['node'];

export function FinanceEnterprises() {
  const [tier, setTier] = useState<EnterpriseTier | undefined>();
  const [after, setAfter] = useState<(string | null | undefined)[]>([null]);
  const cursor = after[after.length - 1] ?? null;
  const [search, setSearch] = useState('');
  const state = useLoad(() => request(SearchEnterprisesDocument, { tier: tier ?? null, after: cursor, search }), [tier, cursor, search]);
  return (
    <Card
      title="企业认定与白名单"
      extra={
        <Space wrap>
          <SearchBox placeholder="企业名称或信用代码" onSearch={(v) => (setSearch(v), setAfter([null]))} />
          <Select
            aria-label="按梯度筛选"
            placeholder="按梯度筛选"
            allowClear
            style={{ width: 220 }}
            value={tier}
            onChange={(v: EnterpriseTier | undefined) => (setTier(v), setAfter([null]))}
            options={options(TIER)}
          />
        </Space>
      }
    >
      <Loadable state={state} empty={(d) => d.enterprises.edges.length === 0} emptyText="暂无企业">
        {(d) => (
          <>
            <Table
              rowKey={(r) => r.node.id}
              size="small"
              scroll={{ x: 860 }}
              pagination={false}
              dataSource={d.enterprises.edges}
              columns={[
                { title: '企业', render: (_, { node: e }) => e.name },
                { title: '统一社会信用代码', render: (_, { node: e }) => e.uscc },
                { title: '行业 / 镇街', render: (_, { node: e }) => `${e.industry} / ${e.town}` },
                { title: '营业收入', render: (_, { node: e }) => wan(e.annualRevenue) },
                { title: '当前认定', render: (_, { node: e }) => <Tag color={TIER_COLOR[e.tier]}>{TIER[e.tier]}</Tag> },
                { title: '认定', render: (_, { node: e }) => <CertifyCell e={e} onDone={state.reload} /> },
              ]}
            />
            <CursorPager total={d.enterprises.totalCount} unit="家" after={after} setAfter={setAfter} pageInfo={d.enterprises.pageInfo} />
          </>
        )}
      </Loadable>
    </Card>
  );
}

function CertifyCell({ e, onDone }: { e: Ent; onDone: () => void }) {
  const [tier, setTier] = useState<EnterpriseTier>(e.tier);
  const [white, setWhite] = useState(e.whitelisted);
  const { busy, run } = useSubmit({ errors: 'toast' });
  const { message } = App.useApp();
  const save = () =>
    run(async () => {
      await request(CertifyDocument, { enterpriseId: e.id, tier, whitelisted: white });
      message.success(`已认定 ${e.name}`);
      onDone();
    });
  return (
    <Space wrap>
      <Select aria-label={`${e.name} 梯度`} size="small" style={{ width: 200 }} value={tier} onChange={setTier} options={options(TIER)} />
      <Switch
        aria-label={`${e.name} 白名单`}
        size="small"
        checked={white}
        onChange={setWhite}
        checkedChildren="白名单"
        unCheckedChildren="非白名单"
      />
      <Button size="small" type="primary" loading={busy} disabled={tier === e.tier && white === e.whitelisted} onClick={save}>
        保存
      </Button>
    </Space>
  );
}
