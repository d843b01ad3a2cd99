// 开放接口 (bank, guarantor and fund officers): the institution's own systems connect here.
// Webhooks (事件推送) with their recent deliveries and 重新推送, and API clients (接口客户端) with
// their scopes. Secrets are shown once, in a dialog, and never again (the platform keeps only hashes).
import { Button, Card, Checkbox, Empty, Form, Input, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, request } from '../api';
import {
  ApiClientsDocument,
  CreateApiClientDocument,
  RedeliverWebhookDocument,
  RegisterWebhookDocument,
  RotateApiClientSecretDocument,
  SetApiClientDisabledDocument,
  SetWebhookActiveDocument,
  WebhookDeliveriesDocument,
  WebhooksDocument,
  type ApiClientsQuery,
  type WebhooksQuery,
  type WebhookDeliveriesQuery,
  type ApiScope,
  type DeliveryStatus,
  type Role,
  type WebhookEvent,
} from '../gql/generated';
import {
  ConfirmButton,
  EdgeTable,
  FilterSelect,
  ListTable,
  Loadable,
  type OneTimeSecret,
  OneTimeSecretModal,
  PagedLoadable,
  ShortId,
  StatusTag,
  TagList,
} from '../components';
import { useCursor, useLoad, useSubmit, type Submit } from '../hooks';
import { API_SCOPE, DELIVERY_STATUS, DELIVERY_STATUS_COLOR, WEBHOOK_EVENT, dateTimeText, options } from '../labels';
import { useSession } from '../session';

type OfficerRole = Extract<Role, 'BANK_OFFICER' | 'GUARANTOR_OFFICER' | 'FUND_OFFICER'>;
type Webhook = WebhooksQuery['webhooks'][number];

/** What each institution kind may subscribe to (API-CONTRACT-OPEN.md "Webhooks"). */
const EVENTS_FOR: Record<OfficerRole, WebhookEvent[]> = {
  BANK_OFFICER: ['MATCH_PROPOSED', 'MATCH_ACCEPTED', 'MATCH_WITHDRAWN', 'GUARANTEE_SELECTED', 'RELIEF_REQUESTED', 'LOAN_OVERDUE'],
  GUARANTOR_OFFICER: ['GUARANTEE_REQUESTED', 'GUARANTEE_SELECTED'],
  FUND_OFFICER: ['FUND_MATCH_PROPOSED'],
};
/** Scopes that fit each institution kind (API-CONTRACT-OPEN.md "API clients"). */
const SCOPES_FOR: Record<OfficerRole, ApiScope[]> = {
  BANK_OFFICER: ['MATCHES_READ', 'MATCHES_RESPOND', 'OFFERS_WRITE', 'PRODUCTS_WRITE', 'LOANS_READ', 'LOANS_WRITE'],
  GUARANTOR_OFFICER: ['GUARANTEES_READ', 'GUARANTEES_WRITE'],
  FUND_OFFICER: ['FUND_MATCHES_READ', 'FUND_MATCHES_RESPOND'],
};

const PAGE_SIZE = 10;

export function OpenInterface() {
  const { session } = useSession();
  const role = session.user.role as OfficerRole;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Webhooks role={role} />
      <ApiClients role={role} />
    </Space>
  );
}

/** A secret of the open interface, shown once (the platform keeps only its hash). */
function SecretModal({ value, onClose }: { value: OneTimeSecret | null; onClose: () => void }) {
  return <OneTimeSecretModal value={value} closeText="我已妥善保存，关闭" testId="one-time-secret" fontSize={15} onClose={onClose} />;
}

// ---------------------------------------------------------------- webhooks (事件推送)

