// The loading / error / empty states every page shows around what it loaded.
import { Alert, Button, Empty, Spin } from 'antd';
import type { ReactNode } from 'react';
import type { Loaded } from '../hooks';

/** Loading spinner, error with retry, or the content (with an empty state when `empty`). */
export function Loadable<T>({
  state,
  empty,
  emptyText = '暂无数据',
  children,
}: {
  state: Loaded<T>;
  empty?: (data: T) => boolean;
  emptyText?: string;
  children: (data: T) => ReactNode;
}) {
  if (state.error && !state.data)
    return (
      <Alert
        type="error"
        showIcon
        message="加载失败"
        description={state.error}
        action={
          <Button size="small" onClick={state.reload}>
            重试
          </Button>
        }
      />
    );
  if (!state.data)
    return (
      <div style={{ padding: 48, textAlign: 'center' }} aria-busy="true">
        <Spin tip="加载中…">
          <div style={{ minHeight: 40 }} />
        </Spin>
      </div>
    );
  // aria-busy while a reload runs (the last data stays on screen): assistive technology and tests wait on it.
  return (
    <div className="yq-loaded" aria-busy={state.loading || undefined}>
      {empty?.(state.data) ? <Empty description={emptyText} /> : children(state.data)}
    </div>
  );
}
