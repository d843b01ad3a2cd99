import type { DeliveryRecord } from './records';

/**
 * The order in which due deliveries are tried: lowest seq first, and per (webhook, aggregate) only
 * the lowest one, since the later ones would wait for it anyway (the store's order check covers the
 * rest). Manual redeliveries wait for nothing.
 */
export function firstOfEachAggregate(due: DeliveryRecord[]): DeliveryRecord[] {
  const seen = new Set<string>();
  return [...due]
    .sort((a, b) => a.seq - b.seq || +new Date(a.createdAt) - +new Date(b.createdAt))
    .filter((d) => {
      if (d.manual) return true;
      const k = `${d.webhookId}\u0000${d.aggregateKey}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
}
