import { isDuplicateKeyError, mongoose } from '@yinqi/db';
import type { Role } from '@yinqi/auth';
import type { EventEnvelope } from '@yinqi/contracts';
import type { IdentityRepository, InsertResult } from '../domain/ports';
import type { ApiClient, Institution, Session, User, UserWithHash } from '../domain/records';
import type { ApiClientRecord, IdentityModels, InstitutionRecord, SessionRecord, UserRecord } from './models';

const userProjection = { outbox: 0 } as const;

const insert = async (fn: () => Promise<unknown>): Promise<InsertResult> => {
  try {
    await fn();
    return { ok: true };
  } catch (err) {
    if (isDuplicateKeyError(err)) return { ok: false, duplicate: true };
    throw err;
  }
};

/** Plain-object access to users, institutions, sessions and API clients; mongoose stays in here. */
export function identityRepository(m: IdentityModels): IdentityRepository {
  return { ...userQueries(m), ...institutionQueries(m), ...sessionQueries(m), ...apiClientQueries(m) };
}

function userQueries(m: IdentityModels) {
  return {
    insertUser: (u: UserRecord) => insert(() => m.User.collection.insertOne(u as never)),
    findUserByEmail: (email: string) => m.User.findOne({ email }, userProjection).lean<UserWithHash>().exec(),
    findUserByUscc: (uscc: string) => m.User.findOne({ usccKey: uscc }, userProjection).lean<UserWithHash>().exec(),
    findUserById: (id: string) => m.User.findById(id, { outbox: 0, passwordHash: 0 }).lean<User>().exec(),
    findUsersByIds: (ids: string[]) =>
      m.User.find({ _id: mongoose.trusted({ $in: ids }) }, { outbox: 0, passwordHash: 0 })
        .lean<User[]>()
        .exec(),
    findUserWithHashById: (id: string) => m.User.findById(id, userProjection).lean<UserWithHash>().exec(),
    /** Newest first; `after` is the (createdAt, id) of the last one seen. */
    listUsers: async (filter: { role?: Role; orgId?: string }, first: number, after?: { createdAt: Date; id: string }) => {
      const base: Record<string, unknown> = {};
      if (filter.role) base.role = filter.role;
      if (filter.orgId) base.orgId = filter.orgId;
      const page = after
        ? {
            ...base,
            $or: [
              { createdAt: mongoose.trusted({ $lt: after.createdAt }) },
              { createdAt: after.createdAt, _id: mongoose.trusted({ $lt: after.id }) },
            ],
          }
        : base;
      const [items, total] = await Promise.all([
        m.User.find(page, { outbox: 0, passwordHash: 0 })
          .sort({ createdAt: -1, _id: -1 })
          .limit(first + 1)
          .lean<User[]>()
          .exec(),
        m.User.countDocuments(base).exec(),
      ]);
      return { items, total };
    },
    countEnabledFinanceCentre: () => m.User.countDocuments({ role: 'FINANCE_CENTER', disabled: mongoose.trusted({ $ne: true }) }).exec(),
    /**
     * Sets fields of one user (one atomic write, version bumped); the user after, or null. An update
     * then a read: FerretDB's findAndModify does not take a projection, and the hash must not leave here.
     */
    updateUser: async (id: string, set: Partial<Pick<UserRecord, 'passwordHash' | 'disabled' | 'mustChangePassword' | 'lastLoginAt'>>) => {
      const res = await m.User.updateOne({ _id: id }, { $set: set, $inc: { version: 1 } }).exec();
      if (res.matchedCount === 0) return null;
      return m.User.findById(id, { outbox: 0, passwordHash: 0 }).lean<User>().exec();
    },
  };
}

function institutionQueries(m: IdentityModels) {
  return {
    insertInstitution: (i: InstitutionRecord) => insert(() => m.Institution.collection.insertOne(i as never)),
    findInstitution: (id: string) => m.Institution.findById(id, { outbox: 0, nameKey: 0 }).lean<Institution>().exec(),
    findInstitutionsByIds: (ids: string[]) =>
      m.Institution.find({ _id: mongoose.trusted({ $in: ids }) }, { outbox: 0, nameKey: 0 })
        .lean<Institution[]>()
        .exec(),
    listInstitutions: (kind?: string) =>
      m.Institution.find(kind ? { kind } : {}, { outbox: 0, nameKey: 0 })
        .sort({ createdAt: 1 })
        .limit(500)
        .lean<Institution[]>()
        .exec(),
  };
}

function sessionQueries(m: IdentityModels) {
  return {
    insertSession: (s: SessionRecord) => m.Session.collection.insertOne(s as never),
    findSession: (id: string) => m.Session.findById(id, { outbox: 0 }).lean<Session>().exec(),
    openSessionsOf: (userId: string, now: Date) =>
      m.Session.find({ userId, endedAt: null, until: mongoose.trusted({ $gt: now }) }, { outbox: 0 })
        .limit(10_000)
        .lean<Session[]>()
        .exec(),
    /** Ends an open session with its event in the same write; false when it had already ended. */
    endSession: async (id: string, endedAt: Date, reason: NonNullable<SessionRecord['endReason']>, event: EventEnvelope) => {
      const res = await m.Session.collection.updateOne(
        { _id: id, endedAt: null } as never,
        { $set: { endedAt, endReason: reason }, $push: { outbox: event } } as never,
      );
      return res.modifiedCount === 1;
    },
  };
}

function apiClientQueries(m: IdentityModels) {
  return {
    insertApiClient: (c: ApiClientRecord) => m.ApiClient.collection.insertOne(c as never),
    findApiClient: (id: string) => m.ApiClient.findById(id).lean<ApiClient>().exec(),
    findApiClientByClientId: (clientId: string) => m.ApiClient.findOne({ clientId }).lean<ApiClient>().exec(),
    listApiClients: (institutionId: string) =>
      m.ApiClient.find({ institutionId }).sort({ createdAt: 1 }).limit(500).lean<ApiClient[]>().exec(),
    /** Sets fields of one client of one institution (one atomic write); the client after, or null. */
    updateApiClient: async (
      id: string,
      institutionId: string,
      set: Partial<Pick<ApiClientRecord, 'secretHash' | 'sessionId' | 'disabled'>>,
    ) => {
      const res = await m.ApiClient.updateOne({ _id: id, institutionId }, { $set: set, $inc: { version: 1 } }).exec();
      if (res.matchedCount === 0) return null;
      return m.ApiClient.findById(id).lean<ApiClient>().exec();
    },
    touchApiClient: (id: string, at: Date) => m.ApiClient.updateOne({ _id: id }, { $set: { lastUsedAt: at } }).exec(),
  };
}
