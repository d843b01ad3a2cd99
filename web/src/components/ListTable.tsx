import { Table, type TableProps } from 'antd';

/**
 * A table of rows the page holds whole: keyed by id, small, `scrollX` wide; with `pageSize`, paged in the
 * browser (no pager while one page holds them all), else on one page.
 */
export function ListTable<R extends { id: string }>({
  rows,
  scrollX,
  pageSize,
  ...table
}: { rows: R[]; scrollX: number; pageSize?: number } & Omit<TableProps<R>, 'rowKey' | 'size' | 'scroll' | 'pagination' | 'dataSource'>) {
  return (
    <Table
      rowKey="id"
      size="small"
      scroll={{ x: scrollX }}
      pagination={pageSize ? { pageSize, hideOnSinglePage: true } : false}
      dataSource={rows}
      {...table}
    />
  );
}
