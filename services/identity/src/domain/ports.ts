import type { Role } from '@yinqi/auth';
import type { EventEnvelope } from '@yinqi/contracts';
import type {
  ApiClient,
  ApiClientRecord,
  EndReason,
  Institution,
  InstitutionRecord,
  Session,
  SessionRecord,
  User,
  UserRecord,
  UserWithHash,
} from './records';

export type InsertResult = { ok: true } | { ok: false; duplicate: true };

/** Plain-object access to users, institutions, sessions and API clients (implemented in `data/repository.ts`). */
export interface IdentityRepository {
  insertUser(u: UserRecord): Promise<InsertResult>;
  insertInstitution(i: InstitutionRecord): Promise<InsertResult>;
  findUserByEmail(email: string): Promise<UserWithHash | null>;
  findUserByUscc(uscc: string): Promise<UserWithHash | null>;
  findUserById(id: string): Promise<User | null>;
  findUsersByIds(ids: string[]): Promise<User[]>;
  findInstitution(id: string): Promise<Institution | null>;
  findInstitutionsByIds(ids: string[]): Promise<Institution[]>;
  findUserWithHashById(id: string): Promise<UserWithHash | null>;
  /** Newest first; `after` is the (createdAt, id) of the last one seen; up to `first + 1` items. */
  listUsers(
    filter: { role?: Role; orgId?: string },
    first: number,
    after?: { createdAt: Date; id: string },
  ): Promise<{ items: User[]; total: number }>;
  countEnabledFinanceCentre(): Promise<number>;
  /** Sets fields of one user (one atomic write, version bumped); the user after, or null. */
  updateUser(
    id: string,
    set: Partial<Pick<UserRecord, 'passwordHash' | 'disabled' | 'mustChangePassword' | 'lastLoginAt'>>,
  ): Promise<User | null>;
  insertSession(s: SessionRecord): Promise<unknown>;
  findSession(id: string): Promise<Session | null>;
  openSessionsOf(userId: string, now: Date): Promise<Session[]>;
  /** Ends an open session with its event in the same write; false when it had already ended. */
  endSession(id: string, endedAt: Date, reason: EndReason, event: EventEnvelope): Promise<boolean>;
  insertApiClient(c: ApiClientRecord): Promise<unknown>;
  findApiClient(id: string): Promise<ApiClient | null>;
  findApiClientByClientId(clientId: string): Promise<ApiClient | null>;
  listApiClients(institutionId: string): Promise<ApiClient[]>;
  /** Sets fields of one client of one institution (one atomic write); the client after, or null. */
  updateApiClient(
    id: string,
    institutionId: string,
    set: Partial<Pick<ApiClientRecord, 'secretHash' | 'sessionId' | 'disabled'>>,
  ): Promise<ApiClient | null>;
  touchApiClient(id: string, at: Date): Promise<unknown>;
  listInstitutions(kind?: string): Promise<Institution[]>;
}

export interface ThrottleRule {
  /** Failures within `windowMs` that lock the key. */
  limit: number;
  windowMs: number;
  /** How long the key stays locked, from the failure that reached the limit. */
  lockMs: number;
}

/** Failed-login counters shared by every identity replica (implemented in `data/login-throttle.ts`). */
export interface LoginThrottleStore {
  /** When the key is locked, until when; else null. */
  lockedUntil(key: string): Promise<Date | null>;
  /** Locks of several keys at once. */
  locks(keys: string[]): Promise<Map<string, Date>>;
  /** Counts one attempt in the key's window (or starts a new window): the count after it. */
  count(key: string, rule: ThrottleRule): Promise<{ count: number }>;
  /** Locks the key for `rule.lockMs` from now, unless a lock is already running; the lock's end. */
  lock(key: string, rule: ThrottleRule): Promise<Date>;
  /** Gives back one counted attempt that was not a failure. */
  forgive(key: string): Promise<void>;
  /** Forgets the key's failures and lock. */
  clear(key: string): Promise<void>;
  /** Removes records nobody needs any more. */
  sweep(): Promise<number>;
}
