// A small row-action button that asks first (Popconfirm with 取消): 停用, 重置密码, 轮换密钥, 接受报价, 婉拒…
import { Button, Popconfirm, type ButtonProps } from 'antd';
import type { ReactNode } from 'react';

/**
 * `children` on a small button; `onConfirm` runs once the question `title` is answered with `okText`.
 * `buttonTitle` is the button's own title attribute (why it is disabled, say).
 */
export function ConfirmButton({
  title,
  description,
  okText,
  onConfirm,
  buttonTitle,
  children,
  ...button
}: {
  title: ReactNode;
  description?: ReactNode;
  okText: string;
  onConfirm: () => unknown;
  buttonTitle?: string | undefined;
  children: ReactNode;
} & Omit<ButtonProps, 'title' | 'onClick' | 'size'>) {
  return (
    <Popconfirm title={title} description={description} okText={okText} cancelText="取消" onConfirm={onConfirm}>
      <Button size="small" title={buttonTitle} {...button}>
        {children}
      </Button>
    </Popconfirm>
  );
}
