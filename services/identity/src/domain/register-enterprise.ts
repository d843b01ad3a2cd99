import { hashPassword, verifyPassword } from '@yinqi/auth';
import { enterpriseRegistered, userCreated } from '@yinqi/contracts';
import { newId } from '@yinqi/db';
import { conflict } from '@yinqi/errors';
import { newEvent } from '@yinqi/events';
import { SOURCE, type IdentityDeps } from './deps';
import type { AuthPayload } from './public-user';
import type { UserRecord } from './records';
import type { RegisterEnterpriseInput } from './schemas';
import { startSession } from './session-lifecycle';

/**
 * Creates the enterprise account and the enterprise in one insert (with its events in the
 * same document). A retry with the same data after a lost answer finds that account and
 * signs in: exactly one account and one enterprise, whatever happened the first time.
 */
export async function registerEnterprise(deps: IdentityDeps, input: RegisterEnterpriseInput): Promise<AuthPayload> {
  const record = await enterpriseAccount(deps, input);
  const res = await deps.repo.insertUser(record);
  if (res.ok) {
    deps.published(record._id);
    return startSession(deps, record);
  }
  return signInRetriedRegistration(deps, input);
}

async function enterpriseAccount({ now }: IdentityDeps, input: RegisterEnterpriseInput): Promise<UserRecord> {
  const userId = newId();
  const enterpriseId = newId();
  return {
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
}

/** The insert met an existing email or USCC: the same registration again signs in, anything else is a CONFLICT. */
async function signInRetriedRegistration(deps: IdentityDeps, input: RegisterEnterpriseInput): Promise<AuthPayload> {
  const existing = await deps.repo.findUserByEmail(input.email);
  if (existing) {
    const sameRegistration =
      existing.role === 'ENTERPRISE' &&
      existing.enterprise?.uscc === input.uscc &&
      existing.enterprise.name === input.name &&
      (await verifyPassword(input.password, existing.passwordHash));
    if (sameRegistration) return startSession(deps, existing);
    throw conflict('An account with this email already exists');
  }
  if (await deps.repo.findUserByUscc(input.uscc)) throw conflict('This enterprise (USCC) is already registered');
  throw conflict('An account with this email or USCC already exists');
}
