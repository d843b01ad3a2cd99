import { randomUUID } from 'node:crypto';
import type { Principal } from '@yinqi/auth';
import { bondReserveAdded, type BondReserveItemDto } from '@yinqi/contracts';
import { forbidden } from '@yinqi/errors';
import type { z } from 'zod';
import { bondDto, bondSnapshot } from './bond-reserve';
import type { CapitalDeps } from './deps';
import { created } from './aggregate';
import type { BondRecord } from './records';
import type { bondReserveSchema } from './schemas';

/** 债券融资项目储备: the finance centre adds an enterprise's planned bond issuance to the reserve. */
export async function addBondReserveItem(
  { repo, enterprises, published, now }: CapitalDeps,
  p: Principal,
  input: z.infer<typeof bondReserveSchema>,
): Promise<BondReserveItemDto> {
  if (p.role !== 'FINANCE_CENTER') throw forbidden('Only the finance centre adds bond reserve items');
  await enterprises.require(input.enterpriseId);
  const at = now();
  const record = created<BondRecord, typeof bondReserveAdded.schema>(
    { _id: randomUUID(), ...input, createdBy: p.userId },
    at,
    bondReserveAdded,
    (r) => ({
      item: bondSnapshot(r),
    }),
  );
  await repo.bonds.insert(record);
  published();
  const views = await enterprises.views([record.enterpriseId], p);
  return bondDto(record, views.get(record.enterpriseId) ?? null);
}
