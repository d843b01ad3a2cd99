import { randomUUID } from 'node:crypto';
import type { Principal } from '@yinqi/auth';
import {
  guaranteeQuoted,
  guaranteeQuoteSelected,
  guaranteeRequestClosed,
  guaranteeRequestOpened,
  type DemandSnapshot,
  type EventDefinition,
  type EventEnvelope,
  type GuaranteeRequestSnapshot,
  type MatchSnapshot,
  type PolicySnapshot,
} from '@yinqi/contracts';
import { AppError, conflict, forbidden, notFound, policyViolation } from '@yinqi/errors';
import { documentLockKey, newEvent, updateAggregate, withDocumentLock } from '@yinqi/events';
import type { Logger } from '@yinqi/logger';
import { REQUESTS_COLLECTION, type GuaranteeRequestRecord, type QuoteRecord } from '../data/models';
import { requestIdOf, type GuaranteeRequest, type GuaranteeRepository } from '../data/repository';
import { canSeeRequest, requestFilter, visibleQuotes } from './access';
import { exceedsFeeCap } from './policy';
import type { QuoteInput } from './schemas';

const SOURCE = 'guarantee';

export interface QuoteDto {
  id: string;
  guarantorId: string;
  feeRate: number;
  coverageRatio: number;
  conditions: string | null;
  quotedAt: string;
}

export interface GuaranteeRequestDto {
  id: string;
  matchId: string;
  demandId: string;
  enterpriseId: string;
  bankId: string;
  productId: string;
  amount: number;
  status: GuaranteeRequestRecord['status'];
  quotes: QuoteDto[];
  selectedQuote: QuoteDto | null;
  closedReason: string | null;
  createdAt: string;
  expiresAt: string;
  /** What this service knows of the demand, for readers the enterprise service does not serve (guarantors). */
  demand: DemandSnapshot | null;
  /** What this service knows of the match, for readers the matching service does not serve (guarantors). */
  match: {
    id: string;
    demandId: string;
    enterpriseId: string;
    productId: string;
    bankId: string;
    score: number;
    status: string;
    createdAt: string;
    offer: { amount: number; annualRate: number; termMonths: number; conditions: string | null; allInAnnualRate: number } | null;
  };
}

export interface RequestDeps {
  repo: GuaranteeRepository;
  logger: Logger;
  published: (id?: string) => void;
  policy: () => Promise<PolicySnapshot>;
  ttlHours: number;
  now?: () => Date;
}

type Decision = { set: Partial<GuaranteeRequestRecord>; def: EventDefinition; reason?: string } | null;

const quoteDto = (q: QuoteRecord): QuoteDto => ({
  id: q.quoteId,
  guarantorId: q.guarantorId,
  feeRate: q.feeRate,
  coverageRatio: q.coverageRatio,
  conditions: q.conditions,
  quotedAt: new Date(q.quotedAt).toISOString(),
});

export function snapshotOf(r: GuaranteeRequest): GuaranteeRequestSnapshot {
  return {
    requestId: r._id,
    matchId: r.matchId,
    demandId: r.demandId,
    enterpriseId: r.enterpriseId,
    bankId: r.bankId,
    amount: r.amount,
    status: r.status,
    quotes: r.quotes.map((q) => ({
      quoteId: q.quoteId,
      guarantorId: q.guarantorId,
      feeRate: q.feeRate,
      coverageRatio: q.coverageRatio,
      conditions: q.conditions,
      quotedAt: new Date(q.quotedAt).toISOString(),
    })),
    selectedQuoteId: r.selectedQuoteId,
    createdAt: new Date(r.createdAt).toISOString(),
  };
}

/** The snapshot fields only (the stored copy also has _id and version). */
const demandOf = (d: DemandSnapshot): DemandSnapshot => ({
  demandId: d.demandId,
  enterpriseId: d.enterpriseId,
  amount: d.amount,
  termMonths: d.termMonths,
  purpose: d.purpose,
  collateral: d.collateral,
  maxAnnualRate: d.maxAnnualRate,
  needsGuarantee: d.needsGuarantee,
  status: d.status,
  createdAt: d.createdAt,
});

/** Rates are percent with at most 4 decimals of meaning; keep float noise out of the all-in rate. */
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

