import { Card, Col, Row } from 'antd';
import type { ReactNode } from 'react';

/**
 * A page of cards side by side on a wide screen (`xl`: the card's share of 24 columns), stacked on a narrow
 * one: a form beside the list of what it makes.
 */
export function CardRow({ cards }: { cards: { title: string; xl: number; content: ReactNode }[] }) {
  return (
    <Row gutter={[16, 16]}>
      {cards.map((c) => (
        <Col key={c.title} xs={24} xl={c.xl}>
          <Card title={c.title}>{c.content}</Card>
        </Col>
      ))}
    </Row>
  );
}
