import { Button } from 'antd';
import type { Loaded } from '../hooks';

/** 刷新 in a card's corner: reloads what the card shows, spinning while it loads. */
export function RefreshButton({ state }: { state: Pick<Loaded<unknown>, 'reload' | 'loading'> }) {
  return (
    <Button size="small" onClick={state.reload} loading={state.loading}>
      刷新
    </Button>
  );
}
