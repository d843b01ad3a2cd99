// How the console shows a labelled value: a status in its colour, a row of plain tags, a shortened id.
import { Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';

/** `labels[value]` in the colour `colors[value]` (a status, a tier). */
export function StatusTag<K extends string>({
  value,
  labels,
  colors,
  testId,
}: {
  value: K;
  labels: Record<K, string>;
  colors: Record<K, string>;
  testId?: string;
}) {
  return (
    <Tag color={colors[value]} data-testid={testId}>
      {labels[value]}
    </Tag>
  );
}

/** One plain tag per item (subscribed events, scopes, criteria), wrapping. */
export function TagList({ items }: { items: { key: string; label: ReactNode }[] }) {
  return (
    <Space size={4} wrap>
      {items.map((i) => (
        <Tag key={i.key}>{i.label}</Tag>
      ))}
    </Space>
  );
}

/** The first eight characters of an id, the whole of it copyable. */
export function ShortId({ id }: { id: string }) {
  return (
    <Typography.Text type="secondary" copyable={{ text: id }}>
      {id.slice(0, 8)}…
    </Typography.Text>
  );
}
