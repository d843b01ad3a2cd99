// 账号管理 (finance centre): every account, newest first, paged on the server; disable/enable, unlock a
// login lock, reset a password (the temporary password is shown once, here, and never again).
import { Button, Card, Space, Tag, Typography } from 'antd';
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
import { ConfirmButton, EdgeTable, FilterSelect, OneTimeSecretModal, PagedLoadable, ShortId } from '../components';
import { useCursor, useLoad, useNow, useSubmit, type Cursor } from '../hooks';
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
  const at = useCursor();
  const state = useLoad(
    () => request(UsersDocument, { role: role ?? null, orgId: orgId ?? null, first: PAGE_SIZE, after: at.cursor }),
    [role, orgId, at.cursor],
  );
  // Institution names for the 所属机构 column and filter: `institutions` is a gateway addition, shown when present.
  const institutions = useLoad(
    () => requestOptional<{ institutions: InstitutionRef[] }>('{ institutions { id name } }').then((r) => r?.institutions ?? []),
    [],
  );
  const names = new Map((institutions.data ?? []).map((i) => [i.id, i.name]));
  const now = useNow(30_000);
  const [temporary, setTemporary] = useState<{ email: string; password: string } | null>(null);
  const filters = { role, setRole, orgId, setOrgId, institutions: institutions.data ?? [], restart: at.restart };

  return (
    <Card title="账号管理" extra={<AccountFilters {...filters} />}>
      <PagedLoadable state={state} connection={(d) => d.users} emptyText="暂无账号" unit="个账号" at={at}>
        {(users) => (
          <AccountTable
            users={users}
            names={names}
            now={now}
            onDone={state.reload}
            onReset={(email, password) => setTemporary({ email, password })}
          />
        )}
      </PagedLoadable>
      <TemporaryPasswordModal value={temporary} onClose={() => setTemporary(null)} />
    </Card>
  );
}

/** 按角色筛选, and 按机构筛选 where the gateway names the institutions; a change goes back to the first page. */
function AccountFilters({
  role,
  setRole,
  orgId,
  setOrgId,
  institutions,
  restart,
}: {
  role: Role | undefined;
  setRole: (r: Role | undefined) => void;
  orgId: string | undefined;
  setOrgId: (id: string | undefined) => void;
  institutions: InstitutionRef[];
  restart: Cursor['restart'];
}) {
  return (
    <Space wrap>
      <FilterSelect
        label="按角色筛选"
        width={200}
        value={role}
        onChange={(v: Role | undefined) => (setRole(v), restart())}
        options={options(ROLE)}
      />
      {institutions.length > 0 && (
        <FilterSelect
          label="按机构筛选"
          width={240}
          showSearch
          optionFilterProp="label"
          value={orgId}
          onChange={(v: string | undefined) => (setOrgId(v), restart())}
          options={institutions.map((i) => ({ value: i.id, label: i.name }))}
        />
      )}
    </Space>
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
    <EdgeTable
      edges={users}
      scrollX={1000}
      columns={[
        { title: '邮箱', render: (_, { node: a }) => a.email },
        { title: '角色', render: (_, { node: a }) => ROLE[a.role] },
        {
          title: '所属机构',
          render: (_, { node: a }) => (a.orgId ? (names.get(a.orgId) ?? <ShortId id={a.orgId} />) : '—'),
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
  const toggle = () =>
    run(() => request(SetUserDisabledDocument, { userId: a.id, disabled: !a.disabled }), {
      key: 'disable',
      success: a.disabled ? `已启用 ${a.email}` : `已停用 ${a.email}`,
    });
  const reset = () =>
    run(
      async () => {
        const r = await request(ResetPasswordDocument, { userId: a.id });
        onReset(r.resetPassword.temporaryPassword);
      },
      { key: 'reset' },
    );
  return (
    <Space wrap size={4}>
      <ConfirmButton
        title={a.disabled ? `确定启用 ${a.email}？` : `确定停用 ${a.email}？`}
        description={a.disabled ? '启用后该账号可再次登录。' : '停用后该账号的所有登录会话将立即结束，且无法再登录。'}
        okText={a.disabled ? '启用' : '停用'}
        onConfirm={toggle}
        danger={!a.disabled}
        loading={running === 'disable'}
        disabled={self && !a.disabled}
        buttonTitle={self && !a.disabled ? '不能停用自己的账号' : undefined}
      >
        {a.disabled ? '启用' : '停用'}
      </ConfirmButton>
      {isLocked(a, now) && (
        <Button
          size="small"
          loading={running === 'unlock'}
          onClick={() => run(() => request(UnlockUserDocument, { userId: a.id }), { key: 'unlock', success: `已解锁 ${a.email}` })}
        >
          解锁
        </Button>
      )}
      <ConfirmButton
        title={`确定重置 ${a.email} 的密码？`}
        description="将生成临时密码，该账号的所有登录会话立即结束，下次登录须先修改密码。"
        okText="重置"
        onConfirm={reset}
        loading={running === 'reset'}
      >
        重置密码
      </ConfirmButton>
    </Space>
  );
}

/** The temporary password, shown once: closing the dialog forgets it (it is kept nowhere else). */
function TemporaryPasswordModal({ value, onClose }: { value: { email: string; password: string } | null; onClose: () => void }) {
  return (
    <OneTimeSecretModal
      value={
        value && {
          title: '临时密码',
          label: '临时密码',
          lead: (
            <>
              账号 <Typography.Text strong>{value.email}</Typography.Text> 的临时密码：
            </>
          ),
          secret: value.password,
          warning: '关闭后无法再次查看。请通过安全渠道交给本人；对方登录后须立即修改密码。',
        }
      }
      closeText="我已记下，关闭"
      testId="temporary-password"
      fontSize={18}
      onClose={onClose}
    />
  );
}
