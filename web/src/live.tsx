// Live match events (matchEvents over SSE): pages reload when one arrives.
import { Badge } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { subscribe } from './api';
import { MatchEventsDocument, type MatchEventsSubscription } from './gql/generated';

export type LiveEvent = MatchEventsSubscription['matchEvents'];

/** Calls onEvent for every match event the signed-in user may see; returns whether the stream is connected. */
export function useMatchEvents(onEvent: (e: LiveEvent) => void): boolean {
  const [connected, setConnected] = useState(false);
  const cb = useRef(onEvent);
  cb.current = onEvent;
  useEffect(() => subscribe(MatchEventsDocument, (d) => cb.current(d.matchEvents), setConnected), []);
  return connected;
}

export function LiveBadge({ connected }: { connected: boolean }) {
  return (
    <Badge
      status={connected ? 'processing' : 'default'}
      text={connected ? '实时更新中' : '实时连接中断，重连中…'}
      data-testid="live-badge"
      data-connected={connected}
    />
  );
}
