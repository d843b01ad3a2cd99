import { Button, Space } from 'antd';
import type { Cursor } from '../hooks';

/**
 * "共 N 条" with 上一页 / 下一页 under a server-paginated table: 下一页 pushes the connection's end cursor,
 * 上一页 pops back to the page before.
 */
export function CursorPager({
  total,
  unit,
  at: { after, setAfter },
  pageInfo,
}: {
  total: number;
  unit: string;
  at: Pick<Cursor, 'after' | 'setAfter'>;
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
