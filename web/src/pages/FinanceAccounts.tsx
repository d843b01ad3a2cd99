// 账号管理 (finance centre): every account, newest first, paged on the server; disable/enable, unlock a
// login lock, reset a password (the temporary password is shown once, here, and never again).
import { CopyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { request, requestOptional } from '../api';
import {
  ResetPasswordDocument,
  SetUserDisabledDocument,
  UnlockUserDocument,
  UsersDocument,
  type Role,
  type UsersQuery,
} from '../gql/generated';
import { Loadable, CursorPager } from '../components';
import { useLoad, useNow, useSubmit } from '../hooks';
import { ROLE, dateTimeText, options } from '../labels';
import { useSession } from '../session';

type Account = UsersQuery['users']['edges'][number]['node'];
interface InstitutionRef {
  id: string;
  name: string;
}

const PAGE_SIZE = 20;

export const isLocked = (a: Pick<Account, 'lockedUntil'>, now: number) => !!a.lockedUntil && Date.parse(a.lockedUntil) > now;

export function AccountStatus({ a, now }: { a: Account; now: number }) {
  const tags = [];
  if (a.disabled)
    tags.push(
      <Tag key="d" color="red">
        停用
      </Tag>,
    );
  if (isLocked(a, now))
    tags.push(
      <Tag key="l" color="orange">
        锁定至 {dateTimeText(a.lockedUntil)}
      </Tag>,
    );
  if (a.mustChangePassword)
    tags.push(
      <Tag key="m" color="blue">
        需改密
      </Tag>,
    );
  if (!tags.length)
    tags.push(
      <Tag key="ok" color="green">
        正常
      </Tag>,
    );
  return (
    <Space size={4} wrap>
      {tags}
    </Space>
  );
}

export function FinanceAccounts() {
  const [role, setRole] = useState<Role | undefined>();
  const [orgId, setOrgId] = useState<string | undefined>();
  const [after, setAfter] = useState<(string | null | undefined)[]>([null]);
  const cursor = after[after.length - 1] ?? null;
  const state = useLoad(
    () => request(UsersDocument, { role: role ?? null, orgId: orgId ?? null, first: PAGE_SIZE, after: cursor }),
    [role, orgId, cursor],
  );
  // Institution names for the 所属机构 column and filter: `institutions` is a gateway addition, shown when present.
  const institutions = useLoad(
    () => requestOptional<{ institutions: InstitutionRef[] }>('{ institutions { id name } }').then((r) => r?.institutions ?? []),
    [],
  );
  const names = new Map((institutions.data ?? []).map((i) => [i.id, i.name]));
  const now = useNow(30_000);
  const [temporary, setTemporary] = useState<{ email: string; password: string } | null>(null);
  const restart = () => setAfter([null]);

  return (
    <Card
      title="账号管理"
      extra={
        <Space wrap>
          <Select
            aria-label="按角色筛选"
            placeholder="按角色筛选"
            allowClear
            style={{ width: 200 }}
            value={role}
            onChange={(v: Role | undefined) => (setRole(v), restart())}
            options={options(ROLE)}
          />
          {!!institutions.data?.length && (
            <Select
              aria-label="按机构筛选"
              placeholder="按机构筛选"
              allowClear
              showSearch
              optionFilterProp="label"
              style={{ width: 240 }}
              value={orgId}
              onChange={(v: string | undefined) => (setOrgId(v), restart())}
              options={institutions.data.map((i) => ({ value: i.id, label: i.name }))}
            />
          )}
        </Space>
      }
    >
      <Loadable state={state} empty={(d) => d.users.edges.length === 0} emptyText="暂无账号">
        {(d) => (
          <>
            <AccountTable
              users={d.users.edges}
              names={names}
              now={now}
              onDone={state.reload}
              onReset={(email, password) => setTemporary({ email, password })}
            />
            <CursorPager total={d.users.totalCount} unit="个账号" after={after} setAfter={setAfter} pageInfo={d.users.pageInfo} />
          </>
        )}
      </Loadable>
      <TemporaryPasswordModal value={temporary} onClose={() => setTemporary(null)} />
    </Card>
  );
}

function AccountTable({
  users,
  names,
  now,
  onDone,
  onReset,
}: {
  users: UsersQuery['users']['edges'];
  names: Map<string, string>;
  now: number;
  onDone: () => void;
  onReset: (email: string, password: string) => void;
}) {
  return (
    <Table
      rowKey={(r) => r.node.id}
      size="small"
      scroll={{ x: 1000 }}
      pagination={false}
      dataSource={users}
      columns={[
        { title: '邮箱', render: (_, { node: a }) => a.email },
        { title: '角色', render: (_, { node: a }) => ROLE[a.role] },
        {
          title: '所属机构',
          render: (_, { node: a }) =>
            a.orgId
              ? (names.get(a.orgId) ?? (
                  <Typography.Text type="secondary" copyable={{ text: a.orgId }}>
                    {a.orgId.slice(0, 8)}…
                  </Typography.Text>
                ))
              : '—',
        },
        { title: '状态', render: (_, { node: a }) => <AccountStatus a={a} now={now} /> },
        { title: '最近登录', render: (_, { node: a }) => (a.lastLoginAt ? dateTimeText(a.lastLoginAt) : '从未登录') },
        {
          title: '操作',
          render: (_, { node: a }) => <AccountActions a={a} now={now} onDone={onDone} onReset={(password) => onReset(a.email, password)} />,
        },
      ]}
    />
  );
}

function AccountActions({ a, now, onDone, onReset }: { a: Account; now: number; onDone: () => void; onReset: (password: string) => void }) {
  const { session } = useSession();
  const { running, run } = useSubmit({ errors: 'toast', onDone });
  const self = a.id === session.user.id;
  return (
    <Space wrap size={4}>
      <Popconfirm
        title={a.disabled ? `确定启用 ${a.email}？` : `确定停用 ${a.email}？`}
        description={a.disabled ? '启用后该账号可再次登录。' : '停用后该账号的所有登录会话将立即结束，且无法再登录。'}
        okText={a.disabled ? '启用' : '停用'}
        cancelText="取消"
        onConfirm={() =>
          run(() => request(SetUserDisabledDocument, { userId: a.id, disabled: !a.disabled }), {
            key: 'disable',
            success: a.disabled ? `已启用 ${a.email}` : `已停用 ${a.email}`,
          })
        }
      >
        <Button
          size="small"
          danger={!a.disabled}
          loading={running === 'disable'}
          disabled={self && !a.disabled}
          title={self && !a.disabled ? '不能停用自己的账号' : undefined}
        >
          {a.disabled ? '启用' : '停用'}
        </Button>
      </Popconfirm>
      {isLocked(a, now) && (
        <Button
          size="small"
          loading={running === 'unlock'}
          onClick={() => run(() => request(UnlockUserDocument, { userId: a.id }), { key: 'unlock', success: `已解锁 ${a.email}` })}
        >
          解锁
        </Button>
      )}
      <Popconfirm
        title={`确定重置 ${a.email} 的密码？`}
        description="将生成临时密码，该账号的所有登录会话立即结束，下次登录须先修改密码。"
        okText="重置"
        cancelText="取消"
        onConfirm={() =>
          run(
            async () => {
              const r = await request(ResetPasswordDocument, { userId: a.id });
              onReset(r.resetPassword.temporaryPassword);
            },
            { key: 'reset' },
          )
        }
      >
        <Button size="small" loading={running === 'reset'}>
          重置密码
        </Button>
      </Popconfirm>
    </Space>
  );
}

/** The temporary password, shown once: closing the dialog forgets it (it is kept nowhere else). */
function TemporaryPasswordModal({ value, onClose }: { value: { email: string; password: string } | null; onClose: () => void }) {
  const { message } = App.useApp();
  const copy = async () => {
    if (!value) return;
    try {
      await navigator.clipboard.writeText(value.password);
      message.success('临时密码已复制');
    } catch {
      message.warning('无法访问剪贴板，请手动选中复制');
    }
  };
  return (
    <Modal
      open={!!value}
      title="临时密码"
      onCancel={onClose}
      maskClosable={false}
      destroyOnHidden
      footer={
        <Button type="primary" onClick={onClose}>
          我已记下，关闭
        </Button>
      }
    >
      {value && (
        <>
          <Typography.Paragraph>
            账号 <Typography.Text strong>{value.email}</Typography.Text> 的临时密码：
          </Typography.Paragraph>
          <Space style={{ marginBottom: 16 }}>
            <Typography.Text code style={{ fontSize: 18, userSelect: 'all' }} data-testid="temporary-password">
              {value.password}
            </Typography.Text>
            <Button icon={<CopyOutlined />} onClick={copy}>
              复制
            </Button>
          </Space>
          <Alert
            type="warning"
            showIcon
            message="临时密码只显示这一次"
            description="关闭后无法再次查看。请通过安全渠道交给本人；对方登录后须立即修改密码。"
          />
        </>
      )}
    </Modal>
  );
}
