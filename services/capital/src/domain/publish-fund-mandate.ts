import { randomUUID } from 'node:crypto';
import type { Principal } from '@yinqi/auth';
import { fundMandatePublished, type FundMandateDto } from '@yinqi/contracts';
import { forbidden } from '@yinqi/errors';
import type { z } from 'zod';
import type { EquityDeps } from './deps';
import { mandateDto } from './equity-dtos';
import { mandateSnapshot } from './equity-snapshots';
import { created } from './aggregate';
import type { MandateRecord } from './records';
import type { fundMandateSchema } from './schemas';

/** A fund officer publishes its fund's mandate (投资方向); the consumer matches it to open rounds from its event. */
export async function publishFundMandate(
  { repo, published, now }: EquityDeps,
  p: Principal,
  input: z.infer<typeof fundMandateSchema>,
): Promise<FundMandateDto> {
  if (p.role !== 'FUND_OFFICER' || !p.orgId) throw forbidden('Only fund officers publish mandates');
  const at = now();
  const record = created<MandateRecord, typeof fundMandatePublished.schema>(
    { _id: randomUUID(), fundId: p.orgId, ...input, createdBy: p.userId },
    at,
    fundMandatePublished,
    (r) => ({ mandate: mandateSnapshot(r) }),
  );
  await repo.mandates.insert(record);
  published();
  return mandateDto(record);
}
