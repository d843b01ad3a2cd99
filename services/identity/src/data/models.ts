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
  /** 停用: a disabled account cannot sign in and its sessions were ended. */
  disabled?: boolean;
  /** Set by a reset (临时密码): until changed, only me, changePassword and logout. */
  mustChangePassword?: boolean;
  lastLoginAt?: Date | null;
  createdAt: Date;
  version: number;
  outbox: EventEnvelope[];
}

/** 登录会话: one login, kept through renewals until it ends or grows too old. */
export interface SessionRecord {
  _id: string;
  userId: string;
  startedAt: Date;
  endedAt: Date | null;
  endReason: 'LOGOUT' | 'PASSWORD_CHANGED' | 'PASSWORD_RESET' | 'USER_DISABLED' | 'CLIENT_DISABLED' | 'CLIENT_SECRET_ROTATED' | null;
  /** When the last token this session could produce expires (start + max session + token lifetime). */
  until: Date;
  outbox: EventEnvelope[];
}

/**
 * Failed-login counter of one email (`email:<address>`) or one client address (`addr:<ip>`),
 * shared by every identity replica through the database.
 */
export interface LoginThrottleRecord {
  _id: string;
  count: number;
  windowStart: Date;
  lockedUntil: Date | null;
  /** After this nothing in the record matters any more (swept). */
  expiresAt: Date;
}

/**
 * 接口客户端: an institution's own system, signing in with client credentials (RFC 6749 §4.4).
 * `userId` of its tokens is `_id`; the secret is kept only as its SHA-256 (domain/api-clients.ts).
 */
export interface ApiClientRecord {
  _id: string;
  institutionId: string;
  name: string;
  /** The public half of the credentials (`client_id`). */
  clientId: string;
  secretHash: string;
  scopes: string[];
  disabled: boolean;
  /**
   * The session every token of the current secret belongs to: rotating or disabling ends it, so
   * every process refuses those tokens through the usual `session.ended` event.
   */
  sessionId: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  version: number;
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
      disabled: { type: Boolean, default: false },
      mustChangePassword: { type: Boolean, default: false },
      lastLoginAt: { type: Date, default: null },
      createdAt: { type: Date, required: true },
      version: { type: Number, required: true },
      outbox,
    },
    { versionKey: false, collection: 'users' },
  );
  userSchema.index({ orgId: 1 });
  userSchema.index({ createdAt: -1, _id: -1 });
  const sessionSchema = new mongoose.Schema<SessionRecord>(
    {
      _id: String,
      userId: { type: String, required: true },
      startedAt: { type: Date, required: true },
      endedAt: { type: Date, default: null },
      endReason: { type: String, default: null },
      until: { type: Date, required: true },
      outbox,
    },
    { versionKey: false, collection: 'sessions' },
  );
  sessionSchema.index({ userId: 1, endedAt: 1 });
  sessionSchema.index({ until: 1 });
  const throttleSchema = new mongoose.Schema<LoginThrottleRecord>(
    {
      _id: String,
      count: { type: Number, required: true },
      windowStart: { type: Date, required: true },
      lockedUntil: { type: Date, default: null },
      expiresAt: { type: Date, required: true },
    },
    { versionKey: false, collection: 'login_throttle' },
  );
  throttleSchema.index({ expiresAt: 1 });
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
  const apiClientSchema = new mongoose.Schema<ApiClientRecord>(
    {
      _id: String,
      institutionId: { type: String, required: true },
      name: { type: String, required: true },
      clientId: { type: String, required: true, unique: true },
      secretHash: { type: String, required: true },
      scopes: { type: [String], required: true },
      disabled: { type: Boolean, default: false },
      sessionId: { type: String, required: true },
      createdAt: { type: Date, required: true },
      lastUsedAt: { type: Date, default: null },
      version: { type: Number, required: true },
    },
    { versionKey: false, collection: 'api_clients' },
  );
  apiClientSchema.index({ institutionId: 1, createdAt: 1 });
  return {
    User: db.model<UserRecord>('User', userSchema),
    Institution: db.model<InstitutionRecord>('Institution', institutionSchema),
    Session: db.model<SessionRecord>('Session', sessionSchema),
    LoginThrottle: db.model<LoginThrottleRecord>('LoginThrottle', throttleSchema),
    ApiClient: db.model<ApiClientRecord>('ApiClient', apiClientSchema),
  };
}
export type IdentityModels = ReturnType<typeof identityModels>;