function Webhooks({ role }: { role: OfficerRole }) {
  const hooks = useLoad(() => request(WebhooksDocument, {}), []);
  const [secret, setSecret] = useState<WebhookSecret | null>(null);
  const [deliveriesTick, setDeliveriesTick] = useState(0);
  // One submit for the table's row actions and the register form: one button spins at a time.
  const submit = useSubmit({ errors: 'toast', onDone: hooks.reload });
  const allowed = EVENTS_FOR[role];

  return (
    <>
      <Card title="事件推送（Webhook）">
        <Typography.Paragraph type="secondary">
          平台在事件发生时向贵机构系统的地址推送签名消息（Yinqi-Signature，HMAC-SHA256），失败后自动重试 24
          小时。消息只含相关编号，详情请用接口客户端读取。
        </Typography.Paragraph>
        <Loadable state={hooks} empty={(d) => d.webhooks.length === 0} emptyText="尚未登记推送地址">
          {(d) => <WebhookTable webhooks={d.webhooks} submit={submit} />}
        </Loadable>
        <Typography.Title level={5} style={{ marginTop: 16 }}>
          登记推送地址
        </Typography.Title>
        <RegisterWebhookForm allowed={allowed} submit={submit} onSecret={setSecret} />
      </Card>
      <Deliveries hooks={hooks.data?.webhooks ?? []} tick={deliveriesTick} onRefresh={() => setDeliveriesTick((t) => t + 1)} />
      <WebhookSecretModal secret={secret} onClose={() => setSecret(null)} />
    </>
  );
}

/** A registered webhook's signing secret, shown once. */
interface WebhookSecret {
  url: string;
  secret: string;
}

function WebhookTable({ webhooks, submit }: { webhooks: Webhook[]; submit: Submit }) {
  return (
    <ListTable
      rows={webhooks}
      scrollX={800}
      columns={[
        { title: '推送地址', render: (_, w) => <Typography.Text style={{ wordBreak: 'break-all' }}>{w.url}</Typography.Text> },
        { title: '订阅事件', render: (_, w) => <TagList items={w.events.map((e) => ({ key: e, label: WEBHOOK_EVENT[e] }))} /> },
        { title: '状态', render: (_, w) => (w.active ? <Tag color="green">启用</Tag> : <Tag color="red">停用</Tag>) },
        { title: '登记时间', render: (_, w) => dateTimeText(w.createdAt) },
        { title: '操作', render: (_, w) => <WebhookActiveButton w={w} submit={submit} /> },
      ]}
    />
  );
}

/** 停用 (asked first: events meanwhile wait as pending) or 启用 a webhook. */
function WebhookActiveButton({ w, submit: { running, run } }: { w: Webhook; submit: Submit }) {
  const key = `active:${w.id}`;
  const setActive = (active: boolean) =>
    run(() => request(SetWebhookActiveDocument, { id: w.id, active }), { key, success: active ? '已启用推送' : '已停用推送' });
  return w.active ? (
    <ConfirmButton
      title="确定停用该推送地址？"
      description="停用期间发生的事件会暂存为待推送，重新启用后补发。"
      okText="停用"
      onConfirm={() => setActive(false)}
      danger
      loading={running === key}
    >
      停用
    </ConfirmButton>
  ) : (
    <Button size="small" loading={running === key} onClick={() => setActive(true)}>
      启用
    </Button>
  );
}

function RegisterWebhookForm({
  allowed,
  submit,
  onSecret,
}: {
  allowed: WebhookEvent[];
  submit: Submit;
  onSecret: (s: WebhookSecret) => void;
}) {
  const { running, run } = submit;
  const [form] = Form.useForm<{ url: string; events: WebhookEvent[] }>();
  const register = async (v: { url: string; events: WebhookEvent[] }) => {
    await run(
      async () => {
        const r = await request(RegisterWebhookDocument, { url: v.url.trim(), events: v.events });
        onSecret({ url: r.registerWebhook.webhook.url, secret: r.registerWebhook.signingSecret });
        form.resetFields();
      },
      { key: 'register' },
    );
  };

  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={register}
      requiredMark={false}
      initialValues={{ events: allowed.length === 1 ? allowed : [] }}
    >
      <Form.Item
        label="推送地址（URL）"
        name="url"
        rules={[
          { required: true, message: '请输入推送地址' },
          { type: 'url', message: '请输入完整的地址，如 https://bank.example.com/yinqi/hooks' },
        ]}
      >
        <Input placeholder="https://bank.example.com/yinqi/hooks" style={{ maxWidth: 560 }} />
      </Form.Item>
      <Form.Item label="订阅事件" name="events" rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个事件' }]}>
        <Checkbox.Group options={allowed.map((e) => ({ value: e, label: WEBHOOK_EVENT[e] }))} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={running === 'register'}>
        登记
      </Button>
    </Form>
  );
}

