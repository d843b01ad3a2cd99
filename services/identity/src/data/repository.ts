import { isDuplicateKeyError, mongoose } from '@yinqi/db';
import type { IdentityModels, InstitutionRecord, UserRecord } from './models';

export type User = Omit<UserRecord, 'outbox' | 'passwordHash'>;
export type UserWithHash = Omit<UserRecord, 'outbox'>;
export type Institution = Omit<InstitutionRecord, 'outbox' | 'nameKey'>;

export type InsertResult = { ok: true } | { ok: false; duplicate: true };

const userProjection = { outbox: 0 } as const;

/** Plain-object access to users and institutions; mongoose stays in here. */
export function identityRepository(m: IdentityModels) {
  const insert = async (fn: () => Promise<unknown>): Promise<InsertResult> => {
    try {
      await fn();
      return { ok: true };
    } catch (err) {
      if (isDuplicateKeyError(err)) return { ok: false, duplicate: true };
      throw err;
    }
  };
  return {
    insertUser: (u: UserRecord) => insert(() => m.User.collection.insertOne(u as never)),
    insertInstitution: (i: InstitutionRecord) => insert(() => m.Institution.collection.insertOne(i as never)),
    findUserByEmail: (email: string) => m.User.findOne({ email }, userProjection).lean<UserWithHash>().exec(),
    findUserByUscc: (uscc: string) => m.User.findOne({ usccKey: uscc }, userProjection).lean<UserWithHash>().exec(),
    findUserById: (id: string) => m.User.findById(id, { outbox: 0, passwordHash: 0 }).lean<User>().exec(),
    findUsersByIds: (ids: string[]) => m.User.find({ _id: mongoose.trusted({ $in: ids }) }, { outbox: 0, passwordHash: 0 }).lean<User[]>().exec(),
    findInstitution: (id: string) => m.Institution.findById(id, { outbox: 0, nameKey: 0 }).lean<Institution>().exec(),
    findInstitutionsByIds: (ids: string[]) =>
      m.Institution.find({ _id: mongoose.trusted({ $in: ids }) }, { outbox: 0, nameKey: 0 }).lean<Institution[]>().exec(),
    listInstitutions: (kind?: string) =>
      m.Institution.find(kind ? { kind } : {}, { outbox: 0, nameKey: 0 }).sort({ createdAt: 1 }).limit(500).lean<Institution[]>().exec(),
  };
}
export type IdentityRepository = ReturnType<typeof identityRepository>;
