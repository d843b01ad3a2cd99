import type { EventDataOf, EventDefinition, EventEnvelope } from '@yinqi/contracts';
import type { FactChange, FactKind, FactTypes } from './facts';

/** The facts a decision reads: what the projection holds now. */
export interface HeldFacts {
  get<K extends FactKind>(kind: K, id: string): FactTypes[K] | undefined;
}

/** Turns one event into the facts it changes (empty: old news). */
export type Decide = (event: EventEnvelope, held: HeldFacts) => FactChange[];

/**
 * Deciders by event type, with `data` typed from the event's schema: the consumer validated it
 * against that schema before the event reached the projection (the cast below is that promise,
 * made once here, as onEvent does for handlers in @yinqi/events).
 */
export function decideOn<D extends EventDefinition>(
  defs: D | readonly D[],
  fn: (data: EventDataOf<D>, event: EventEnvelope, held: HeldFacts) => FactChange[],
): Record<string, Decide> {
  const list: readonly D[] = Array.isArray(defs) ? (defs as readonly D[]) : [defs as D];
  const decide: Decide = (event, held) => fn(event.data as EventDataOf<D>, event, held);
  return Object.fromEntries(list.map((d) => [d.type, decide]));
}

/** Whether a fact with version `v` would be newer than what is held (none held: yes). */
export const isNewer = (held: HeldFacts, kind: FactKind, id: string, v: number): boolean => {
  const cur = held.get(kind, id);
  return !cur || cur.v < v;
};

export const ms = (iso: string) => Date.parse(iso);
