import type { Role } from '@yinqi/auth';
import type { EventEnvelope } from '@yinqi/contracts';

/** What identity stores, as plain objects; `data/` maps them to collections. */
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
 * `userId` of its tokens is `_id`; the secret is kept only as its SHA-256 (domain/api-client-access.ts).
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

export type User = Omit<UserRecord, 'outbox' | 'passwordHash'>;
export type UserWithHash = Omit<UserRecord, 'outbox'>;
export type Institution = Omit<InstitutionRecord, 'outbox' | 'nameKey'>;
export type Session = Omit<SessionRecord, 'outbox'>;
export type ApiClient = ApiClientRecord;
export type EndReason = NonNullable<SessionRecord['endReason']>;
