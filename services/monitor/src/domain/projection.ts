import { DEFAULT_CALENDAR_SNAPSHOT, WorkingCalendar, type ResponseSla, type WorkingCalendarSnapshot } from '@yinqi/calendar';
import { WORKING_CALENDAR_KEY, type EventEnvelope } from '@yinqi/contracts';
import { CAPITAL_DECIDERS } from './capital-facts';
import { CREDIT_DECIDERS } from './credit-facts';
import type { Decide } from './decider';
import { DEFAULT_POLICY, FACT_KINDS, type FactChange, type FactKind, type FactTypes } from './facts';
import { MATCHMAKING_DECIDERS } from './matchmaking-facts';

/** How each event type the monitor reads changes the facts; the consumer subscribes to exactly these types. */
export const FACT_DECIDERS: ReadonlyMap<string, Decide> = new Map(
  Object.entries({ ...MATCHMAKING_DECIDERS, ...CREDIT_DECIDERS, ...CAPITAL_DECIDERS }),
);

/**
 * The in-memory projection: every fact of the read model, by kind and id. `decide` turns an event
 * into the facts it changes (only those whose stored version is lower: re-delivery and replay
 * change nothing); `put` holds a fact once it is stored. Pure: no I/O, no clock.
 */
export class Projection {
  private readonly maps: { [K in FactKind]: Map<string, FactTypes[K]> } = Object.fromEntries(FACT_KINDS.map((k) => [k, new Map()])) as {
    [K in FactKind]: Map<string, FactTypes[K]>;
  };

  get<K extends FactKind>(kind: K, id: string): FactTypes[K] | undefined {
    return this.maps[kind].get(id);
  }

  all<K extends FactKind>(kind: K): IterableIterator<FactTypes[K]> {
    return this.maps[kind].values() as IterableIterator<FactTypes[K]>;
  }

  count(kind: FactKind): number {
    return this.maps[kind].size;
  }

  /** How many facts it holds, of every kind. */
  size(): number {
    return FACT_KINDS.reduce((n, k) => n + this.count(k), 0);
  }

  /** Every fact it holds, kind by kind. */
  *facts(): Generator<FactChange> {
    for (const kind of FACT_KINDS) for (const fact of this.all(kind)) yield { kind, fact } as FactChange;
  }

  put(change: FactChange): void {
    (this.maps[change.kind] as Map<string, FactTypes[FactKind]>).set(change.fact._id, change.fact);
  }

  clear(): void {
    for (const m of Object.values(this.maps)) m.clear();
  }

  policy() {
    return this.maps.policy.get('policy') ?? DEFAULT_POLICY;
  }

  /** The response SLA in force (how it is counted included). */
  responseSla(): ResponseSla {
    const p = this.policy();
    return {
      bankResponseSlaHours: p.bankResponseSlaHours,
      bankResponseSlaBasis: p.bankResponseSlaBasis ?? 'CLOCK_HOURS',
      bankResponseSlaWorkingDays: p.bankResponseSlaWorkingDays ?? 3,
    };
  }

  private cachedCalendar: { v: number; calendar: WorkingCalendar } | undefined;
  /** The working calendar as the last calendar.changed left it (the official schedules before one). */
  calendar(): WorkingCalendar {
    const fact = this.maps.calendar.get(WORKING_CALENDAR_KEY);
    const v = fact?.v ?? 0;
    if (this.cachedCalendar?.v !== v) {
      const snapshot: WorkingCalendarSnapshot = fact ? { years: fact.years } : DEFAULT_CALENDAR_SNAPSHOT;
      this.cachedCalendar = { v, calendar: new WorkingCalendar(snapshot) };
    }
    return this.cachedCalendar.calendar;
  }

  /** The facts `event` changes; empty when it is old news or of a type the monitor ignores. */
  decide(event: EventEnvelope): FactChange[] {
    return FACT_DECIDERS.get(event.type)?.(event, this) ?? [];
  }
}
