import type { Principal } from '@yinqi/auth';
import { enterpriseCertified, enterpriseProfileUpdated, type EnterpriseRegistered, type Tier } from '@yinqi/contracts';
import { idIssuedWithin, RECENT_ID_MS, type Page } from '@yinqi/db';
import { AppError, forbidden, notFound } from '@yinqi/errors';
import { awaitCopy, newEvent } from '@yinqi/events';
import type { Enterprise, EnterpriseRepository } from '../data/repository';
import { canSeeEnterprise, type Relations } from './access';
import { withOptimisticRetry } from './optimistic';
import type { CertifyInput, ProfileInput } from './schemas';
import { enterpriseSnapshot, enterpriseView, type EnterpriseView } from './views';

export const SOURCE = 'enterprise';

export interface EnterpriseDeps {
  repo: EnterpriseRepository;
  /** Called after a write that stored events, so the relay publishes them now. */
  published: (id?: string) => void;
  /**
   * How long a caller's own profile may take to appear after registerEnterprise returned (the
   * enterprise.registered event is on its way from identity); see `ownProfile`.
   */
  profileWaitMs: number;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
}

export const relationsOfEnterprise = (e: Enterprise): Relations => ({
  enterpriseId: e._id,
  bankIds: e.bankIds ?? [],
  guarantorIds: e.guarantorIds ?? [],
});

const PROFILE_FIELDS = ['annualRevenue', 'employees', 'rdSuperDeductionFiled', 'highValuePatents'] as const;

/** The registration event did not arrive in time: an outage upstream, not the caller's fault. */
const profileNotReady = () =>
  new AppError('INTERNAL_SERVER_ERROR', 'The enterprise profile is not available yet; try again shortly', { retriable: true });

