import type { DemandSnapshot, EventEnvelope } from '@yinqi/contracts';
import { findPage, insertOnce, mongoose, updateAtVersion } from '@yinqi/db';
import { applyIfNewer } from '@yinqi/events';
import type {
  DemandCopy,
  GuaranteeRequest,
  GuaranteeRequestRecord,
  Policy,
  PolicyRecord,
  WorkingCalendarDoc,
  WorkingCalendarRecord,
} from '../domain/records';
import type { GuaranteeModels } from './models';

export function guaranteeRepository(m: GuaranteeModels) {
  return { ...demandCopies(m), ...requests(m), ...calendars(m), ...policies(m) };
}
export type GuaranteeRepository = ReturnType<typeof guaranteeRepository>;

function demandCopies(m: GuaranteeModels) {
  return {
    /** Stores the enterprise service's demand if this version is newer; false when already seen. */
    saveDemand: (d: DemandSnapshot, version: number) =>
      applyIfNewer(m.Demand.collection as unknown as mongoose.mongo.Collection<DemandCopy>, d.demandId, version, d),
    findDemand: (id: string) => m.Demand.findById(id).lean<DemandCopy>().exec(),
  };
}

function requests(m: GuaranteeModels) {
  return {
    /** Inserts a new request with its event; false when the match already has one. */
    insertRequest: (record: GuaranteeRequestRecord): Promise<boolean> => insertOnce(m.Request.collection, record),
    findRequest: (id: string) => m.Request.findById(id, { outbox: 0 }).lean<GuaranteeRequest>().exec(),
    findRequestByQuote: (quoteId: string) =>
      m.Request.findOne({ 'quotes.quoteId': quoteId }, { outbox: 0 }).lean<GuaranteeRequest>().exec(),
    page: <T>(filter: Record<string, unknown>, args: { first?: unknown; after?: unknown }, toNode: (r: GuaranteeRequestRecord) => T) =>
      findPage(m.Request, filter, args, toNode),
    /** OPEN requests whose time ran out, oldest first, a bounded batch per sweep. */
    expired: (now: Date, limit: number) =>
      m.Request.find({ status: 'OPEN', expiresAt: mongoose.trusted({ $lte: now }) }, { outbox: 0 })
        .sort({ expiresAt: 1 })
        .limit(limit)
        .lean<GuaranteeRequest[]>()
        .exec(),

    /**
     * Optimistic single-document update: applies `set` and appends `event` only if the request is
     * still at `version`. False when someone else changed it first.
     */
    updateRequest: (id: string, version: number, set: Partial<GuaranteeRequestRecord>, event: EventEnvelope): Promise<boolean> =>
      updateAtVersion(m.Request.collection, id, version, set, { outbox: event }),
  };
}

/**
 * A settings aggregate (the working calendar, the district policy): one document created once at
 * start (a second start or replica finds it), changed with a version check, each change appending
 * to its `history` in the same write as its event.
 */
function settingsStore<R extends { history: unknown[] }, Doc>(model: mongoose.Model<R>) {
  return {
    find: (id: string) => model.findById(id, { outbox: 0 }).lean<Doc>().exec(),
    insert: (record: R): Promise<boolean> => insertOnce(model.collection, record),
    update: (id: string, version: number, set: Partial<R>, history: R['history'][number], event: EventEnvelope): Promise<boolean> =>
      updateAtVersion(model.collection, id, version, set, { outbox: event, history }),
  };
}

function calendars(m: GuaranteeModels) {
  const store = settingsStore<WorkingCalendarRecord, WorkingCalendarDoc>(m.WorkingCalendar);
  return { findCalendar: store.find, insertCalendar: store.insert, updateCalendar: store.update };
}

function policies(m: GuaranteeModels) {
  const store = settingsStore<PolicyRecord, Policy>(m.Policy);
  return { findPolicy: store.find, insertPolicy: store.insert, updatePolicy: store.update };
}
