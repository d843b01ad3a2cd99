import type { EventEnvelope } from '@yinqi/contracts';
import { mongoose, outboxPath, type Connection } from '@yinqi/db';
import type { ProductRecord } from '../domain/records';

/** @yinqi/db declares the field `any` (a mongoose schema fragment); typed here for the record's `outbox`. */
const outbox = outboxPath<EventEnvelope>();

export const PRODUCTS_COLLECTION = 'products';

export function productModels(db: Connection) {
  const productSchema = new mongoose.Schema<ProductRecord>(
    {
      _id: String,
      bankId: { type: String, required: true },
      name: { type: String, required: true },
      status: { type: String, required: true },
      minAmount: { type: Number, required: true },
      maxAmount: { type: Number, required: true },
      minTermMonths: { type: Number, required: true },
      maxTermMonths: { type: Number, required: true },
      annualRateMin: { type: Number, required: true },
      annualRateMax: { type: Number, required: true },
      eligibleTiers: { type: [String], default: [] },
      industries: { type: [String], default: [] },
      purposes: { type: [String], default: [] },
      collateralAccepted: { type: [String], default: [] },
      requiresWhitelist: { type: Boolean, required: true },
      requiresGuarantee: { type: Boolean, required: true },
      rdUpliftThreshold: { type: Number, default: null },
      rdUpliftRatio: { type: Number, default: null },
      policyTags: { type: [String], default: [] },
      createdAt: { type: Date, required: true },
      updatedAt: { type: Date, required: true },
      version: { type: Number, required: true },
      outbox,
    },
    { versionKey: false, collection: PRODUCTS_COLLECTION },
  );
  // The catalogue pages newest first over (createdAt, _id) within a status, a bank, or a policy tag.
  productSchema.index({ status: 1, createdAt: -1, _id: -1 });
  productSchema.index({ bankId: 1, status: 1, createdAt: -1, _id: -1 });
  productSchema.index({ policyTags: 1, status: 1, createdAt: -1, _id: -1 });
  return {
    Product: db.model<ProductRecord>('Product', productSchema),
  };
}
export type ProductModels = ReturnType<typeof productModels>;