function WebhookSecretModal({ secret, onClose }: { secret: WebhookSecret | null; onClose: () => void }) {
  return (
    <SecretModal
      value={
        secret && {
          title: '签名密钥',
          label: '签名密钥',
          lead: (
            <>
              推送地址{' '}
              <Typography.Text strong style={{ wordBreak: 'break-all' }}>
                {secret.url}
              </Typography.Text>{' '}
              的签名密钥（用于校验 Yinqi-Signature）：
            </>
          ),
          secret: secret.secret,
          warning: '关闭后无法再次查看。请保存在贵机构接收系统的密钥配置中；遗失时请登记新的推送地址并停用旧的。',
        }
      }
      onClose={onClose}
    />
  );
}

/** Recent deliveries, newest first, paged on the server by cursor. */
function Deliveries({ hooks, tick, onRefresh }: { hooks: { id: string; url: string }[]; tick: number; onRefresh: () => void }) {
  const [status, setStatus] = useState<DeliveryStatus | undefined>();
  const [webhookId, setWebhookId] = useState<string | undefined>();
  const at = useCursor();
  const { cursor, restart } = at;
  const state = useLoad(
    () => request(WebhookDeliveriesDocument, { webhookId: webhookId ?? null, status: status ?? null, first: PAGE_SIZE, after: cursor }),
    [status, webhookId, cursor, tick],
  );
  const submit = useSubmit({ errors: 'toast', onDone: state.reload });
  return (
    <Card
      title="最近推送记录"
      extra={
        <Space wrap>
          <FilterSelect
            label="按状态筛选"
            width={140}
            value={status}
            onChange={(v: DeliveryStatus | undefined) => (setStatus(v), restart())}
            options={options(DELIVERY_STATUS)}
          />
          {hooks.length > 1 && (
            <FilterSelect
              label="按推送地址筛选"
              width={220}
              value={webhookId}
              onChange={(v: string | undefined) => (setWebhookId(v), restart())}
              options={hooks.map((h) => ({ value: h.id, label: h.url }))}
            />
          )}
          <Button onClick={onRefresh}>刷新</Button>
        </Space>
      }
    >
      <PagedLoadable state={state} connection={(d) => d.webhookDeliveries} emptyText="暂无推送记录" unit="条" at={at}>
        {(deliveries) => <DeliveryTable deliveries={deliveries} submit={submit} />}
      </PagedLoadable>
    </Card>
  );
}

type DeliveryEdge = WebhookDeliveriesQuery['webhookDeliveries']['edges'][number];

function DeliveryTable({ deliveries, submit }: { deliveries: DeliveryEdge[]; submit: Submit }) {
  const { running, run } = submit;
  return (
    <EdgeTable
      edges={deliveries}
      scrollX={1100}
      columns={[
        { title: '事件', render: (_, { node: x }) => WEBHOOK_EVENT[x.event] },
        {
          title: '状态',
          render: (_, { node: x }) => <StatusTag value={x.status} labels={DELIVERY_STATUS} colors={DELIVERY_STATUS_COLOR} />,
        },
        { title: '尝试次数', render: (_, { node: x }) => x.attempts },
        {
          title: '最近结果',
          render: (_, { node: x }) => <LastResult x={x} />,
        },
        { title: '下次尝试', render: (_, { node: x }) => (x.status === 'PENDING' ? dateTimeText(x.nextAttemptAt) : '—') },
        { title: '送达时间', render: (_, { node: x }) => dateTimeText(x.deliveredAt) },
        { title: '事件编号', render: (_, { node: x }) => <ShortId id={x.eventId} /> },
        {
          title: '推送地址',
          render: (_, { node: x }) => <Typography.Text style={{ wordBreak: 'break-all' }}>{x.webhook.url}</Typography.Text>,
        },
        {
          title: '操作',
          render: (_, { node: x }) => (
            <Button
              size="small"
              loading={running === x.id}
              onClick={() =>
                run(() => request(RedeliverWebhookDocument, { deliveryId: x.id }), {
                  key: x.id,
                  success: '已重新推送（同一事件编号）',
                })
              }
            >
              重新推送
            </Button>
          ),
        },
      ]}
    />
  );
}

