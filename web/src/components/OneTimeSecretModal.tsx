// 一次性密钥: a secret the platform shows once (a temporary password, a webhook's signing secret, an API
// client's secret). Closing the dialog forgets it: it is kept nowhere else, not even on the server.
import { CopyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Modal, Space, Typography } from 'antd';
import type { ReactNode } from 'react';

export interface OneTimeSecret {
  title: string;
  /** What the secret is called in "…已复制" and "…只显示这一次". */
  label: string;
  lead: ReactNode;
  secret: string;
  warning: string;
}

/** The dialog with the secret, a 复制 button and the warning that it is shown only this once. */
export function OneTimeSecretModal({
  value,
  closeText,
  testId,
  fontSize,
  onClose,
}: {
  value: OneTimeSecret | null;
  closeText: string;
  testId: string;
  fontSize: number;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const copy = async () => {
    if (!value) return;
    try {
      await navigator.clipboard.writeText(value.secret);
      message.success(`${value.label}已复制`);
    } catch {
      message.warning('无法访问剪贴板，请手动选中复制');
    }
  };
  return (
    <Modal
      open={!!value}
      title={value?.title}
      onCancel={onClose}
      maskClosable={false}
      destroyOnHidden
      footer={
        <Button type="primary" onClick={onClose}>
          {closeText}
        </Button>
      }
    >
      {value && (
        <>
          <Typography.Paragraph>{value.lead}</Typography.Paragraph>
          <Space style={{ marginBottom: 16, maxWidth: '100%' }} wrap>
            <Typography.Text code style={{ fontSize, userSelect: 'all', wordBreak: 'break-all' }} data-testid={testId}>
              {value.secret}
            </Typography.Text>
            <Button icon={<CopyOutlined />} onClick={copy}>
              复制
            </Button>
          </Space>
          <Alert type="warning" showIcon message={`${value.label}只显示这一次`} description={value.warning} />
        </>
      )}
    </Modal>
  );
}
