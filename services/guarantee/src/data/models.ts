import type { EventEnvelope } from '@yinqi/contracts';
import { copySchema, mongoose, outboxPath, type Connection } from '@yinqi/db';
import {
  CALENDAR_COLLECTION,
  POLICY_COLLECTION,
  REQUESTS_COLLECTION,
  type DemandCopy,
  type GuaranteeRequestRecord,
  type PolicyRecord,
  type WorkingCalendarRecord,
} from '../domain/records';

const outbox = outboxPath<EventEnvelope>();

export function guaranteeModels(db: Connection) {
  const Mixed = mongoose.Schema.Types.Mixed;
  const requestSchema = guaranteeRequestSchema();
  const demandSchema = copySchema('demands');

  const policySchema = new mongoose.Schema<PolicyRecord>(
    {
      _id: String,
      guaranteeFeeRateCap: Number,
      guaranteeFeeRateTarget: Number,
      riskShareGuarantor: Number,
      riskShareBank: Number,
      riskShareGovernment: Number,
      bankResponseSlaHours: Number,
      bankResponseSlaBasis: String,
      bankResponseSlaWorkingDays: Number,
      bridgeRequestWindowDays: Number,
      bridgeMaxWorkingDays: Number,
      history: [Mixed],
      updatedAt: Date,
      version: { type: Number, required: true },
      outbox,
    },
    { versionKey: false, collection: POLICY_COLLECTION, minimize: false },
  );
  const calendarSchema = new mongoose.Schema<WorkingCalendarRecord>(
    { _id: String, years: [Mixed], history: [Mixed], updatedAt: Date, version: { type: Number, required: true }, outbox },
    { versionKey: false, collection: CALENDAR_COLLECTION, minimize: false },
  );
  return {
    WorkingCalendar: db.model<WorkingCalendarRecord>('WorkingCalendar', calendarSchema),
    Request: db.model<GuaranteeRequestRecord>('GuaranteeRequest', requestSchema),
    Policy: db.model<PolicyRecord>('Policy', policySchema),
    Demand: db.model<DemandCopy>('Demand', demandSchema),
  };
}
export type GuaranteeModels = ReturnType<typeof guaranteeModels>;

/** 担保需求: one per accepted match that needs a guarantee, indexed for every list and the expiry sweep. */
function guaranteeRequestSchema() {
  const Mixed = mongoose.Schema.Types.Mixed;
  const schema = new mongoose.Schema<GuaranteeRequestRecord>(
    {
      _id: String,
      matchId: { type: String, required: true },
      demandId: { type: String, required: true },
      enterpriseId: { type: String, required: true },
      bankId: { type: String, required: true },
      productId: { type: String, required: true },
      amount: { type: Number, required: true },
      offer: { type: Mixed, default: null },
      matchCreatedAt: String,
      matchScore: Number,
      matchStatus: String,
      demand: { type: Mixed, default: null },
      demandVersion: { type: Number, default: 0 },
      matchVersion: { type: Number, required: true },
      status: { type: String, required: true },
      quotes: [Mixed],
      guarantorIds: { type: [String], default: [] },
      selectedQuoteId: { type: String, default: null },
      closedReason: { type: String, default: null },
      createdAt: { type: Date, required: true },
      expiresAt: { type: Date, required: true },
      updatedAt: { type: Date, required: true },
      version: { type: Number, required: true },
      outbox,
    },
    { versionKey: false, collection: REQUESTS_COLLECTION, minimize: false },
  );
  schema.index({ createdAt: -1, _id: -1 });
  schema.index({ enterpriseId: 1, createdAt: -1 });
  schema.index({ status: 1, expiresAt: 1 });
  schema.index({ 'quotes.quoteId': 1 });
  schema.index({ guarantorIds: 1 });
  schema.index({ demandId: 1 });
  return schema;
}
