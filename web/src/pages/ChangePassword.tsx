// 修改密码 (every role): old, new, repeat, with the contract's rules shown and checked here before the
// server checks them again (API-CONTRACT-ACCOUNTS.md changePassword). After a reset by the finance centre
// this is the only page until the temporary password has been replaced.
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { ApiError, errorText, request, retryText } from '../api';
import { InlineError } from '../components';
import { useSubmit } from '../hooks';
import { ChangePasswordDocument } from '../gql/generated';
import { useSession } from '../session';

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;

/** The part of the email before @, which a new password may not contain (compared ignoring case). */
const localPart = (email: string) => email.split('@')[0] ?? '';

/** Why the server refused, in Chinese (its own messages are for developers). */
function refusal(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.code === 'FORBIDDEN') return '原密码不正确（连续输错会被暂时锁定）';
    if (err.code === 'BAD_USER_INPUT')
      return `新密码不符合要求：需 ${PASSWORD_MIN}–${PASSWORD_MAX} 个字符，不能与原密码相同，不能包含邮箱 @ 前的部分`;
    if (err.code === 'TOO_MANY_REQUESTS') return retryText(err.extensions.retryAfterSeconds);
  }
  return errorText(err);
}

interface Values {
  oldPassword: string;
  newPassword: string;
  repeat: string;
}

export function ChangePasswordPage() {
  const { session, passwordChanged, mustChangePassword } = useSession();
  const [form] = Form.useForm<Values>();
  const { busy, error, run } = useSubmit({ describe: refusal });
  const local = localPart(session.user.email);

  const submit = (v: Values) =>
    run(async () => {
      const r = await request(ChangePasswordDocument, { oldPassword: v.oldPassword, newPassword: v.newPassword });
      form.resetFields();
      passwordChanged({ token: r.changePassword.token, user: r.changePassword.user, receivedAt: Date.now() });
    });

  return (
    <Card title="修改密码" style={{ maxWidth: 560 }}>
      {mustChangePassword && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="must-change"
          message="您的密码已由区金融发展事务中心重置"
          description="请先用临时密码设置新密码，完成前无法使用其他功能。"
        />
      )}
      <Typography.Paragraph type="secondary" data-testid="password-rules">
        新密码要求：{PASSWORD_MIN}–{PASSWORD_MAX} 个字符；不能与原密码相同；不能包含邮箱 @ 前的部分（{local}
        ）。修改后，其他设备上的登录会全部退出。
      </Typography.Paragraph>
      <InlineError error={error} gap={16} />
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item
          label={mustChangePassword ? '原密码（临时密码）' : '原密码'}
          name="oldPassword"
          rules={[{ required: true, message: '请输入原密码' }]}
        >
          <Input.Password autoComplete="current-password" autoFocus />
        </Form.Item>
        <NewPasswordItems local={local} />
        <Button type="primary" htmlType="submit" loading={busy}>
          确认修改
        </Button>
      </Form>
    </Card>
  );
}

/** The new password twice, checked by the rules the page states (length, not the old one, not the e-mail's local part). */
function NewPasswordItems({ local }: { local: string }) {
  return (
    <>
      <Form.Item
        label="新密码"
        name="newPassword"
        dependencies={['oldPassword']}
        rules={[
          { required: true, message: '请输入新密码' },
          { min: PASSWORD_MIN, message: `至少 ${PASSWORD_MIN} 个字符` },
          { max: PASSWORD_MAX, message: `最多 ${PASSWORD_MAX} 个字符` },
          ({ getFieldValue }) => ({
            validator: (_, value: string | undefined) =>
              value && value === getFieldValue('oldPassword') ? Promise.reject(new Error('新密码不能与原密码相同')) : Promise.resolve(),
          }),
          {
            validator: (_, value: string | undefined) =>
              value && local && value.toLowerCase().includes(local.toLowerCase())
                ? Promise.reject(new Error(`新密码不能包含邮箱 @ 前的部分（${local}）`))
                : Promise.resolve(),
          },
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        label="确认新密码"
        name="repeat"
        dependencies={['newPassword']}
        rules={[
          { required: true, message: '请再次输入新密码' },
          ({ getFieldValue }) => ({
            validator: (_, value: string | undefined) =>
              value && value !== getFieldValue('newPassword') ? Promise.reject(new Error('两次输入的新密码不一致')) : Promise.resolve(),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
}
