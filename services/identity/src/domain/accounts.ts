import { newId } from '@yinqi/db';
import { hashPassword, verifyPassword, type Principal, type Role } from '@yinqi/auth';
import { enterpriseRegistered, institutionCreated, userCreated } from '@yinqi/contracts';
import { badInput, conflict, forbidden, notFound, unauthenticated } from '@yinqi/errors';
import { newEvent } from '@yinqi/events';
import type { InstitutionKind, UserRecord } from '../data/models';
import type { LoginThrottleStore } from '../data/login-throttle';
import type { IdentityRepository, Institution } from '../data/repository';
import type { CreateInstitutionInput, CreateUserInput, RegisterEnterpriseInput } from './schemas';
import { emailKey, publicUser, type AuthPayload, type PublicUser, type SessionUseCases } from './sessions';

export { publicUser, type AuthPayload, type PublicUser };

const SOURCE = 'identity';

export const publicInstitution = (i: Institution) => ({ id: i._id, kind: i.kind, name: i.name });

/** Which institution kind an officer role belongs to. */
const KIND_FOR_ROLE: Partial<Record<Role, InstitutionKind>> = {
  BANK_OFFICER: 'BANK',
  GUARANTOR_OFFICER: 'GUARANTOR',
  FUND_OFFICER: 'FUND',
};

export interface AccountDeps {
  repo: IdentityRepository;
  sessions: SessionUseCases;
  throttle: LoginThrottleStore;
  /** Called after a write that stored events, so the relay publishes them now. */
  published: (id?: string) => void;
  now?: () => Date;
}

