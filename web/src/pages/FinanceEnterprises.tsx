// 企业认定与白名单 (finance centre): certify an enterprise's tier and white-list status.
import { Button, Card, Select, Space, Switch } from 'antd';
import { useState } from 'react';
import { request } from '../api';
import { CertifyDocument, type EnterpriseTier, type EnterprisesQuery } from '../gql/generated';
import { SearchEnterprisesDocument } from '../graphql/search';
import { EdgeTable, FilterSelect, PagedLoadable, SearchBox, StatusTag } from '../components';
import { useCursor, useLoad, useSubmit } from '../hooks';
import { TIER, TIER_COLOR, options, wan } from '../labels';

type Ent = EnterprisesQuery['enterprises']['edges'][number]['node'];

export function FinanceEnterprises() {
  const [tier, setTier] = useState<EnterpriseTier | undefined>();
  const [search, setSearch] = useState('');
  const at = useCursor();
  const state = useLoad(
    () => request(SearchEnterprisesDocument, { tier: tier ?? null, after: at.cursor, search }),
    [tier, at.cursor, search],
  );
  return (
    <Card
      title="企业认定与白名单"
      extra={
        <Space wrap>
          <SearchBox placeholder="企业名称或信用代码" onSearch={(v) => (setSearch(v), at.restart())} />
          <FilterSelect
            label="按梯度筛选"
            width={220}
            value={tier}
            onChange={(v: EnterpriseTier | undefined) => (setTier(v), at.restart())}
            options={options(TIER)}
          />
        </Space>
      }
    >
      <PagedLoadable state={state} connection={(d) => d.enterprises} emptyText="暂无企业" unit="家" at={at}>
        {(edges) => (
          <EdgeTable
            edges={edges}
            scrollX={860}
            columns={[
              { title: '企业', render: (_, { node: e }) => e.name },
              { title: '统一社会信用代码', render: (_, { node: e }) => e.uscc },
              { title: '行业 / 镇街', render: (_, { node: e }) => `${e.industry} / ${e.town}` },
              { title: '营业收入', render: (_, { node: e }) => wan(e.annualRevenue) },
              { title: '当前认定', render: (_, { node: e }) => <StatusTag value={e.tier} labels={TIER} colors={TIER_COLOR} /> },
              { title: '认定', render: (_, { node: e }) => <CertifyCell e={e} onDone={state.reload} /> },
            ]}
          />
        )}
      </PagedLoadable>
    </Card>
  );
}

function CertifyCell({ e, onDone }: { e: Ent; onDone: () => void }) {
  const [tier, setTier] = useState<EnterpriseTier>(e.tier);
  const [white, setWhite] = useState(e.whitelisted);
  const { busy, run } = useSubmit({ errors: 'toast', onDone });
  const save = () => run(() => request(CertifyDocument, { enterpriseId: e.id, tier, whitelisted: white }), { success: `已认定 ${e.name}` });
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
