// Small data hooks and the loading / error / empty states every page uses.
import { Alert, Button, Empty, Space, Spin } from 'antd';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { errorText } from './api';

export interface Loaded<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  reload: () => void;
}

/** Runs `load` now and whenever deps change or reload() is called; keeps the last data while reloading. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data: T | null; error: string | null; loading: boolean }>({
    data: null,
    error: null,
    loading: true,
  });
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    loadRef.current().then(
      (data) => live && setState({ data, error: null, loading: false }),
      (err: unknown) => live && setState((s) => ({ data: s.data, error: errorText(err), loading: false })),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}

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

/** Re-renders every `ms` (for countdowns). */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}

/** The cursors of the pages seen so far (the first is null): the last one is the page shown. */
export type CursorStack = (string | null | undefined)[];

/**
 * "共 N 条" with 上一页 / 下一页 under a server-paginated table: 下一页 pushes the connection's end cursor,
 * 上一页 pops back to the page before.
 */
export function CursorPager({
  total,
  unit,
  after,
  setAfter,
  pageInfo,
}: {
  total: number;
  unit: string;
  after: CursorStack;
  setAfter: (next: CursorStack) => void;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}) {
  return (
    <Space style={{ marginTop: 12 }} wrap>
      <span>
        共 {total} {unit}
      </span>
      <Button size="small" disabled={after.length <= 1} onClick={() => setAfter(after.slice(0, -1))}>
        上一页
      </Button>
      <Button size="small" disabled={!pageInfo.hasNextPage} onClick={() => setAfter([...after, pageInfo.endCursor])}>
        下一页
      </Button>
    </Space>
  );
}
