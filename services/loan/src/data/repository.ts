import {
  WORKING_CALENDAR_KEY,
  type EventEnvelope,
  type GuaranteeRequestSnapshot,
  type MatchSnapshot,
  type PolicySnapshot,
} from '@yinqi/contracts';
import { findPage, insertOnce, mongoose } from '@yinqi/db';
import { applyIfNewer, type VersionedDocument } from '@yinqi/events';
import type { WorkingCalendarSnapshot } from '@yinqi/calendar';
import type { GuaranteeCopy, MatchCopy, PolicyCopy } from '../domain/copies';
import type { Loan, LoanRecord } from '../domain/loan-record';
import type { LoanRepository } from '../domain/loan-repository';
import type { CalendarCopy, LoanModels } from './models';

const copy = <T extends VersionedDocument>(model: mongoose.Model<T>) => model.collection as unknown as mongoose.mongo.Collection<T>;

/** The copies of other services' state, each written only by a newer event than the one it holds. */
function copyStore(m: LoanModels) {
  return {
    saveMatch: (s: MatchSnapshot, version: number) => applyIfNewer(copy(m.Match), s.matchId, version, s),
    saveGuarantee: (r: GuaranteeRequestSnapshot, version: number) =>
      applyIfNewer(copy(m.Guarantee), r.requestId, version, {
        matchId: r.matchId,
        status: r.status,
        selectedQuoteId: r.selectedQuoteId,
        quotes: r.quotes.map((q) => ({
          quoteId: q.quoteId,
          guarantorId: q.guarantorId,
          feeRate: q.feeRate,
          coverageRatio: q.coverageRatio,
        })),
      }),
    savePolicy: (p: PolicySnapshot, version: number) => applyIfNewer(copy(m.Policy), 'policy', version, p),
    findMatchCopy: (id: string) => m.Match.findById(id).lean<MatchCopy>().exec(),
    guaranteesOfMatch: (matchId: string) => m.Guarantee.find({ matchId }).lean<GuaranteeCopy[]>().exec(),
    findPolicy: () => m.Policy.findById('policy').lean<PolicyCopy>().exec(),
    /** The working calendar travels on the policy topic and is kept beside the policy copy. */
    saveCalendar: (c: WorkingCalendarSnapshot, version: number) =>
      applyIfNewer(copy(m.Calendar), WORKING_CALENDAR_KEY, version, { years: c.years }),
    findCalendar: async (): Promise<WorkingCalendarSnapshot | null> => {
      const c = await m.Calendar.findById(WORKING_CALENDAR_KEY).lean<CalendarCopy>().exec();
      return c ? { years: c.years } : null;
    },
  };
}

function loanStore(m: LoanModels) {
  return {
    findLoan: (id: string) => m.Loan.findById(id, { outbox: 0 }).lean<Loan>().exec(),
    loansByIds: (ids: string[]) =>
      m.Loan.find({ _id: mongoose.trusted({ $in: ids }) }, { outbox: 0 })
        .lean<Loan[]>()
        .exec(),
    /** Inserts a new loan with its event; false when the match already has one. */
    insertLoan: (record: LoanRecord): Promise<boolean> => insertOnce(m.Loan.collection, record),
    /**
     * Optimistic single-document update: the whole changed state (schedule included: one `$set`
     * keeps every derived field in step) and its events, only if the loan is still at `version`.
     * Atomic in the store, so it is safe against any other writer, another replica's included.
     */
    async updateLoan(id: string, version: number, set: Partial<LoanRecord>, events: EventEnvelope[]): Promise<boolean> {
      const update: Record<string, unknown> = { $set: { ...set, version: version + 1, updatedAt: new Date() } };
      if (events.length === 1) update.$push = { outbox: events[0] };
      else if (events.length > 1) update.$push = { outbox: { $each: events } };
      const res = await m.Loan.collection.updateOne({ _id: id, version } as never, update as never);
      return res.modifiedCount === 1;
    },
    page: <T>(filter: Record<string, unknown>, args: { first?: unknown; after?: unknown }, toNode: (l: LoanRecord) => T) =>
      findPage(m.Loan, filter, args, toNode),
    /** Loans with an unpaid instalment past due that are not yet marked OVERDUE. */
    newlyOverdue: (now: Date, limit: number) =>
      m.Loan.find({ status: 'ACTIVE', nextDueDate: mongoose.trusted({ $lt: now }) }, { outbox: 0 })
        .limit(limit)
        .lean<Loan[]>()
        .exec(),
    /** Open loans maturing before `horizon` whose maturity notice is not raised yet. */
    maturingBefore: (horizon: Date, limit: number) =>
      m.Loan.find(
        {
          maturityNoticed: false,
          status: mongoose.trusted({ $in: ['ACTIVE', 'OVERDUE'] }),
          maturityDate: mongoose.trusted({ $lte: horizon }),
        },
        { outbox: 0 },
      )
        .limit(limit)
        .lean<Loan[]>()
        .exec(),
  };
}

/** The loans and the copies of other services' state, in the store (implements the domain's LoanRepository). */
export const loanRepository = (m: LoanModels): LoanRepository => ({ ...copyStore(m), ...loanStore(m) });
