import type { DemandSnapshot, EventEnvelope } from '@yinqi/contracts';
import type { Page } from '@yinqi/db';
import type {
  DemandCopy,
  GuaranteeRequest,
  GuaranteeRequestRecord,
  Policy,
  PolicyRecord,
  WorkingCalendarDoc,
  WorkingCalendarRecord,
} from './records';

/** An update of a document that keeps its history: the entry is appended with the event, in the same write. */
type UpdateWithHistory<R extends { history: unknown[] }> = (
  id: string,
  version: number,
  set: Partial<R>,
  history: R['history'][number],
  event: EventEnvelope,
) => Promise<boolean>;

/**
 * What the use cases need from storage (data/repository.ts implements it). `insert*` answer false
 * when the document already exists; `update*` apply `set` and append the event (and history entry)
 * only if the document is still at `version`, false when someone else changed it first.
 */
export interface GuaranteeStore {
  /** Stores the enterprise service's demand if this version is newer; false when already seen. */
  saveDemand(d: DemandSnapshot, version: number): Promise<boolean>;
  findDemand(id: string): Promise<DemandCopy | null>;

  insertRequest(record: GuaranteeRequestRecord): Promise<boolean>;
  findRequest(id: string): Promise<GuaranteeRequest | null>;
  findRequestByQuote(quoteId: string): Promise<GuaranteeRequest | null>;
  page<T>(
    filter: Record<string, unknown>,
    args: { first?: unknown; after?: unknown },
    toNode: (r: GuaranteeRequestRecord) => T,
  ): Promise<Page<T>>;
  /** OPEN requests whose time ran out, oldest first. */
  expired(now: Date, limit: number): Promise<GuaranteeRequest[]>;
  updateRequest(id: string, version: number, set: Partial<GuaranteeRequestRecord>, event: EventEnvelope): Promise<boolean>;

  findCalendar(id: string): Promise<WorkingCalendarDoc | null>;
  insertCalendar(record: WorkingCalendarRecord): Promise<boolean>;
  updateCalendar: UpdateWithHistory<WorkingCalendarRecord>;

  findPolicy(id: string): Promise<Policy | null>;
  insertPolicy(record: PolicyRecord): Promise<boolean>;
  updatePolicy: UpdateWithHistory<PolicyRecord>;
}
