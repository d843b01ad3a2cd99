import { mongoose, outboxField, type Connection } from '@yinqi/db';
import type { EventEnvelope } from '@yinqi/contracts';
import type { Role } from '@yinqi/auth';

export type InstitutionKind = 'BANK' | 'GUARANTOR' | 'FUND';

export interface EnterpriseRegistration {
  enterpriseId: string;
  name: string;
  uscc: string;
  industry: string;
  town: string;
}

export interface UserRecord {
  _id: string;
  email: string;
  passwordHash: string;
  role: Role;
  orgId: string | null;
  /**
   * Unique per user: the USCC for enterprise accounts, `user:<id>` otherwise. One unique index on
   * it makes "one account per enterprise" hold in the same single insert as the account itself
   * (FerretDB has no partial or sparse unique indexes to do it otherwise).
   */
  usccKey: string;
  enterprise?: EnterpriseRegistration;
  createdAt: Date;
  version: number;
  outbox: EventEnvelope[];
}

export interface InstitutionRecord {
  _id: string;
  kind: InstitutionKind;
  name: string;
  /** Lower-cased kind:name, unique: two banks with the same name would confuse everyone. */
  nameKey: string;
  createdAt: Date;
  version: number;
  outbox: EventEnvelope[];
}

const outbox = outboxField;

export function identityModels(db: Connection) {
  const userSchema = new mongoose.Schema<UserRecord>(
    {
      _id: String,
      email: { type: String, required: true, unique: true },
      passwordHash: { type: String, required: true },
      role: { type: String, required: true },
      orgId: { type: String, default: null },
      usccKey: { type: String, required: true, unique: true },
      enterprise: { type: mongoose.Schema.Types.Mixed },
      createdAt: { type: Date, required: true },
      version: { type: Number, required: true },
      outbox,
    },
    { versionKey: false, collection: 'users' },
  );
  userSchema.index({ orgId: 1 });
  const institutionSchema = new mongoose.Schema<InstitutionRecord>(
    {
      _id: String,
      kind: { type: String, required: true },
      name: { type: String, required: true },
      nameKey: { type: String, required: true, unique: true },
      createdAt: { type: Date, required: true },
      version: { type: Number, required: true },
      outbox,
    },
    { versionKey: false, collection: 'institutions' },
  );
  institutionSchema.index({ kind: 1, createdAt: 1 });
  return {
    User: db.model<UserRecord>('User', userSchema),
    Institution: db.model<InstitutionRecord>('Institution', institutionSchema),
  };
}
export type IdentityModels = ReturnType<typeof identityModels>;
