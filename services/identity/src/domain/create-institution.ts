import type { Principal } from '@yinqi/auth';
import { institutionCreated, type InstitutionDto } from '@yinqi/contracts';
import { newId } from '@yinqi/db';
import { conflict, forbidden } from '@yinqi/errors';
import { newEvent } from '@yinqi/events';
import { SOURCE, type IdentityDeps } from './deps';
import type { CreateInstitutionInput } from './schemas';

/** A bank, guarantor or fund (机构); its name is unique within its kind. */
export async function createInstitution(
  { repo, published, now }: IdentityDeps,
  principal: Principal,
  input: CreateInstitutionInput,
): Promise<InstitutionDto> {
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
}
