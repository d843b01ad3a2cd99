import { randomUUID } from 'node:crypto';
import type { Principal } from '@yinqi/auth';
import { demandPosted, demandStatusChanged, demandWithdrawn, type MatchSnapshot } from '@yinqi/contracts';
import { badInput, conflict, forbidden, notFound } from '@yinqi/errors';
import { newEvent } from '@yinqi/events';
import type { DemandRecord } from '../data/models';
import type { Demand, EnterpriseRepository } from '../data/repository';
import { canSeeDemand, ownsDemand, type Relations } from './access';
import { applyMatchUpdate, isFinal, isStorableMatchId } from './demand-status';
import type { EnterpriseUseCases } from './enterprises';
import { SOURCE } from './enterprises';
import { withOptimisticRetry } from './optimistic';
import type { DemandInput } from './schemas';
import { demandSnapshot, demandView, type DemandView } from './views';

/** myDemands has no pagination in the contract; a bound keeps one answer small. */
export const MY_DEMANDS_LIMIT = 200;

export interface DemandDeps {
  repo: EnterpriseRepository;
  enterprises: Pick<EnterpriseUseCases, 'ownProfile' | 'recordBankRelation'>;
  published: (id?: string) => void;
  now?: () => Date;
}

export const relationsOfDemand = (d: Demand): Relations => ({
  enterpriseId: d.enterpriseId,
  bankIds: d.bankIds ?? [],
  guarantorIds: d.guarantorIds ?? [],
});

export type MatchEventOutcome = 'applied' | 'duplicate' | 'unknown-demand';

export function demandUseCases({ repo, enterprises, published, now = () => new Date() }: DemandDeps) {
  return {
    /**
     * 发布融资需求. Waits (bounded) for the enterprise's own profile first: right after sign-up it
     * may still be on its way, and downstream services then see enterprise.registered before
     * they see this demand.posted.
     */
    async postDemand(p: Principal, input: DemandInput): Promise<DemandView> {
      const enterprise = await enterprises.ownProfile(p);
      const id = randomUUID();
      const createdAt = now();
      const demand: Omit<DemandRecord, 'outbox'> = {
        _id: id,
        enterpriseId: enterprise._id,
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
      const event = newEvent(demandPosted, {
        key: id,
        version: 1,
        source: SOURCE,
        occurredAt: createdAt,
        data: { demand: demandSnapshot(demand) },
      });
      await repo.insertDemand({ ...demand, outbox: [event] });
      published(id);
      return demandView(demand);
    },

    /** The owner withdraws; a second withdrawal answers the withdrawn demand, a funded one cannot be withdrawn. */
    async withdrawDemand(p: Principal, id: string): Promise<DemandView> {
      if (p.role !== 'ENTERPRISE') throw forbidden('Only the enterprise that posted a demand withdraws it');
      return withOptimisticRetry('Demand', async () => {
        const d = await repo.findDemand(id);
        if (!d) throw notFound('Demand');
        if (!ownsDemand(p, relationsOfDemand(d))) throw forbidden('Only the enterprise that posted a demand withdraws it');
        if (d.status === 'WITHDRAWN') return demandView(d);
        if (isFinal(d.status)) throw conflict(`A ${d.status.toLowerCase()} demand cannot be withdrawn`);
        const next = { ...d, status: 'WITHDRAWN' as const, version: d.version + 1 };
        const event = newEvent(demandWithdrawn, {
          key: d._id,
          version: next.version,
          source: SOURCE,
          occurredAt: now(),
          data: { demand: demandSnapshot(next) },
        });
        if (!(await repo.updateDemand(d._id, d.version, { set: { status: 'WITHDRAWN' }, event }))) return undefined;
        published(d._id);
        return demandView(next);
      });
    },

    async demand(p: Principal, id: string): Promise<DemandView> {
      const d = await repo.findDemand(id);
      if (!d) throw notFound('Demand');
      if (!canSeeDemand(p, relationsOfDemand(d))) throw forbidden('You may not see this demand');
      return demandView(d);
    },

    /** Batch read for the gateway's DataLoader: only those the caller may see. */
    async demandsByIds(p: Principal, ids: string[]): Promise<DemandView[]> {
      if (ids.length === 0) return [];
      return (await repo.findDemands(ids)).filter((d) => canSeeDemand(p, relationsOfDemand(d))).map(demandView);
    },

    /** Newest first; read from the same primary the post wrote to, so a posted demand is there at once. */
    async myDemands(p: Principal): Promise<DemandView[]> {
      if (p.role !== 'ENTERPRISE' || !p.orgId) throw forbidden('Only an enterprise account has demands');
      return (await repo.demandsOfEnterprise(p.orgId, MY_DEMANDS_LIMIT)).map(demandView);
    },

    /**
     * A match event moves its demand's status (see deriveDemandStatus). The bank is recorded on
     * the enterprise before the demand, so a bank that can read the demand can read its enterprise.
     */
    async applyMatchEvent(match: MatchSnapshot, version: number): Promise<MatchEventOutcome> {
      if (!isStorableMatchId(match.matchId))
        throw badInput(`matchId ${JSON.stringify(match.matchId.slice(0, 80))} cannot be stored as a key`);
      await enterprises.recordBankRelation(match.enterpriseId, match.bankId);
      return withOptimisticRetry<MatchEventOutcome>('Demand', async () => {
        const d = await repo.findDemand(match.demandId);
        if (!d) return 'unknown-demand';
        if (d.enterpriseId !== match.enterpriseId)
          throw badInput(`match ${match.matchId} names enterprise ${match.enterpriseId}, but demand ${d._id} belongs to another`);
        const r = applyMatchUpdate(
          { status: d.status, matches: d.matches ?? {}, bankIds: d.bankIds ?? [] },
          { matchId: match.matchId, status: match.status, bankId: match.bankId, version },
        );
        if (!r.applied) return 'duplicate';
        const changed = r.status !== d.status;
        const next = { ...d, status: r.status, version: d.version + 1 };
        const event = changed
          ? newEvent(demandStatusChanged, {
              key: d._id,
              version: next.version,
              source: SOURCE,
              occurredAt: now(),
              data: { demand: demandSnapshot(next), previousStatus: d.status },
            })
          : undefined;
        if (!(await repo.updateDemand(d._id, d.version, { set: { matches: r.matches, status: r.status, bankIds: r.bankIds }, event })))
          return undefined;
        if (event) published(d._id);
        return 'applied';
      });
    },
  };
}
export type DemandUseCases = ReturnType<typeof demandUseCases>;