// ---------------------------------------------------------------- API clients (接口客户端)

type Client = ApiClientsQuery['apiClients'][number];

/** The gateway does not serve the field yet (an older deployment): the section waits calmly instead of failing. */
const notServed = (err: unknown) =>
  err instanceof ApiError && err.code === 'BAD_USER_INPUT' && /Cannot query field "\w*ApiClient\w*"/i.test(err.detail);

function ApiClients({ role }: { role: OfficerRole }) {
  const clients = useLoad(
    () =>
      request(ApiClientsDocument, {}).then(
        (r) => ({ served: true as const, clients: r.apiClients }),
        (err: unknown) => {
          if (notServed(err)) return { served: false as const, clients: [] as Client[] };
          throw err;
        },
      ),
    [],
  );
  const [secret, setSecret] = useState<ClientSecret | null>(null);
  // One submit for the table's row actions and the create form: one button spins at a time.
  const submit = useSubmit({ errors: 'toast', onDone: clients.reload });
  const allowed = SCOPES_FOR[role];

  if (clients.data && !clients.data.served)
    return (
      <Card title="接口客户端（API）">
        <Empty description="暂未开放：接口客户端功能即将上线，届时可在此创建客户端并设置权限范围" data-testid="api-clients-unavailable" />
      </Card>
    );

  return (
    <Card title="接口客户端（API）">
      <Typography.Paragraph type="secondary">
        贵机构系统用客户端编号和密钥在 POST /oauth/token 换取令牌（OAuth 2.0 client credentials），只能执行所选权限范围内的操作。
      </Typography.Paragraph>
      <Loadable state={clients} empty={(d) => d.clients.length === 0} emptyText="尚未创建接口客户端">
        {(d) => <ApiClientTable clients={d.clients} submit={submit} onSecret={setSecret} />}
      </Loadable>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        创建接口客户端
      </Typography.Title>
      <CreateApiClientForm allowed={allowed} submit={submit} onSecret={setSecret} />
      <ClientSecretModal secret={secret} onClose={() => setSecret(null)} />
    </Card>
  );
}

/** A client's secret as created or rotated, shown once. */
interface ClientSecret {
  client: Client;
  secret: string;
  rotated: boolean;
}

function ApiClientTable({ clients, submit, onSecret }: { clients: Client[]; submit: Submit; onSecret: (s: ClientSecret) => void }) {
  return (
    <ListTable
      rows={clients}
      scrollX={900}
      columns={[
        { title: '名称', render: (_, c) => c.name },
        {
          title: '客户端编号',
          render: (_, c) => (
            <Typography.Text code copyable={{ text: c.clientId }}>
              {c.clientId}
            </Typography.Text>
          ),
        },
        { title: '权限范围', render: (_, c) => <TagList items={c.scopes.map((s) => ({ key: s, label: API_SCOPE[s] }))} /> },
        { title: '状态', render: (_, c) => (c.disabled ? <Tag color="red">停用</Tag> : <Tag color="green">正常</Tag>) },
        { title: '创建时间', render: (_, c) => dateTimeText(c.createdAt) },
        { title: '最近使用', render: (_, c) => (c.lastUsedAt ? dateTimeText(c.lastUsedAt) : '从未使用') },
        {
          title: '操作',
          render: (_, c) => <ApiClientActions c={c} submit={submit} onSecret={onSecret} />,
        },
      ]}
    />
  );
}

