import type { EventEnvelope } from '@yinqi/contracts';
import { copySchema, mongoose, outboxPath, type Connection } from '@yinqi/db';
import type { GuaranteeCopy, MatchCopy, PolicyCopy } from '../domain/copies';
import { LOANS_COLLECTION, type LoanRecord } from '../domain/loan-record';

/** Our copy of the working calendar (calendar.changed), beside the policy copy under its own key. */
export interface CalendarCopy {
  _id: string;
  version: number;
  years: { year: number; holidays: { date: string; name: string }[]; makeUpWorkdays: { date: string; name: string }[] }[];
}

function loanSchema() {
  const schema = new mongoose.Schema<LoanRecord>(
    {
      _id: String,
      matchId: { type: String, required: true },
      demandId: String,
      enterpriseId: { type: String, required: true, index: true },
      bankId: { type: String, required: true, index: true },
      amount: Number,
      annualRate: Number,
      termMonths: Number,
      repaymentMethod: String,
      disbursedAt: Date,
      outstandingPrincipal: Number,
      status: { type: String, required: true },
      schedule: [mongoose.Schema.Types.Mixed],
      nextDueDate: { type: Date, default: null },
      maturityDate: Date,
      reliefs: [mongoose.Schema.Types.Mixed],
      followUps: [mongoose.Schema.Types.Mixed],
      repayments: [mongoose.Schema.Types.Mixed],
      guaranteeFeeRate: { type: Number, default: null },
      coverageRatio: { type: Number, default: null },
      riskShare: { type: mongoose.Schema.Types.Mixed, default: null },
      bridge: { type: mongoose.Schema.Types.Mixed, default: null },
      maturityNoticed: { type: Boolean, default: false },
      disbursedBy: String,
      createdAt: { type: Date, required: true },
      updatedAt: { type: Date, required: true },
      version: { type: Number, required: true },
      outbox: outboxPath<EventEnvelope>(),
    },
    { versionKey: false, collection: LOANS_COLLECTION },
  );
  schema.index({ status: 1, nextDueDate: 1 });
  schema.index({ createdAt: -1 });
  // The loans list (findPage: newest first, then _id) for each scope the console reads it in: the
  // finance centre (all, or by status), a bank, an enterprise.
  schema.index({ createdAt: -1, _id: -1 });
  schema.index({ bankId: 1, createdAt: -1, _id: -1 });
  schema.index({ enterpriseId: 1, createdAt: -1, _id: -1 });
  schema.index({ status: 1, createdAt: -1, _id: -1 });
  schema.index({ maturityNoticed: 1, maturityDate: 1 });
  return schema;
}

export function loanModels(db: Connection) {
  // matchId is declared: with strictQuery (packages/db) a filter on an undeclared path is dropped,
  // and find({matchId}) would return every request copy — another match's selected quote included.
  const guaranteeSchema = new mongoose.Schema(
    { _id: String, matchId: String },
    { strict: false, versionKey: false, collection: 'guarantee_requests' },
  );
  guaranteeSchema.index({ matchId: 1 });
  return {
    Loan: db.model<LoanRecord>('Loan', loanSchema()),
    Match: db.model<MatchCopy>('Match', copySchema('matches')),
    Guarantee: db.model<GuaranteeCopy>('GuaranteeRequest', guaranteeSchema),
    Policy: db.model<PolicyCopy>('Policy', copySchema('policy')),
    // The same collection as the policy copy: one more document, under its own key and version.
    Calendar: db.model<CalendarCopy>('WorkingCalendarCopy', copySchema('policy')),
  };
}
export type LoanModels = ReturnType<typeof loanModels>;
