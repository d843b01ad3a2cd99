import { randomUUID } from 'node:crypto';
import type { Principal } from '@yinqi/auth';
import { demandPosted, type DemandDto } from '@yinqi/contracts';
import type { DemandDeps } from './demand-deps';
import { eventAbout } from './deps';
import type { Demand } from './records';
import type { DemandInput } from './schemas';
import { demandSnapshot, demandView } from './views';

/** A new OPEN demand of `enterpriseId`, version 1, with no matches yet. */
function newDemand(id: string, enterpriseId: string, input: DemandInput, createdAt: Date): Demand {
  return {
    _id: id,
    enterpriseId,
    amount: input.amount,
    termMonths: input.termMonths,
    purpose: input.purpose,
    collateral: input.collateral,
    maxAnnualRate: input.maxAnnualRate ?? null,
    needsGuarantee: input.needsGuarantee,
    description: input.description ?? null,
    status: 'OPEN',
    matches: {},
    bankIds: [],
    guarantorIds: [],
    createdAt,
    version: 1,
  };
}

/**
 * 发布融资需求. Waits (bounded) for the enterprise's own profile first: right after sign-up it
 * may still be on its way, and downstream services then see enterprise.registered before
 * they see this demand.posted.
 */
export async function postDemand({ repo, enterprises, published, now }: DemandDeps, p: Principal, input: DemandInput): Promise<DemandDto> {
  const enterprise = await enterprises.ownProfile(p);
  const id = randomUUID();
  const createdAt = now();
  const demand = newDemand(id, enterprise._id, input, createdAt);
  const event = eventAbout(demandPosted, demand, createdAt, { demand: demandSnapshot(demand) });
  await repo.insertDemand({ ...demand, outbox: [event] });
  published(id);
  return demandView(demand);
}
