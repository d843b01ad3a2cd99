import { randomUUID } from 'node:crypto';
import type { Principal } from '@yinqi/auth';
import { equityRoundPosted, type EquityRoundDto } from '@yinqi/contracts';
import { forbidden } from '@yinqi/errors';
import type { z } from 'zod';
import type { EquityDeps } from './deps';
import { roundDto } from './equity-dtos';
import { roundSnapshot } from './equity-snapshots';
import { created } from './aggregate';
import type { RoundRecord } from './records';
import type { equityRoundSchema } from './schemas';

/** An enterprise posts an equity round (股权融资); the consumer matches it to fund mandates from its event. */
export async function postEquityRound(
  { repo, enterprises, published, now }: EquityDeps,
  p: Principal,
  input: z.infer<typeof equityRoundSchema>,
): Promise<EquityRoundDto> {
  if (p.role !== 'ENTERPRISE' || !p.orgId) throw forbidden('Only enterprises post equity rounds');
  await enterprises.require(p.orgId);
  const at = now();
  const record = created<RoundRecord, typeof equityRoundPosted.schema>(
    { _id: randomUUID(), enterpriseId: p.orgId, ...input, status: 'OPEN', closedAt: null, createdBy: p.userId },
    at,
    equityRoundPosted,
    (r) => ({ round: roundSnapshot(r) }),
  );
  await repo.rounds.insert(record);
  published();
  const views = await enterprises.views([p.orgId], p);
  return { ...roundDto(record, views.get(p.orgId) ?? null), matches: [] };
}
