import type { WorkingCalendarSnapshot } from '@yinqi/calendar';
import type { Principal } from '@yinqi/auth';
import {
  matchAccepted,
  matchFunded,
  matchOffered,
  matchProposed,
  matchRejected,
  matchResponded,
  matchWithdrawn,
  type DemandSnapshot,
  type EventEnvelope,
  type EnterpriseSnapshot,
  type EventDefinition,
  type PolicySnapshot,
  type MatchSnapshot,
  type MatchStatus,
  type ProductSnapshot,
} from '@yinqi/contracts';
import { badInput, conflict, forbidden, notFound, type AppError } from '@yinqi/errors';
import { documentLockKey, newEvent, updateAggregate, withDocumentLock } from '@yinqi/events';
import type { Logger } from '@yinqi/logger';
import type { MatchRecord } from '../data/models';
import { matchIdOf, type Match, type MatchingRepository } from '../data/repository';
import { checkEligibility, eligibilityCap, type Applicant } from './eligibility';
import type { Matcher } from './matcher';
import { yuan } from '@yinqi/engine';
import { scoreMatch } from './score';

const SOURCE = 'matching';
/** Before an offer a match can still be withdrawn when it stops being eligible. */
const PRE_OFFER: MatchStatus[] = ['PROPOSED', 'INTERESTED'];
const OPEN_FOR_REJECTION: MatchStatus[] = ['PROPOSED', 'INTERESTED', 'OFFERED'];
const ALL_STATUSES: MatchStatus[] = ['PROPOSED', 'INTERESTED', 'DECLINED', 'OFFERED', 'ACCEPTED', 'REJECTED', 'FUNDED', 'WITHDRAWN'];

export interface MatchDto {
  id: string;
  demandId: string;
  enterpriseId: string;
  productId: string;
  bankId: string;
  score: number;
  reasons: Match['reasons'];
  status: MatchStatus;
  offer: { amount: number; annualRate: number; termMonths: number; conditions: string | null; allInAnnualRate: number } | null;
  createdAt: string;
  /** By when the bank must answer (the policy's response SLA on the working calendar); null when unknown. */
  responseDeadline: string | null;
}

export interface MatchingDeps {
  repo: MatchingRepository;
  matcher: Matcher;
  logger: Logger;
  published: (ids?: string | string[]) => void;
  /** New matches handed to the outbox relay whole (no read back); defaults to `published(ids)`. */
  publishedInserted?: (records: MatchRecord[]) => void;
  /** The policy's target guarantee fee rate (% a year), used in allInAnnualRate until a quote is selected. */
  guaranteeFeeTarget: () => number;
  /** Called when policy.changed brings a new target fee rate. */
  onPolicyTarget?: (target: number) => void;
  /** The response deadline of a match made at `createdAt` (see response-deadlines.ts). */
  responseDeadline?: (createdAt: Date) => Date | null;
  /** Called when policy.changed or calendar.changed was stored: deadlines are counted anew. */
  onDeadlineRules?: () => void;
  now?: () => Date;
}

type Decision = { set: Partial<MatchRecord>; def: EventDefinition; reason?: string | null } | null;

