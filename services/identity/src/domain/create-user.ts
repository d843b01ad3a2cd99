import { hashPassword, type Principal, type Role } from '@yinqi/auth';
import { userCreated } from '@yinqi/contracts';
import { newId } from '@yinqi/db';
import { badInput, conflict, forbidden, notFound } from '@yinqi/errors';
import { newEvent } from '@yinqi/events';
import { SOURCE, type IdentityDeps } from './deps';
import { publicUser, type PublicUser } from './public-user';
import type { InstitutionKind } from './records';
import type { CreateUserInput } from './schemas';

/** Which institution kind an officer role belongs to. */
const KIND_FOR_ROLE: Partial<Record<Role, InstitutionKind>> = {
  BANK_OFFICER: 'BANK',
  GUARANTOR_OFFICER: 'GUARANTOR',
  FUND_OFFICER: 'FUND',
};

/** Officers need an institution of the kind their role fits; FINANCE_CENTER has none. */
export async function createUser(deps: IdentityDeps, principal: Principal, input: CreateUserInput): Promise<PublicUser> {
  if (principal.role !== 'FINANCE_CENTER') throw forbidden('Only the finance centre creates accounts');
  if (input.role === 'ENTERPRISE') throw badInput('role: enterprise accounts are created by registerEnterprise', { field: 'role' });
  const orgId = await organisationOf(deps, input);
  const id = newId();
  const res = await deps.repo.insertUser({
    _id: id,
    email: input.email,
    passwordHash: await hashPassword(input.password),
    role: input.role,
    orgId,
    usccKey: `user:${id}`,
    createdAt: deps.now(),
    version: 1,
    outbox: [
      newEvent(userCreated, { key: id, version: 1, source: SOURCE, data: { userId: id, email: input.email, role: input.role, orgId } }),
    ],
  });
  if (!res.ok) throw conflict('An account with this email already exists');
  deps.published(id);
  return publicUser({ _id: id, email: input.email, role: input.role, orgId });
}

/** The institution an officer belongs to (of the kind the role fits); null for the finance centre. */
async function organisationOf({ repo }: IdentityDeps, input: CreateUserInput): Promise<string | null> {
  const kind = KIND_FOR_ROLE[input.role];
  if (!kind) {
    if (input.institutionId)
      throw badInput('institutionId: a FINANCE_CENTER account belongs to no institution', { field: 'institutionId' });
    return null;
  }
  if (!input.institutionId)
    throw badInput(`institutionId: a ${input.role} needs an institution of kind ${kind}`, { field: 'institutionId' });
  const inst = await repo.findInstitution(input.institutionId);
  if (!inst) throw notFound('Institution');
  if (inst.kind !== kind)
    throw badInput(`institutionId: a ${input.role} must belong to a ${kind}, not a ${inst.kind}`, { field: 'institutionId' });
  return inst._id;
}
