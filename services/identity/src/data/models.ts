import type { EventEnvelope } from '@yinqi/contracts';
import { mongoose, outboxPath, type Connection } from '@yinqi/db';
import type { ApiClientRecord, InstitutionRecord, LoginThrottleRecord, SessionRecord, UserRecord } from '../domain/records';

export type {
  ApiClientRecord,
  InstitutionKind,
  InstitutionRecord,
  LoginThrottleRecord,
  SessionRecord,
  UserRecord,
} from '../domain/records';

const outbox = outboxPath<EventEnvelope>();

/** Accounts: one unique email, one unique usccKey (one account per enterprise). */
function userSchema(): mongoose.Schema<UserRecord> {
  const schema = new mongoose.Schema<UserRecord>(
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
  schema.index({ orgId: 1 });
  schema.index({ createdAt: -1, _id: -1 });
  return schema;
}

/** Sessions (登录会话), looked up by user and by `until`. */
function sessionSchema(): mongoose.Schema<SessionRecord> {
  const schema = new mongoose.Schema<SessionRecord>(
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
  schema.index({ userId: 1, endedAt: 1 });
  schema.index({ until: 1 });
  return schema;
}

/** Failed-login counters, swept by `expiresAt`. */
function throttleSchema(): mongoose.Schema<LoginThrottleRecord> {
  const schema = new mongoose.Schema<LoginThrottleRecord>(
    {
      _id: String,
      count: { type: Number, required: true },
      windowStart: { type: Date, required: true },
      lockedUntil: { type: Date, default: null },
      expiresAt: { type: Date, required: true },
    },
    { versionKey: false, collection: 'login_throttle' },
  );
  schema.index({ expiresAt: 1 });
  return schema;
}

/** Banks, guarantors and funds; `nameKey` unique. */
function institutionSchema(): mongoose.Schema<InstitutionRecord> {
  const schema = new mongoose.Schema<InstitutionRecord>(
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
  schema.index({ kind: 1, createdAt: 1 });
  return schema;
}

/** API clients (接口客户端); `clientId` unique. */
function apiClientSchema(): mongoose.Schema<ApiClientRecord> {
  const schema = new mongoose.Schema<ApiClientRecord>(
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
  schema.index({ institutionId: 1, createdAt: 1 });
  return schema;
}

export function identityModels(db: Connection) {
  return {
    User: db.model<UserRecord>('User', userSchema()),
    Institution: db.model<InstitutionRecord>('Institution', institutionSchema()),
    Session: db.model<SessionRecord>('Session', sessionSchema()),
    LoginThrottle: db.model<LoginThrottleRecord>('LoginThrottle', throttleSchema()),
    ApiClient: db.model<ApiClientRecord>('ApiClient', apiClientSchema()),
  };
}
export type IdentityModels = ReturnType<typeof identityModels>;
