import { randomUUID } from 'node:crypto';
import type { Principal } from '@yinqi/auth';
import { equityRoundPosted, type EquityRoundDto } from '@yinqi/contracts';
import { forbidden } from '@yinqi/errors';
import { newEvent } from '@yinqi/events';
import type { z } from 'zod';
import type { EquityDeps } from './deps';
import { roundDto } from './equity-dtos';
import { roundSnapshot } from './equity-snapshots';
import { SOURCE, type RoundRecord } from './records';
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
  const record: RoundRecord = {
    _id: randomUUID(),
    enterpriseId: p.orgId,
    ...input,
    status: 'OPEN',
    closedAt: null,
    createdBy: p.userId,
    createdAt: at,
    updatedAt: at,
    version: 1,
    outbox: [],
  };
  record.outbox = [
    newEvent(equityRoundPosted, {
      key: record._id,
      version: 1,
      source: SOURCE,
      occurredAt: at,
      data: { round: roundSnapshot(record) },
    }),
  ];
  await repo.rounds.insert(record);
  published();
  const views = await enterprises.views([p.orgId], p);
  return { ...roundDto(record, views.get(p.orgId) ?? null), matches: [] };
}
