import type { DemandSnapshot, EnterpriseSnapshot, EventEnvelope, ProductSnapshot } from '@yinqi/contracts';
import { copySchema, mongoose, outboxPath, type Connection } from '@yinqi/db';
import type { MatchRecord } from '../domain/match';

const outbox = outboxPath<EventEnvelope>();

/** Copies of other services' aggregates, kept from their events (never read from their databases). */
export type EnterpriseCopy = EnterpriseSnapshot & { _id: string; version: number };
export type DemandCopy = DemandSnapshot & { _id: string; version: number };
export type ProductCopy = ProductSnapshot & { _id: string; version: number };

/** One per demand once an offer of it is accepted: the claim that makes a double accept impossible. */
export interface AcceptanceRecord {
  _id: string;
  matchId: string;
  at: Date;
}

export function matchingModels(db: Connection) {
  const matchSchema = new mongoose.Schema<MatchRecord>(
    {
      _id: String,
      demandId: { type: String, required: true, index: true },
      enterpriseId: { type: String, required: true, index: true },
      productId: { type: String, required: true, index: true },
      bankId: { type: String, required: true },
      score: Number,
      reasons: [mongoose.Schema.Types.Mixed],
      status: { type: String, required: true },
      offer: { type: mongoose.Schema.Types.Mixed, default: null },
      amount: Number,
      guaranteeRequired: Boolean,
      guaranteeFeeRate: { type: Number, default: null },
      responseReason: { type: String, default: null },
      createdAt: { type: Date, required: true },
      respondedAt: { type: Date, default: null },
      updatedAt: { type: Date, required: true },
      version: { type: Number, required: true },
      outbox,
    },
    { versionKey: false, collection: 'matches' },
  );
  matchSchema.index({ bankId: 1, createdAt: -1 });
  const acceptanceSchema = new mongoose.Schema<AcceptanceRecord>(
    { _id: String, matchId: String, at: Date },
    { versionKey: false, collection: 'acceptances' },
  );
  const enterpriseSchema = copySchema('enterprises');
  const demandSchema = copySchema('demands');
  demandSchema.index({ status: 1 });
  const productSchema = copySchema('products');
  productSchema.index({ status: 1 });
  return {
    Match: db.model<MatchRecord>('Match', matchSchema),
    Acceptance: db.model<AcceptanceRecord>('Acceptance', acceptanceSchema),
    Enterprise: db.model<EnterpriseCopy>('Enterprise', enterpriseSchema),
    Demand: db.model<DemandCopy>('Demand', demandSchema),
    Product: db.model<ProductCopy>('Product', productSchema),
    Policy: db.model('Policy', copySchema('policy')),
  };
}
export type MatchingModels = ReturnType<typeof matchingModels>;
