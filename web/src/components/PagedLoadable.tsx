import { Table, type TableProps } from 'antd';
import type { ReactNode } from 'react';
import type { Cursor, Loaded } from '../hooks';
import { CursorPager } from './CursorPager';
import { Loadable } from './Loadable';

/** A page of a GraphQL connection, as the contract's paginated queries return it. */
export interface Connection<E> {
  edges: E[];
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

/**
 * A server-paginated list: loading / error / empty states, the page's rows (`children`) and the pager under
 * them. `connection` picks the connection out of what was loaded.
 */
export function PagedLoadable<T, E>({
  state,
  connection,
  emptyText,
  unit,
  at,
  children,
}: {
  state: Loaded<T>;
  connection: (data: T) => Connection<E>;
  emptyText: string;
  unit: string;
  at: Cursor;
  children: (edges: E[]) => ReactNode;
}) {
  return (
    <Loadable state={state} empty={(d) => connection(d).edges.length === 0} emptyText={emptyText}>
      {(d) => {
        const page = connection(d);
        return (
          <>
            {children(page.edges)}
            <CursorPager total={page.totalCount} unit={unit} at={at} pageInfo={page.pageInfo} />
          </>
        );
      }}
    </Loadable>
  );
}

/**
 * The table of one page of a connection: keyed by node id, `scrollX` wide, and not paginated itself (the
 * CursorPager under it moves through the pages).
 */
export function EdgeTable<N extends { id: string }>({
  edges,
  scrollX,
  ...table
}: { edges: { node: N }[]; scrollX: number } & Omit<TableProps<{ node: N }>, 'rowKey' | 'size' | 'scroll' | 'pagination' | 'dataSource'>) {
  return <Table rowKey={(r) => r.node.id} size="small" scroll={{ x: scrollX }} pagination={false} dataSource={edges} {...table} />;
}