export function accountUseCases({ repo, sessions, throttle, published, now = () => new Date() }: AccountDeps) {
  return {
    /**
     * Creates the enterprise account and the enterprise in one insert (with its events in the
     * same document). A retry with the same data after a lost answer finds that account and
     * signs in: exactly one account and one enterprise, whatever happened the first time.
     */
    async registerEnterprise(input: RegisterEnterpriseInput): Promise<AuthPayload> {
      const userId = newId();
      const enterpriseId = newId();
      const record: UserRecord = {
        _id: userId,
        email: input.email,
        passwordHash: await hashPassword(input.password),
        role: 'ENTERPRISE',
        orgId: enterpriseId,
        usccKey: input.uscc,
        enterprise: { enterpriseId, name: input.name, uscc: input.uscc, industry: input.industry, town: input.town },
        createdAt: now(),
        version: 1,
        outbox: [
          newEvent(userCreated, {
            key: userId,
            version: 1,
            source: SOURCE,
            data: { userId, email: input.email, role: 'ENTERPRISE', orgId: enterpriseId },
          }),
          newEvent(enterpriseRegistered, {
            key: enterpriseId,
            version: 1,
            source: SOURCE,
            data: { enterpriseId, userId, name: input.name, uscc: input.uscc, industry: input.industry, town: input.town },
          }),
        ],
      };
      const res = await repo.insertUser(record);
      if (res.ok) {
        published(userId);
        return sessions.start(record);
      }
      const existing = await repo.findUserByEmail(input.email);
      if (existing) {
        const sameRegistration =
          existing.role === 'ENTERPRISE' &&
          existing.enterprise?.uscc === input.uscc &&
          existing.enterprise.name === input.name &&
          (await verifyPassword(input.password, existing.passwordHash));
        if (sameRegistration) return sessions.start(existing);
        throw conflict('An account with this email already exists');
      }
      if (await repo.findUserByUscc(input.uscc)) throw conflict('This enterprise (USCC) is already registered');
      throw conflict('An account with this email or USCC already exists');
    },

    async me(principal: Principal): Promise<PublicUser> {
      const user = await repo.findUserById(principal.userId);
      if (!user) throw unauthenticated('Account no longer exists');
      return publicUser(user, await throttle.lockedUntil(emailKey(user.email)));
    },

    async createInstitution(principal: Principal, input: CreateInstitutionInput) {
      if (principal.role !== 'FINANCE_CENTER') throw forbidden('Only the finance centre creates institutions');
      const id = newId();
      const res = await repo.insertInstitution({
        _id: id,
        kind: input.kind,
        name: input.name,
        nameKey: `${input.kind}:${input.name.toLowerCase()}`,
        createdAt: now(),
        version: 1,
        outbox: [
          newEvent(institutionCreated, {
            key: id,
            version: 1,
            source: SOURCE,
            data: { institutionId: id, kind: input.kind, name: input.name },
          }),
        ],
      });
      if (!res.ok) throw conflict(`A ${input.kind.toLowerCase()} named "${input.name}" already exists`);
      published(id);
      return { id, kind: input.kind, name: input.name };
    },

    /** Officers need an institution of the kind their role fits; FINANCE_CENTER has none. */
    async createUser(principal: Principal, input: CreateUserInput): Promise<PublicUser> {
      if (principal.role !== 'FINANCE_CENTER') throw forbidden('Only the finance centre creates accounts');
      if (input.role === 'ENTERPRISE') throw badInput('role: enterprise accounts are created by registerEnterprise', { field: 'role' });
      let orgId: string | null = null;
      const kind = KIND_FOR_ROLE[input.role];
      if (kind) {
        if (!input.institutionId)
          throw badInput(`institutionId: a ${input.role} needs an institution of kind ${kind}`, { field: 'institutionId' });
        const inst = await repo.findInstitution(input.institutionId);
        if (!inst) throw notFound('Institution');
        if (inst.kind !== kind)
          throw badInput(`institutionId: a ${input.role} must belong to a ${kind}, not a ${inst.kind}`, { field: 'institutionId' });
        orgId = inst._id;
      } else if (input.institutionId) {
        throw badInput('institutionId: a FINANCE_CENTER account belongs to no institution', { field: 'institutionId' });
      }
      const id = newId();
      const res = await repo.insertUser({
        _id: id,
        email: input.email,
        passwordHash: await hashPassword(input.password),
        role: input.role,
        orgId,
        usccKey: `user:${id}`,
        createdAt: now(),
        version: 1,
        outbox: [
          newEvent(userCreated, { key: id, version: 1, source: SOURCE, data: { userId: id, email: input.email, role: input.role, orgId } }),
        ],
      });
      if (!res.ok) throw conflict('An account with this email already exists');
      published(id);
      return publicUser({ _id: id, email: input.email, role: input.role, orgId });
    },

    /** The first FINANCE_CENTER account, from ADMIN_EMAIL / ADMIN_PASSWORD; idempotent across restarts and replicas. */
    async ensureAdmin(email: string, password: string): Promise<'created' | 'exists'> {
      const normalized = email.trim().toLowerCase();
      if (await repo.findUserByEmail(normalized)) return 'exists';
      const id = newId();
      const res = await repo.insertUser({
        _id: id,
        email: normalized,
        passwordHash: await hashPassword(password),
        role: 'FINANCE_CENTER',
        orgId: null,
        usccKey: `user:${id}`,
        createdAt: now(),
        version: 1,
        outbox: [
          newEvent(userCreated, {
            key: id,
            version: 1,
            source: SOURCE,
            data: { userId: id, email: normalized, role: 'FINANCE_CENTER', orgId: null },
          }),
        ],
      });
      if (res.ok) published(id);
      return res.ok ? 'created' : 'exists';
    },

    async institutions(ids: string[]) {
      return (await repo.findInstitutionsByIds(ids)).map(publicInstitution);
    },
    async listInstitutions(principal: Principal, kind?: string) {
      if (principal.role !== 'FINANCE_CENTER') throw forbidden();
      return (await repo.listInstitutions(kind)).map(publicInstitution);
    },
    async users(principal: Principal, ids: string[]) {
      if (principal.role !== 'FINANCE_CENTER') throw forbidden();
      return (await repo.findUsersByIds(ids)).map((u) => publicUser(u));
    },
  };
}
export type AccountUseCases = ReturnType<typeof accountUseCases>;