export function enterpriseUseCases({ repo, published, profileWaitMs, now = () => new Date(), sleep }: EnterpriseDeps) {
  const waitFor = (id: string) => awaitCopy(() => repo.findEnterprise(id), { timeoutMs: profileWaitMs, ...(sleep ? { sleep } : {}) });

  /**
   * The signed-in enterprise's own profile. Right after registerEnterprise returns, identity's
   * enterprise.registered may not have reached us yet: we wait (bounded) for it rather than
   * invent a profile from the token, because the token carries no name, industry or town, and
   * every event we publish must carry a complete snapshot (matching judges industry rules on it).
   */
  async function ownProfile(p: Principal): Promise<Enterprise> {
    if (p.role !== 'ENTERPRISE' || !p.orgId) throw forbidden('Only an enterprise account has an enterprise profile');
    const e = await waitFor(p.orgId);
    if (!e) throw profileNotReady();
    return e;
  }

  return {
    ownProfile,

    async enterprise(p: Principal, id: string): Promise<EnterpriseView> {
      let e = await repo.findEnterprise(id);
      if (!e && p.role === 'ENTERPRISE' && p.orgId === id) e = await waitFor(id);
      if (!e) throw notFound('Enterprise');
      if (!canSeeEnterprise(p, relationsOfEnterprise(e))) throw forbidden('You may not see this enterprise');
      return enterpriseView(e);
    },

    /** Batch read for the gateway's DataLoader: only those the caller may see, in no particular order. */
    async enterprisesByIds(p: Principal, ids: string[]): Promise<EnterpriseView[]> {
      if (ids.length === 0) return [];
      const found = await repo.findEnterprises(ids);
      if (p.role === 'ENTERPRISE' && p.orgId && ids.includes(p.orgId) && !found.some((e) => e._id === p.orgId)) {
        const own = await waitFor(p.orgId);
        if (own) found.push(own);
      }
      return found.filter((e) => canSeeEnterprise(p, relationsOfEnterprise(e))).map(enterpriseView);
    },

    /** 梯度培育库 browsing for the finance centre, newest registrations first. */
    async listEnterprises(
      p: Principal,
      args: { tier?: Tier | undefined; first?: unknown; after?: unknown },
    ): Promise<Page<EnterpriseView>> {
      if (p.role !== 'FINANCE_CENTER') throw forbidden('Only the finance centre lists enterprises');
      const page = await repo.pageEnterprises({ tier: args.tier }, { first: args.first, after: args.after });
      return { ...page, edges: page.edges.map((edge) => ({ cursor: edge.cursor, node: enterpriseView(edge.node) })) };
    },

    /** The enterprise updates its own 企业画像; a request that changes nothing writes and emits nothing. */
    async updateProfile(p: Principal, input: ProfileInput): Promise<EnterpriseView> {
      const own = await ownProfile(p);
      let fresh: Enterprise | null = own; // the first attempt uses what ownProfile read; a lost race re-reads
      return withOptimisticRetry('Profile', async () => {
        const current = fresh ?? (await repo.findEnterprise(own._id));
        fresh = null;
        if (!current) throw profileNotReady();
        const set: Partial<Record<(typeof PROFILE_FIELDS)[number], number | null>> = {};
        for (const f of PROFILE_FIELDS) {
          const v = input[f];
          if (v !== undefined && v !== (current[f] ?? null)) set[f] = v;
        }
        if (Object.keys(set).length === 0) return enterpriseView(current);
        const next = { ...current, ...set, version: current.version + 1 };
        const event = newEvent(enterpriseProfileUpdated, {
          key: current._id,
          version: next.version,
          source: SOURCE,
          occurredAt: now(),
          data: { enterprise: enterpriseSnapshot(next) },
        });
        if (!(await repo.updateEnterprise(current._id, current.version, { set, event }))) return undefined;
        published(current._id);
        return enterpriseView(next);
      });
    },

    /**
     * The finance centre sets the tier (梯度培育库) and the white list (白名单). Every
     * certification is kept in the history and emitted, even when it confirms what was there.
     */
    async certify(p: Principal, id: string, input: CertifyInput): Promise<EnterpriseView> {
      if (p.role !== 'FINANCE_CENTER') throw forbidden('Only the finance centre certifies enterprises');
      // An enterprise registered a moment ago (identity issued its id) may not have reached us yet:
      // wait for its registration event (bounded) before answering NOT_FOUND.
      if (idIssuedWithin(id, RECENT_ID_MS)) await waitFor(id);
      return withOptimisticRetry('Enterprise', async () => {
        const e = await repo.findEnterprise(id);
        if (!e) throw notFound('Enterprise');
        const at = now();
        const next = { ...e, tier: input.tier, whitelisted: input.whitelisted, version: e.version + 1 };
        const event = newEvent(enterpriseCertified, {
          key: e._id,
          version: next.version,
          source: SOURCE,
          occurredAt: at,
          data: { enterprise: enterpriseSnapshot(next), previousTier: e.tier, certifiedBy: p.userId, certifiedAt: at.toISOString() },
        });
        const certification = { tier: input.tier, whitelisted: input.whitelisted, by: p.userId, at };
        if (
          !(await repo.updateEnterprise(e._id, e.version, {
            set: { tier: input.tier, whitelisted: input.whitelisted },
            certification,
            event,
          }))
        )
          return undefined;
        published(e._id);
        return enterpriseView(next);
      });
    },

    /** Builds the profile from identity's enterprise.registered (version 1); a re-delivery changes nothing. */
    projectRegistration(data: EnterpriseRegistered, version: number, occurredAt: string): Promise<boolean> {
      return repo.projectRegistration(
        { enterpriseId: data.enterpriseId, name: data.name, uscc: data.uscc, industry: data.industry, town: data.town },
        version,
        new Date(occurredAt),
      );
    },

    /** A bank got a match with the enterprise: its officers may now read the profile. */
    recordBankRelation: (enterpriseId: string, bankId: string) => repo.addEnterpriseRelation(enterpriseId, 'bankIds', bankId),

    /**
     * A guarantee institution quoted on a request for this demand (guarantee.* events, see
     * consumers/handlers.ts): its officers may now read the enterprise and the demand. Idempotent.
     */
    async recordGuarantorRelation(enterpriseId: string, demandId: string, guarantorId: string): Promise<void> {
      await repo.addEnterpriseRelation(enterpriseId, 'guarantorIds', guarantorId);
      await repo.addDemandGuarantor(demandId, guarantorId);
    },
  };
}
export type EnterpriseUseCases = ReturnType<typeof enterpriseUseCases>;