export function requestUseCases({ repo, logger, published, policy, ttlHours, now = () => new Date() }: RequestDeps) {
  /** Our latest copy of the request's demand (read by _id, the one indexed lookup on FerretDB); what the request kept when it opened otherwise. */
  async function currentDemand(r: GuaranteeRequest): Promise<DemandSnapshot | null> {
    const copy = await repo.findDemand(r.demandId);
    return copy ? demandOf(copy) : r.demand;
  }

  /** The request as `p` may see it (rival quotes hidden from guarantors). */
  async function toDto(r: GuaranteeRequest, p: Principal): Promise<GuaranteeRequestDto> {
    const quotes = visibleQuotes(p, r.quotes).map(quoteDto);
    const selected = r.selectedQuoteId ? (quotes.find((q) => q.id === r.selectedQuoteId) ?? null) : null;
    const chosen = r.selectedQuoteId ? r.quotes.find((q) => q.quoteId === r.selectedQuoteId) : undefined;
    const fee = chosen ? chosen.feeRate : r.offer ? (await policy()).guaranteeFeeRateTarget : 0;
    return {
      id: r._id,
      matchId: r.matchId,
      demandId: r.demandId,
      enterpriseId: r.enterpriseId,
      bankId: r.bankId,
      productId: r.productId,
      amount: r.amount,
      status: r.status,
      quotes,
      selectedQuote: selected,
      closedReason: r.closedReason,
      createdAt: new Date(r.createdAt).toISOString(),
      expiresAt: new Date(r.expiresAt).toISOString(),
      demand: await currentDemand(r),
      match: {
        id: r.matchId,
        demandId: r.demandId,
        enterpriseId: r.enterpriseId,
        productId: r.productId,
        bankId: r.bankId,
        score: r.matchScore,
        status: r.matchStatus,
        createdAt: r.matchCreatedAt,
        offer: r.offer ? { ...r.offer, allInAnnualRate: round4(r.offer.annualRate + fee) } : null,
      },
    };
  }

  /**
   * One guarantee-request command: the shared read → decide → version-conditional write
   * (updateAggregate). The document lock only keeps this process's writers of one request (and its
   * outbox relay) from racing each other.
   */
  function transition(id: string, decide: (r: GuaranteeRequest) => Decision | AppError): Promise<GuaranteeRequest> {
    return withDocumentLock(documentLockKey(REQUESTS_COLLECTION, id), () =>
      updateAggregate<GuaranteeRequest, { set: Partial<GuaranteeRequestRecord>; event: EventEnvelope }>(
        { load: (key) => repo.findRequest(key), write: (key, version, c) => repo.updateRequest(key, version, c.set, c.event) },
        id,
        (r) => {
          const d = decide(r);
          if (d === null || d instanceof Error) return d;
          const next: GuaranteeRequest = { ...r, ...d.set, version: r.version + 1 };
          const data =
            d.def === guaranteeRequestClosed ? { request: snapshotOf(next), reason: d.reason ?? '' } : { request: snapshotOf(next) };
          const event = newEvent(d.def, { key: r._id, version: next.version, source: SOURCE, data, occurredAt: now() });
          return { next, change: { set: { ...d.set, updatedAt: now() }, event } };
        },
        { what: 'Guarantee request', written: (next) => published(next._id) },
      ),
    );
  }

  async function close(id: string, reason: string, guard: (r: GuaranteeRequest) => boolean): Promise<GuaranteeRequest | null> {
    try {
      return await transition(id, (r) =>
        guard(r) ? { set: { status: 'CLOSED', closedReason: reason }, def: guaranteeRequestClosed, reason } : null,
      );
    } catch (err) {
      if (err instanceof AppError && err.code === 'NOT_FOUND') return null;
      throw err;
    }
  }

  return {
    toDto,

    /**
     * Keeps our demand copy current; re-delivery and old versions change nothing. Requests read
     * it by id when shown (toDto), so no request document is written here: a write to a request
     * outside its document lock could undo a concurrent command on FerretDB.
     */
    async onDemand(d: DemandSnapshot, version: number): Promise<void> {
      await repo.saveDemand(d, version);
    },

    /** match.accepted: a match that needs a guarantee gets exactly one request, whatever re-delivery. */
    async onMatchAccepted(m: MatchSnapshot, matchVersion: number): Promise<void> {
      if (!m.needsGuarantee) return;
      const id = requestIdOf(m.matchId);
      const at = now();
      const copy = await repo.findDemand(m.demandId);
      const record: GuaranteeRequestRecord = {
        _id: id,
        matchId: m.matchId,
        demandId: m.demandId,
        enterpriseId: m.enterpriseId,
        bankId: m.bankId,
        productId: m.productId,
        // The accepted offer's amount is what gets guaranteed; the demand's amount when there is none.
        amount: m.offer?.amount ?? m.amount,
        offer: m.offer
          ? {
              amount: m.offer.amount,
              annualRate: m.offer.annualRate,
              termMonths: m.offer.termMonths,
              conditions: m.offer.conditions ?? null,
            }
          : null,
        matchCreatedAt: m.createdAt,
        matchScore: m.score,
        matchStatus: m.status,
        demand: copy ? demandOf(copy) : null,
        demandVersion: copy?.version ?? 0,
        matchVersion,
        status: 'OPEN',
        quotes: [],
        guarantorIds: [],
        selectedQuoteId: null,
        closedReason: null,
        createdAt: at,
        expiresAt: new Date(at.getTime() + ttlHours * 3_600_000),
        updatedAt: at,
        version: 1,
        outbox: [],
      };
      record.outbox = [
        newEvent(guaranteeRequestOpened, { key: id, version: 1, source: SOURCE, data: { request: snapshotOf(record) }, occurredAt: at }),
      ];
      if (await repo.insertRequest(record)) {
        published(id);
        logger.info({ requestId: id, matchId: m.matchId }, 'guarantee request opened');
      }
    },

    /** The match went away (withdrawn or rejected): its request, if any and still live, closes. */
    async onMatchGone(m: MatchSnapshot, matchVersion: number, why: string): Promise<void> {
      await close(requestIdOf(m.matchId), why, (r) => r.status !== 'CLOSED' && r.matchVersion < matchVersion);
    },

    /** Closes OPEN requests past their time; safe with several replicas (each close is a version CAS). */
    async expireDue(batch = 100): Promise<number> {
      const due = await repo.expired(now(), batch);
      let closed = 0;
      for (const r of due) {
        const done = await close(
          r._id,
          'expired: no quote selected in time',
          (cur) => cur.status === 'OPEN' && new Date(cur.expiresAt).getTime() <= now().getTime(),
        );
        if (done?.status === 'CLOSED' && done.version > r.version) closed += 1;
      }
      if (closed) logger.info({ closed }, 'expired guarantee requests closed');
      return closed;
    },

    async list(p: Principal, status: string | undefined, page: { first?: unknown; after?: unknown }) {
      const filter = requestFilter(p, status);
      const res = await repo.page(filter, page, (r) => r);
      return { ...res, edges: await Promise.all(res.edges.map(async (e) => ({ cursor: e.cursor, node: await toDto(e.node, p) }))) };
    },

    async get(p: Principal, id: string): Promise<GuaranteeRequestDto> {
      const r = await repo.findRequest(id);
      if (!r || !canSeeRequest(p, r)) throw notFound('Guarantee request');
      return toDto(r, p);
    },

    /**
     * 担保报价: one quote per guarantee institution per request; quoting again replaces the
     * institution's previous quote (a new quote id). A fee above the policy cap writes nothing.
     */
    async submitQuote(p: Principal, requestId: string, input: QuoteInput): Promise<QuoteDto> {
      if (p.role !== 'GUARANTOR_OFFICER' || !p.orgId) throw forbidden('Only guarantor officers quote');
      const guarantorId = p.orgId;
      const current = await policy();
      const quote: QuoteRecord = {
        quoteId: randomUUID(),
        guarantorId,
        quotedBy: p.userId,
        feeRate: input.feeRate,
        coverageRatio: input.coverageRatio,
        conditions: input.conditions ?? null,
        quotedAt: now(),
      };
      await transition(requestId, (r) => {
        if (r.status !== 'OPEN') return conflict(`The guarantee request is ${r.status}; it takes no more quotes`);
        if (exceedsFeeCap(current, input.feeRate)) {
          return policyViolation(`feeRate ${input.feeRate}% is above the policy's guarantee fee cap of ${current.guaranteeFeeRateCap}%`, {
            field: 'feeRate',
            cap: current.guaranteeFeeRateCap,
          });
        }
        const others = r.quotes.filter((q) => q.guarantorId !== guarantorId);
        const guarantorIds = r.guarantorIds.includes(guarantorId) ? r.guarantorIds : [...r.guarantorIds, guarantorId];
        return { set: { quotes: [...others, quote], guarantorIds }, def: guaranteeQuoted };
      });
      return quoteDto(quote);
    },

    /** The owning enterprise picks one quote; picking the same one again changes nothing. */
    async selectQuote(p: Principal, quoteId: string): Promise<GuaranteeRequestDto> {
      if (p.role !== 'ENTERPRISE' || !p.orgId) throw forbidden('Only the enterprise that owns the request selects a quote');
      const found = await repo.findRequestByQuote(quoteId);
      if (!found) throw notFound('Guarantee quote');
      if (found.enterpriseId !== p.orgId) throw forbidden('Only the enterprise that owns the request selects a quote');
      const r = await transition(found._id, (cur) => {
        if (cur.status === 'SELECTED' && cur.selectedQuoteId === quoteId) return null;
        if (cur.status !== 'OPEN')
          return conflict(cur.status === 'SELECTED' ? 'Another quote is already selected' : 'The guarantee request is closed');
        // The institution may have replaced this quote since it was read.
        if (!cur.quotes.some((q) => q.quoteId === quoteId))
          return conflict('This quote was replaced by a newer one from the same guarantor');
        return { set: { status: 'SELECTED', selectedQuoteId: quoteId }, def: guaranteeQuoteSelected };
      });
      return toDto(r, p);
    },
  };
}
export type RequestUseCases = ReturnType<typeof requestUseCases>;