/** 轮换密钥 and 停用 / 启用 of one client. */
function ApiClientActions({ c, submit, onSecret }: { c: Client; submit: Submit; onSecret: (s: ClientSecret) => void }) {
  const { running, run } = submit;
  const rotate = () =>
    run(
      async () => {
        const r = await request(RotateApiClientSecretDocument, { id: c.id });
        onSecret({ client: r.rotateApiClientSecret.client, secret: r.rotateApiClientSecret.clientSecret, rotated: true });
      },
      { key: `rotate:${c.id}` },
    );
  const toggle = () =>
    run(() => request(SetApiClientDisabledDocument, { id: c.id, disabled: !c.disabled }), {
      key: `disable:${c.id}`,
      success: c.disabled ? `已启用 ${c.name}` : `已停用 ${c.name}`,
    });
  return (
    <Space size={4} wrap>
      <ConfirmButton
        title={`确定轮换 ${c.name} 的密钥？`}
        description="旧密钥立即失效，贵机构系统须改用新密钥。"
        okText="轮换"
        onConfirm={rotate}
        loading={running === `rotate:${c.id}`}
      >
        轮换密钥
      </ConfirmButton>
      <ConfirmButton
        title={c.disabled ? `确定启用 ${c.name}？` : `确定停用 ${c.name}？`}
        description={c.disabled ? '启用后该客户端可再次换取令牌。' : '停用后该客户端无法换取令牌，已签发的令牌在 5 秒内失效。'}
        okText={c.disabled ? '启用' : '停用'}
        onConfirm={toggle}
        danger={!c.disabled}
        loading={running === `disable:${c.id}`}
      >
        {c.disabled ? '启用' : '停用'}
      </ConfirmButton>
    </Space>
  );
}

function CreateApiClientForm({ allowed, submit, onSecret }: { allowed: ApiScope[]; submit: Submit; onSecret: (s: ClientSecret) => void }) {
  const { running, run } = submit;
  const [form] = Form.useForm<{ name: string; scopes: ApiScope[] }>();
  return (
    <Form
      form={form}
      layout="vertical"
      requiredMark={false}
      onFinish={(v) =>
        run(
          async () => {
            const r = await request(CreateApiClientDocument, { name: v.name.trim(), scopes: v.scopes });
            onSecret({ client: r.createApiClient.client, secret: r.createApiClient.clientSecret, rotated: false });
            form.resetFields();
          },
          { key: 'create' },
        )
      }
    >
      <Form.Item
        label="名称"
        name="name"
        rules={[
          { required: true, whitespace: true, message: '请输入名称，如“信贷系统”' },
          { max: 100, message: '名称最多 100 个字' },
        ]}
      >
        <Input placeholder="如：信贷管理系统" style={{ maxWidth: 360 }} />
      </Form.Item>
      <Form.Item label="权限范围" name="scopes" rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一项权限' }]}>
        <Checkbox.Group options={allowed.map((s) => ({ value: s, label: API_SCOPE[s] }))} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={running === 'create'}>
        创建
      </Button>
    </Form>
  );
}

function ClientSecretModal({ secret, onClose }: { secret: ClientSecret | null; onClose: () => void }) {
  return (
    <SecretModal
      value={
        secret && {
          title: secret.rotated ? '新的客户端密钥' : '客户端密钥',
          label: '客户端密钥',
          lead: (
            <>
              客户端 <Typography.Text strong>{secret.client.name}</Typography.Text>（编号{' '}
              <Typography.Text code>{secret.client.clientId}</Typography.Text>）的
              {secret.rotated ? '新密钥（旧密钥已失效）' : '密钥'}：
            </>
          ),
          secret: secret.secret,
          warning: '关闭后无法再次查看，平台只保存其摘要。请保存在贵机构系统的密钥配置中；遗失时请轮换密钥。',
        }
      }
      onClose={onClose}
    />
  );
}

/** The last attempt's HTTP status and error, if any. */
function LastResult({ x }: { x: DeliveryEdge['node'] }) {
  return x.lastStatusCode != null || x.lastError ? (
    <Space direction="vertical" size={0}>
      {x.lastStatusCode != null && <span>HTTP {x.lastStatusCode}</span>}
      {x.lastError && (
        <Typography.Text type="danger" style={{ wordBreak: 'break-all' }}>
          {x.lastError}
        </Typography.Text>
      )}
    </Space>
  ) : (
    '—'
  );
}