export function matchingUseCases({
  repo,
  matcher,
  logger,
  published,
  publishedInserted = (records) => published(records.map((r) => r._id)),
  guaranteeFeeTarget,
  onPolicyTarget = () => undefined,
  responseDeadline = () => null,
  onDeadlineRules = () => undefined,
  now = () => new Date(),
}: MatchingDeps) {
  const snapshot = (m: Omit<Match, 'reasons'> & Partial<Pick<Match, 'reasons'>>): MatchSnapshot => ({
    matchId: m._id,
    demandId: m.demandId,
    enterpriseId: m.enterpriseId,
    productId: m.productId,
    bankId: m.bankId,
    score: m.score,
    status: m.status,
    offer: m.offer
      ? { amount: m.offer.amount, annualRate: m.offer.annualRate, termMonths: m.offer.termMonths, conditions: m.offer.conditions }
      : null,
    amount: m.amount,
    needsGuarantee: m.guaranteeRequired,
    createdAt: new Date(m.createdAt).toISOString(),
  });

  /** allInAnnualRate: the offer's rate plus the guarantee fee the enterprise bears. */
  const toDto = (m: Match): MatchDto => {
    const fee = m.guaranteeRequired ? (m.guaranteeFeeRate ?? guaranteeFeeTarget()) : 0;
    return {
      id: m._id,
      demandId: m.demandId,
      enterpriseId: m.enterpriseId,
      productId: m.productId,
      bankId: m.bankId,
      score: m.score,
      reasons: m.reasons,
      status: m.status,
      offer: m.offer
        ? {
            amount: m.offer.amount,
            annualRate: m.offer.annualRate,
            termMonths: m.offer.termMonths,
            conditions: m.offer.conditions,
            allInAnnualRate: Math.round((m.offer.annualRate + fee) * 10_000) / 10_000,
          }
        : null,
      createdAt: new Date(m.createdAt).toISOString(),
      responseDeadline: responseDeadline(new Date(m.createdAt))?.toISOString() ?? null,
    };
  };

  /**
   * One match command: the shared read → decide → version-conditional write (updateAggregate). The
   * document lock only keeps this process's writers of one match from racing each other.
   */
  function transition(id: string, decide: (m: Match) => Decision | AppError): Promise<Match> {
    return withDocumentLock(documentLockKey('matches', id), () =>
      updateAggregate<Match, { current: Match; set: NonNullable<Decision>['set']; event: EventEnvelope }>(
        { load: (key) => repo.findMatch(key), write: (_key, _version, c) => repo.updateMatch(c.current, c.set, c.event) },
        id,
        (m) => {
          const d = decide(m);
          if (d === null || d instanceof Error) return d;
          const next: Match = { ...m, ...d.set, version: m.version + 1 };
          const event = newEvent(d.def, {
            key: id,
            version: next.version,
            source: SOURCE,
            data: { match: snapshot(next), reason: d.reason ?? null },
          });
          return { next, change: { current: m, set: d.set, event } };
        },
        { what: 'Match', written: () => published(id) },
      ),
    );
  }

  /** A new PROPOSED match with its event, ready to insert. */
  function newMatch(applicant: Applicant, product: ProductSnapshot, score: number, reasons: Match['reasons']): MatchRecord {
    const { demand } = applicant;
    const id = matchIdOf(demand.demandId, product.productId);
    const at = now();
    const record: MatchRecord = {
      _id: id,
      demandId: demand.demandId,
      enterpriseId: demand.enterpriseId,
      productId: product.productId,
      bankId: product.bankId,
      score,
      reasons,
      status: 'PROPOSED',
      offer: null,
      amount: demand.amount,
      guaranteeRequired: demand.needsGuarantee || product.requiresGuarantee,
      guaranteeFeeRate: null,
      responseReason: null,
      createdAt: at,
      respondedAt: null,
      updatedAt: at,
      version: 1,
      outbox: [],
    };
    record.outbox = [newEvent(matchProposed, { key: id, version: 1, source: SOURCE, data: { match: snapshot(record), reason: null } })];
    return record;
  }

  /** An existing match of an eligible pair: back to PROPOSED if it was withdrawn, else refresh its score. */
  async function keepEligible(existing: Match, score: number, reasons: Match['reasons']): Promise<void> {
    if (existing.status === 'WITHDRAWN') {
      await transition(existing._id, (m) =>
        m.status === 'WITHDRAWN' ? { set: { status: 'PROPOSED', score, reasons, offer: null }, def: matchProposed } : null,
      );
    } else if (PRE_OFFER.includes(existing.status) && existing.score !== score) {
      await withDocumentLock(documentLockKey('matches', existing._id), () =>
        repo.refreshMatch(existing._id, existing.version, score, reasons),
      );
    }
  }

  /** Writes the new matches in one round trip; existing ones are updated one by one (rare). */
  async function proposeAll(items: { applicant: Applicant; product: ProductSnapshot; score: number; existing: Match | undefined }[]) {
    const fresh: MatchRecord[] = [];
    for (const it of items) {
      const reasons = checkEligibility(it.applicant, it.product).reasons;
      if (it.existing) await keepEligible(it.existing, it.score, reasons);
      else fresh.push(newMatch(it.applicant, it.product, it.score, reasons));
    }
    // Chunks under 100 documents: FerretDB holds a pooled connection (of 100) per statement.
    for (let i = 0; i < fresh.length; i += 50) {
      const chunk = fresh.slice(i, i + 50);
      const inserted = await repo.insertMatches(chunk);
      // None reported inserted: all existed (a redelivery), or the driver did not say which — the
      // relay then reads them by id and publishes whatever is still unpublished.
      if (inserted.length > 0) publishedInserted(inserted);
      else published(chunk.map((r) => r._id));
    }
  }

  async function withdraw(m: Match, why: string, statuses: MatchStatus[] = PRE_OFFER): Promise<void> {
    await transition(m._id, (cur) =>
      statuses.includes(cur.status) ? { set: { status: 'WITHDRAWN' }, def: matchWithdrawn, reason: why } : null,
    );
  }

  /**
   * The other matches of a demand whose offer was accepted: REJECTED, in parallel (each under its own
   * document lock: a demand can have dozens of matches and one after another took seconds).
   */
  async function rejectOthers(others: Match[]): Promise<void> {
    await Promise.all(
      others.map((other) =>
        transition(other._id, (cur) =>
          OPEN_FOR_REJECTION.includes(cur.status)
            ? { set: { status: 'REJECTED' }, def: matchRejected, reason: '企业已接受其他银行的报价' }
            : null,
        ),
      ),
    );
  }

  /** Brings one demand's matches in line with the current products and profile. */
  async function reconcileDemand(demand: DemandSnapshot): Promise<void> {
    const existing = new Map((await repo.matchesOfDemand(demand.demandId)).map((m) => [m.productId, m]));
    if (demand.status === 'WITHDRAWN' || demand.status === 'CLOSED') {
      for (const m of existing.values())
        await withdraw(m, demand.status === 'WITHDRAWN' ? '企业已撤回需求' : '需求已关闭', OPEN_FOR_REJECTION);
      return;
    }
    if (demand.status === 'ACCEPTED' || demand.status === 'FUNDED') {
      // accept() rejects the other matches in the same request; a crash (kill -9) between the
      // acceptance and those rejections left them open for good (found by `npm run chaos`). The
      // demand's status event, which follows every acceptance, repeats the rejections.
      const all = [...existing.values()];
      if (all.some((m) => m.status === 'ACCEPTED' || m.status === 'FUNDED'))
        await rejectOthers(all.filter((m) => m.status !== 'ACCEPTED' && m.status !== 'FUNDED'));
      return;
    }
    const applicant = matcher.applicant(demand);
    if (!applicant || (demand.status !== 'OPEN' && demand.status !== 'MATCHED')) return;
    const candidates = matcher.candidatesFor(applicant);
    const eligible = new Set(candidates.map((c) => c.product.productId));
    await proposeAll(
      candidates.map((c) => ({ applicant, product: c.product, score: c.score, existing: existing.get(c.product.productId) })),
    );
    for (const m of existing.values()) {
      if (eligible.has(m.productId) || !PRE_OFFER.includes(m.status)) continue;
      const product = matcher.product(m.productId);
      const failed = product ? checkEligibility(applicant, product).reasons.filter((r) => !r.passed) : [];
      await withdraw(m, failed.length ? failed.map((r) => `${r.rule}: ${r.detail}`).join('；') : '产品已下架或暂停');
    }
  }

  return {
    toDto,

    /** The matcher's memory, rebuilt from this service's own copies. */
    async load(): Promise<void> {
      for (const e of await repo.allEnterprises()) matcher.putEnterprise(e);
      for (const p of await repo.publishedProducts()) matcher.putProduct(p);
      for (const d of await repo.liveDemands()) matcher.putDemand(d);
      const policy = await repo.findPolicy();
      if (policy) onPolicyTarget(policy.guaranteeFeeRateTarget);
      const matches = await repo.loadIndex();
      logger.info({ products: matcher.productCount, demands: matcher.openDemandCount, matches }, 'matcher loaded');
    },

    /** A disbursed loan funds its accepted match (放款). Idempotent: a FUNDED match stays FUNDED. */
    async onLoanDisbursed(matchId: string): Promise<void> {
      await transition(matchId, (m) => (m.status === 'ACCEPTED' ? { set: { status: 'FUNDED' }, def: matchFunded } : null)).catch(
        (err: unknown) => {
          if ((err as { code?: string }).code !== 'NOT_FOUND') throw err;
        },
      );
    },

    /** A selected guarantee quote sets the fee the enterprise bears in allInAnnualRate. */
    async onGuaranteeSelected(matchId: string, feeRate: number | null): Promise<void> {
      await withDocumentLock(documentLockKey('matches', matchId), () => repo.setGuaranteeFeeRate(matchId, feeRate));
    },

    /** The policy's target fee rate applies while no quote is selected. */
    async onPolicy(policy: PolicySnapshot, version: number): Promise<void> {
      const copy = {
        guaranteeFeeRateTarget: policy.guaranteeFeeRateTarget,
        bankResponseSlaHours: policy.bankResponseSlaHours,
        bankResponseSlaBasis: policy.bankResponseSlaBasis,
        bankResponseSlaWorkingDays: policy.bankResponseSlaWorkingDays,
      };
      if (await repo.savePolicy(copy, version)) {
        onPolicyTarget(policy.guaranteeFeeRateTarget);
        onDeadlineRules();
      }
    },

    /** The working calendar changed: response deadlines are counted with it from now on. */
    async onCalendar(calendar: WorkingCalendarSnapshot, version: number): Promise<void> {
      if (await repo.saveCalendar(calendar, version)) onDeadlineRules();
    },

    /** A profile, tier or white-list change re-evaluates that enterprise's open demands. */
    async onEnterprise(e: EnterpriseSnapshot, version: number): Promise<void> {
      // Not newer than the copy: apply nothing, but still bring the demands in line with what is
      // stored (see onDemand). The matcher holds the stored copy, so a stale profile changes nothing.
      if (await repo.saveEnterprise(e, version)) matcher.putEnterprise(e);
      for (const d of matcher.openDemandsOf(e.enterpriseId)) await reconcileDemand(d);
    },

    async onDemand(d: DemandSnapshot, version: number): Promise<void> {
      if (!(await repo.saveDemand(d, version))) {
        // The copy is already this new: a redelivery. The first delivery may have died (kill -9, a
        // database error) after saving the copy and before writing the matches, and its offset was
        // not committed — so do the matching again from the stored copy. Idempotent: a (demand,
        // product) pair has one match id, existing matches are kept. (Found by `npm run chaos`.)
        const stored = await repo.findDemandCopy(d.demandId);
        if (stored) await reconcileDemand(stored);
        return;
      }
      const previous = matcher.demand(d.demandId);
      matcher.putDemand(d);
      // A status move between OPEN and MATCHED (caused by our own proposals) changes nothing to match.
      const onlyMatchedFlag = previous && ['OPEN', 'MATCHED'].includes(previous.status) && ['OPEN', 'MATCHED'].includes(d.status);
      if (!onlyMatchedFlag) await reconcileDemand(d);
    },

    async onProduct(p: ProductSnapshot, version: number): Promise<void> {
      if (await repo.saveProduct(p, version)) matcher.putProduct(p);
      else {
        // A redelivery (see onDemand): redo the proposals from the stored copy.
        const stored = await repo.findProductCopy(p.productId);
        if (!stored) return;
        p = stored;
      }
      if (p.status !== 'PUBLISHED') {
        for (const m of await repo.matchesOfProduct(p.productId, PRE_OFFER)) await withdraw(m, '银行已暂停该产品');
        return;
      }
      const fits = matcher.applicantsFor(p);
      const existing = new Map((await repo.matchesOfProduct(p.productId, ALL_STATUSES)).map((m) => [m.demandId, m]));
      await proposeAll(
        fits.map((f) => ({ applicant: f.applicant, product: p, score: f.score, existing: existing.get(f.applicant.demand.demandId) })),
      );
    },

    /** Matches the caller may see: its enterprise's, its bank's, or all for the finance centre. */
    visible(principal: Principal, matches: Match[]): Match[] {
      switch (principal.role) {
        case 'FINANCE_CENTER':
          return matches;
        case 'ENTERPRISE':
          return matches.filter((m) => m.enterpriseId === principal.orgId);
        case 'BANK_OFFICER':
          return matches.filter((m) => m.bankId === principal.orgId);
        default:
          return [];
      }
    },

    async bankMatches(principal: Principal, status: MatchStatus | undefined, page: { first?: unknown; after?: unknown }) {
      if (principal.role !== 'BANK_OFFICER' || !principal.orgId) throw forbidden('Only bank officers have a match inbox');
      return repo.bankMatches(principal.orgId, status, page, (m) => toDto(m));
    },

    async respond(principal: Principal, id: string, interested: boolean, reason: string | null): Promise<MatchDto> {
      const m = await transition(id, (cur) => {
        if (principal.role !== 'BANK_OFFICER' || cur.bankId !== principal.orgId)
          return forbidden('Only an officer of the matched bank responds');
        const target: MatchStatus = interested ? 'INTERESTED' : 'DECLINED';
        if (cur.status === target) return null;
        if (cur.status !== 'PROPOSED') return conflict(`The match is ${cur.status}; only a PROPOSED match can be answered`);
        return { set: { status: target, responseReason: reason, respondedAt: now() }, def: matchResponded, reason };
      });
      return toDto(m);
    },

    async makeOffer(
      principal: Principal,
      id: string,
      offer: { amount: number; annualRate: number; termMonths: number; conditions: string | null },
    ): Promise<MatchDto> {
      const current = await repo.findMatch(id);
      if (!current) throw notFound('Match');
      if (principal.role !== 'BANK_OFFICER' || current.bankId !== principal.orgId)
        throw forbidden('Only an officer of the matched bank makes offers');
      const [product, enterprise] = await Promise.all([
        repo.findProductCopy(current.productId),
        repo.findEnterpriseCopy(current.enterpriseId),
      ]);
      if (!product || !enterprise) throw conflict('The match is not ready yet; try again');
      const { cap } = eligibilityCap(product, enterprise);
      if (offer.amount > cap)
        throw badInput(`amount: the offer may not exceed the eligibility cap of ${yuan(cap)} (${cap} yuan)`, { field: 'amount', cap });
      const m = await transition(id, (cur) => {
        if (cur.status !== 'INTERESTED') return conflict(`The match is ${cur.status}; an offer needs an INTERESTED match (respond first)`);
        return { set: { status: 'OFFERED', offer: { ...offer, offeredAt: now() } }, def: matchOffered };
      });
      return toDto(m);
    },

    /**
     * The enterprise accepts one offer. A claim document per demand decides the winner when two
     * tabs accept two offers at once; a retry of the same accept finishes what a crash left.
     */
    async accept(principal: Principal, id: string): Promise<MatchDto> {
      const current = await repo.findMatch(id);
      if (!current) throw notFound('Match');
      if (principal.role !== 'ENTERPRISE' || current.enterpriseId !== principal.orgId)
        throw forbidden('Only the enterprise that posted the demand accepts');
      if (current.status !== 'OFFERED' && current.status !== 'ACCEPTED')
        throw conflict(`The match is ${current.status}; only an OFFERED match can be accepted`);
      const holder = await repo.claimAcceptance(current.demandId, id);
      if (holder !== id) throw conflict('Another offer for this demand has already been accepted');
      let m: Match;
      try {
        m = await transition(id, (cur) => {
          if (cur.status === 'ACCEPTED') return null;
          if (cur.status !== 'OFFERED') return conflict(`The match is ${cur.status}; only an OFFERED match can be accepted`);
          return { set: { status: 'ACCEPTED' }, def: matchAccepted };
        });
      } catch (err) {
        await repo.releaseAcceptance(current.demandId, id);
        throw err;
      }
      await rejectOthers((await repo.matchesOfDemand(current.demandId)).filter((o) => o._id !== id));
      return toDto(m);
    },
  };
}
export type MatchingUseCases = ReturnType<typeof matchingUseCases>;
