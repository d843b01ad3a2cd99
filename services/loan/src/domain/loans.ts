import type { Principal } from '@yinqi/auth';
import {
  businessDateOf,
  calendarDaysBetween,
  DEFAULT_CALENDAR_SNAPSHOT,
  WorkingCalendar,
  type WorkingCalendarSnapshot,
} from '@yinqi/calendar';
import {
  loanClosed,
  loanDisbursed,
  loanFollowedUp,
  loanMaturityApproaching,
  loanOverdue,
  loanRepaid,
  loanReliefDecided,
  loanReliefRequested,
  type EventDefinition,
  type EventEnvelope,
  type GuaranteeRequestSnapshot,
  type LoanSnapshot,
  type LoanStatus,
  type MatchSnapshot,
  type PolicySnapshot,
  type ReliefKind,
  type RepaymentMethod,
  type RiskLevel,
} from '@yinqi/contracts';
import { randomBytes } from 'node:crypto';
import { AppError, badInput, conflict, forbidden, notFound, policyViolation } from '@yinqi/errors';
import { awaitCopy, DEFAULT_COPY_WAIT_MS, documentLockKey, newEvent, updateAggregate, withDocumentLock } from '@yinqi/events';
import type { Logger } from '@yinqi/logger';
import { LOANS_COLLECTION, type GuaranteeCopy, type LoanRecord, type ReliefRecord } from '../data/models';
import { loanIdOf, type Loan, type LoanRepository } from '../data/repository';
import { applyDeferral, applyRenewal, inBridgeWindow, inRenewalWindow, isPastDue, payableDayOf, principalFallingDue } from './relief';
import { allocateRepayment } from './repayment';
import { buildSchedule, maturityOf, nextDueOf, outstandingOf, owedOf, type Instalment } from './schedule';

const SOURCE = 'loan';
const DAY_MS = 86_400_000;

/** 无还本续贷 request window (days before maturity) unless RENEWAL_WINDOW_DAYS says otherwise. */
export const DEFAULT_RENEWAL_WINDOW_DAYS = 30;

/** Policy defaults until policy.changed brings the finance centre's settings (contract defaults). */
export const DEFAULT_POLICY = {
  riskShareGuarantor: 50,
  riskShareBank: 20,
  riskShareGovernment: 30,
  bridgeRequestWindowDays: 20,
  bridgeMaxWorkingDays: 7,
};

export interface ReliefDto {
  id: string;
  loanId: string;
  kind: ReliefKind;
  status: ReliefRecord['status'];
  reason: string;
  months: number | null;
  amount: number | null;
  note: string | null;
}

export interface LoanDto {
  id: string;
  matchId: string;
  demandId: string;
  enterpriseId: string;
  bankId: string;
  amount: number;
  annualRate: number;
  termMonths: number;
  repaymentMethod: RepaymentMethod;
  disbursedAt: string;
  maturityDate: string;
  outstandingPrincipal: number;
  status: LoanStatus;
  schedule: { dueDate: string; principal: number; interest: number; paid: boolean; paidPrincipal: number; paidInterest: number }[];
  reliefs: ReliefDto[];
  followUps: { note: string; riskLevel: RiskLevel; at: string }[];
  guaranteeFeeRate: number | null;
  coverageRatio: number | null;
  riskShare: { guarantor: number; bank: number; government: number } | null;
  bridge: { amount: number; from: string; until: string } | null;
  createdAt: string;
}

export interface LoanDeps {
  repo: LoanRepository;
  logger: Logger;
  /** Tells the outbox relay a loan has new events (its id, so the relay reads that loan only). */
  published: (loanId?: string) => void;
  now?: () => Date;
  /** Days before maturity at which loan.maturity-approaching is raised. */
  maturityNoticeDays?: number;
  /** 无还本续贷 "at or near maturity": requested (and approved) no earlier than this many days before maturity. */
  renewalWindowDays?: number;
  /** How long a disburse waits for the match's acceptance (and a guarantee's selection) to reach our copies. */
  copyWaitMs?: number;
  /** The wait's clock (tests). */
  sleep?: (ms: number) => Promise<void>;
}

/** Match states an acceptOffer in flight may still move to ACCEPTED. */
const MAY_BECOME_ACCEPTED = new Set(['PROPOSED', 'INTERESTED', 'OFFERED']);

type Change = { set: Partial<LoanRecord>; events: { def: EventDefinition; extra?: Record<string, unknown> }[] } | null;

const iso = (d: Date | string) => new Date(d).toISOString();
/** Dates come back from the store as Date objects; instalments are plain sub-documents. */
const scheduleOf = (l: Pick<Loan, 'schedule'>): Instalment[] => l.schedule.map((i) => ({ ...i, dueDate: new Date(i.dueDate) }));

export function loanUseCases({
  repo,
  logger,
  published,
  now = () => new Date(),
  maturityNoticeDays = 30,
  renewalWindowDays = DEFAULT_RENEWAL_WINDOW_DAYS,
  copyWaitMs = DEFAULT_COPY_WAIT_MS,
  sleep,
}: LoanDeps) {
  const waitClock = sleep ? { sleep } : {};
  const snapshot = (l: Loan): LoanSnapshot => ({
    loanId: l._id,
    matchId: l.matchId,
    demandId: l.demandId,
    enterpriseId: l.enterpriseId,
    bankId: l.bankId,
    amount: l.amount,
    annualRate: l.annualRate,
    termMonths: l.termMonths,
    repaymentMethod: l.repaymentMethod,
    disbursedAt: iso(l.disbursedAt),
    maturityDate: iso(l.maturityDate),
    outstandingPrincipal: l.outstandingPrincipal,
    status: l.status,
    guaranteeFeeRate: l.guaranteeFeeRate,
    coverageRatio: l.coverageRatio,
    riskShare: l.riskShare,
  });

  const reliefDto = (loanId: string, r: ReliefRecord): ReliefDto => ({
    id: r.reliefId,
    loanId,
    kind: r.kind,
    status: r.status,
    reason: r.reason,
    months: r.months,
    amount: r.amount,
    note: r.note,
  });
  const reliefSnapshot = (r: ReliefRecord) => ({
    reliefId: r.reliefId,
    kind: r.kind,
    status: r.status,
    months: r.months,
    amount: r.amount,
  });

  /** The API view: the event snapshot (one list of fields for both) plus what only readers need. */
  const toDto = (l: Loan): LoanDto => {
    const { loanId, ...fields } = snapshot(l);
    return {
      id: loanId,
      ...fields,
      schedule: scheduleOf(l).map((i) => ({
        dueDate: iso(i.dueDate),
        principal: i.principal,
        interest: i.interest,
        paid: i.paid,
        paidPrincipal: i.paidPrincipal,
        paidInterest: i.paidInterest,
      })),
      reliefs: l.reliefs.map((r) => reliefDto(l._id, r)),
      followUps: l.followUps.map((f) => ({ note: f.note, riskLevel: f.riskLevel, at: iso(f.at) })),
      bridge: l.bridge ? { amount: l.bridge.amount, from: iso(l.bridge.from), until: iso(l.bridge.until) } : null,
      createdAt: iso(l.createdAt),
    };
  };

  /** The derived fields every schedule change must keep in step. */
  const scheduleState = (schedule: Instalment[]) => ({
    schedule,
    outstandingPrincipal: outstandingOf(schedule),
    nextDueDate: nextDueOf(schedule),
    maturityDate: maturityOf(schedule),
  });

  /**
   * One loan command: the shared read → decide → version-conditional write (updateAggregate), with a
   * short backoff after a lost race so the other writer's step can finish. The document lock only
   * keeps this process's writers of one loan (and its outbox relay) from racing each other.
   */
  function transition(id: string, decide: (l: Loan) => Change | AppError): Promise<Loan> {
    return withDocumentLock(documentLockKey(LOANS_COLLECTION, id), () =>
      updateAggregate<Loan, { set: NonNullable<Change>['set']; events: EventEnvelope[] }>(
        { load: (key) => repo.findLoan(key), write: (key, version, c) => repo.updateLoan(key, version, c.set, c.events) },
        id,
        (l) => {
          const d = decide(l);
          if (d === null || d instanceof Error) return d;
          const next: Loan = { ...l, ...d.set, version: l.version + 1 };
          const events = d.events.map((e) =>
            newEvent(e.def, { key: id, version: next.version, source: SOURCE, data: { loan: snapshot(next), ...(e.extra ?? {}) } }),
          );
          return { next, change: { set: d.set, events } };
        },
        { what: 'Loan', backoffMs: 10, written: (next, c) => c.events.length > 0 && published(next._id) },
      ),
    );
  }

  const isLender = (p: Principal, l: Loan) => p.role === 'BANK_OFFICER' && p.orgId === l.bankId;
  const mayView = (p: Principal, l: Loan) =>
    p.role === 'FINANCE_CENTER' || (p.role === 'ENTERPRISE' && p.orgId === l.enterpriseId) || isLender(p, l);

  /** The loan when the caller may act on it: NOT_FOUND when there is none, FORBIDDEN for anyone but the actor. */
  async function loanFor(id: string, mayAct: (l: Loan) => boolean, what: string): Promise<Loan> {
    const l = await repo.findLoan(id);
    if (!l) throw notFound('Loan');
    if (!mayAct(l)) throw forbidden(what);
    return l;
  }

  const sameDisbursement = (l: Loan, input: { disbursedAt: Date; repaymentMethod: RepaymentMethod }) =>
    new Date(l.disbursedAt).getTime() === input.disbursedAt.getTime() && l.repaymentMethod === input.repaymentMethod;

  /** A second disburse of a match: the same input is a retry and gets the same loan; anything else is CONFLICT. */
  function existingDisbursement(p: Principal, l: Loan, input: { disbursedAt: Date; repaymentMethod: RepaymentMethod }): LoanDto {
    if (!isLender(p, l)) throw forbidden('Only an officer of the lending bank disburses');
    if (!sameDisbursement(l, input)) throw conflict('This match has already been disbursed');
    return toDto(l);
  }

  /** 无还本续贷 is for a loan at or near maturity: earlier it is a policy violation, like 应急转贷 outside its window. */
  const renewalTooEarly = (l: Loan) =>
    policyViolation(
      `无还本续贷 can be requested only within ${renewalWindowDays} days before maturity (${iso(l.maturityDate).slice(0, 10)})`,
      {
        windowDays: renewalWindowDays,
        maturityDate: iso(l.maturityDate),
      },
    );

  async function policy() {
    return { ...DEFAULT_POLICY, ...((await repo.findPolicy()) ?? {}) };
  }

  /**
   * The working calendar as the last calendar.changed left it (the official schedules until one
   * arrives). Read from our copy on every use, not cached: whichever replica consumed the change,
   * every replica counts with it from the next command on, without a restart.
   */
  async function calendar(): Promise<WorkingCalendar> {
    return new WorkingCalendar((await repo.findCalendar()) ?? DEFAULT_CALENDAR_SNAPSHOT);
  }

  return {
    toDto,

    onMatch: async (m: MatchSnapshot, version: number) => void (await repo.saveMatch(m, version)),
    onGuarantee: async (r: GuaranteeRequestSnapshot, version: number) => void (await repo.saveGuarantee(r, version)),
    onPolicy: async (p: PolicySnapshot, version: number) => void (await repo.savePolicy(p, version)),
    onCalendar: async (c: WorkingCalendarSnapshot, version: number) => void (await repo.saveCalendar(c, version)),

    /**
     * 放款: the lending bank disburses an ACCEPTED match on the accepted offer's terms. When a
     * guarantee is needed (政银担), its request must have a selected quote, whose fee rate and
     * coverage the loan keeps together with the policy's risk shares in force now.
     */
    async disburse(p: Principal, matchId: string, input: { disbursedAt: Date; repaymentMethod: RepaymentMethod }): Promise<LoanDto> {
      if (p.role !== 'BANK_OFFICER' || !p.orgId) throw forbidden('Only a bank officer disburses');
      const id = loanIdOf(matchId);
      const existing = await repo.findLoan(id);
      if (existing) return existingDisbursement(p, existing, input);
      // The enterprise may have accepted a moment ago (or the guarantor's quote been selected):
      // wait, bounded, for those events to reach our copies before judging on them.
      const match = await awaitCopy(() => repo.findMatchCopy(matchId), {
        timeoutMs: copyWaitMs,
        ready: (m) => !MAY_BECOME_ACCEPTED.has(m.status),
        ...waitClock,
      });
      if (!match) throw conflict('The match is not known as ACCEPTED (yet); only an accepted offer can be disbursed');
      if (match.bankId !== p.orgId) throw forbidden('Only an officer of the matched bank disburses');
      if (match.status !== 'ACCEPTED' || !match.offer)
        throw conflict(`The match is ${match.status}; only an ACCEPTED match can be disbursed`);
      let terms: Pick<LoanRecord, 'guaranteeFeeRate' | 'coverageRatio' | 'riskShare'> = {
        guaranteeFeeRate: null,
        coverageRatio: null,
        riskShare: null,
      };
      if (match.needsGuarantee) {
        const selectedOf = (requests: GuaranteeCopy[]) =>
          requests.flatMap((r) => r.quotes.filter((q) => q.quoteId === r.selectedQuoteId))[0];
        // A selection may still come while a request is open (or before the first one is opened).
        const requests = await awaitCopy(() => repo.guaranteesOfMatch(matchId), {
          timeoutMs: copyWaitMs,
          ready: (rs) => Boolean(selectedOf(rs)) || (rs.length > 0 && rs.every((r) => r.status === 'CLOSED')),
          ...waitClock,
        });
        const selected = selectedOf(requests ?? []);
        if (!selected) throw conflict('The loan needs a guarantee (政银担) and no guarantee quote has been selected yet');
        const pol = await policy();
        terms = {
          guaranteeFeeRate: selected.feeRate,
          coverageRatio: selected.coverageRatio,
          riskShare: { guarantor: pol.riskShareGuarantor, bank: pol.riskShareBank, government: pol.riskShareGovernment },
        };
      }
      const { amount, annualRate, termMonths } = match.offer;
      const schedule = buildSchedule(amount, annualRate, termMonths, input.repaymentMethod, input.disbursedAt);
      const at = now();
      const record: LoanRecord = {
        _id: id,
        matchId,
        demandId: match.demandId,
        enterpriseId: match.enterpriseId,
        bankId: match.bankId,
        amount,
        annualRate,
        termMonths,
        repaymentMethod: input.repaymentMethod,
        disbursedAt: input.disbursedAt,
        status: 'ACTIVE',
        ...scheduleState(schedule),
        reliefs: [],
        followUps: [],
        repayments: [],
        ...terms,
        bridge: null,
        maturityNoticed: false,
        disbursedBy: p.userId,
        createdAt: at,
        updatedAt: at,
        version: 1,
        outbox: [],
      };
      record.outbox = [newEvent(loanDisbursed, { key: id, version: 1, source: SOURCE, data: { loan: snapshot(record) } })];
      if (!(await repo.insertLoan(record))) {
        // Lost a race with another disburse of the same match: exactly one loan exists.
        const winner = await repo.findLoan(id);
        if (!winner) throw conflict('The match is being disbursed; try again');
        return existingDisbursement(p, winner, input);
      }
      published(id);
      const { outbox: _outbox, ...loan } = record;
      return toDto(loan);
    },

    /** 还款: see allocateRepayment for the order; overpaying is refused, CLOSED once no principal is left. */
    async repay(p: Principal, loanId: string, amount: number, paidAt: Date): Promise<LoanDto> {
      await loanFor(loanId, (l) => isLender(p, l), 'Only an officer of the lending bank records repayments');
      const cal = await calendar();
      const l = await transition(loanId, (cur) => {
        if (cur.status === 'CLOSED') return conflict('The loan is closed');
        const schedule = scheduleOf(cur);
        const owed = owedOf(schedule);
        const a = allocateRepayment(schedule, amount);
        if (!a) return badInput(`amount: more than is owed (${owed} yuan in interest and principal)`, { field: 'amount', owed });
        const state = scheduleState(a.schedule);
        const closed = state.outstandingPrincipal === 0 && a.schedule.every((i) => i.paid);
        const stillLate = state.nextDueDate !== null && isPastDue(state.nextDueDate, now(), cal);
        const status: LoanStatus = closed ? 'CLOSED' : cur.status === 'OVERDUE' && !stillLate ? 'ACTIVE' : cur.status;
        const repayment = { amount, principal: a.principalPaid, interest: a.interestPaid, paidAt, recordedAt: now(), by: p.userId };
        return {
          set: { ...state, status, repayments: [...cur.repayments, repayment] },
          events: [{ def: loanRepaid, extra: { amount, paidAt: paidAt.toISOString() } }, ...(closed ? [{ def: loanClosed }] : [])],
        };
      });
      return toDto(l);
    },

    /** 贷后跟踪: the lending bank's follow-up note with its risk assessment. */
    async followUp(p: Principal, loanId: string, note: string, riskLevel: RiskLevel): Promise<LoanDto> {
      await loanFor(loanId, (l) => isLender(p, l), 'Only an officer of the lending bank records follow-ups');
      const at = now();
      const l = await transition(loanId, (cur) => ({
        set: { followUps: [...cur.followUps, { note, riskLevel, at, by: p.userId }] },
        events: [{ def: loanFollowedUp, extra: { riskLevel, at: at.toISOString() } }],
      }));
      return toDto(l);
    },

    /** The borrowing enterprise asks for relief; one PENDING request per kind per loan. */
    async requestRelief(
      p: Principal,
      loanId: string,
      input: { kind: ReliefKind; reason: string; months?: number | null; amount?: number | null },
    ): Promise<ReliefDto> {
      await loanFor(loanId, (l) => p.role === 'ENTERPRISE' && p.orgId === l.enterpriseId, 'Only the borrowing enterprise requests relief');
      if (input.kind === 'DEFERRAL' && input.months == null) throw badInput('months: a deferral needs 1 to 12 months', { field: 'months' });
      if (input.kind === 'BRIDGE_FUND' && input.amount == null)
        throw badInput('amount: a bridge fund request needs an amount', { field: 'amount' });
      const pol = input.kind === 'BRIDGE_FUND' ? await policy() : DEFAULT_POLICY;
      const cal = await calendar();
      const relief: ReliefRecord = {
        reliefId: `${loanId}-${randomBytes(6).toString('hex')}`,
        kind: input.kind,
        status: 'PENDING',
        reason: input.reason,
        months: input.kind === 'DEFERRAL' ? input.months! : null,
        amount: input.kind === 'BRIDGE_FUND' ? input.amount! : null,
        requestedAt: now(),
        requestedBy: p.userId,
        decidedAt: null,
        decidedBy: null,
        note: null,
      };
      await transition(loanId, (cur) => {
        if (cur.status === 'CLOSED') return conflict('The loan is closed');
        if (cur.reliefs.some((r) => r.kind === input.kind && r.status === 'PENDING'))
          return conflict(`A ${input.kind} request for this loan is already pending`);
        if (input.kind === 'RENEWAL_WITHOUT_REPAYMENT' && !inRenewalWindow(new Date(cur.maturityDate), now(), renewalWindowDays))
          return renewalTooEarly(cur);
        if (input.kind === 'BRIDGE_FUND') {
          const schedule = scheduleOf(cur);
          const due = principalFallingDue(schedule);
          if (relief.amount! > due)
            return badInput(`amount: at most the principal falling due (${due} yuan)`, { field: 'amount', max: due });
          const maturity = maturityOf(schedule);
          if (!inBridgeWindow(maturity, now(), pol.bridgeRequestWindowDays, cal)) {
            return policyViolation(
              `应急转贷 can be requested only within ${pol.bridgeRequestWindowDays} days before maturity (${businessDateOf(maturity)}), until the end of its payable day ${payableDayOf(maturity, cal)} (Beijing time)`,
              { windowDays: pol.bridgeRequestWindowDays, maturityDate: businessDateOf(maturity), payableOn: payableDayOf(maturity, cal) },
            );
          }
        }
        return {
          set: { reliefs: [...cur.reliefs, relief] },
          events: [{ def: loanReliefRequested, extra: { relief: reliefSnapshot(relief) } }],
        };
      });
      return reliefDto(loanId, relief);
    },

    /**
     * The lending bank decides DEFERRAL and RENEWAL_WITHOUT_REPAYMENT, the finance centre BRIDGE_FUND;
     * only a PENDING request. What approval does to the loan is in relief.ts.
     */
    async decideRelief(p: Principal, reliefId: string, approve: boolean, note: string | null): Promise<ReliefDto> {
      const loanId = reliefId.split('-')[0] ?? '';
      const current = await repo.findLoan(loanId);
      const found = current?.reliefs.find((r) => r.reliefId === reliefId);
      if (!current || !found) throw notFound('Relief');
      const mayDecide = found.kind === 'BRIDGE_FUND' ? p.role === 'FINANCE_CENTER' : isLender(p, current);
      if (!mayDecide)
        throw forbidden(
          found.kind === 'BRIDGE_FUND'
            ? 'Only the finance centre decides 应急转贷'
            : 'Only an officer of the lending bank decides this relief',
        );
      const pol = found.kind === 'BRIDGE_FUND' ? await policy() : DEFAULT_POLICY;
      const cal = await calendar();
      let decided: ReliefRecord | undefined;
      await transition(loanId, (cur) => {
        const r = cur.reliefs.find((x) => x.reliefId === reliefId)!;
        if (r.status !== 'PENDING') return conflict(`The relief is already ${r.status}`);
        const at = now();
        decided = { ...r, status: approve ? 'APPROVED' : 'DECLINED', decidedAt: at, decidedBy: p.userId, note };
        const set: Partial<LoanRecord> = { reliefs: cur.reliefs.map((x) => (x.reliefId === reliefId ? decided! : x)) };
        if (approve && r.kind !== 'BRIDGE_FUND') {
          if (cur.status === 'CLOSED') return conflict('The loan is closed');
          // A deferral approved since the request may have moved maturity out of the window again.
          if (r.kind === 'RENEWAL_WITHOUT_REPAYMENT' && !inRenewalWindow(new Date(cur.maturityDate), at, renewalWindowDays))
            return renewalTooEarly(cur);
          const schedule = scheduleOf(cur);
          const changed =
            r.kind === 'DEFERRAL'
              ? applyDeferral(schedule, r.months!, cur.annualRate).schedule
              : applyRenewal(schedule, cur.termMonths, cur.annualRate, cur.repaymentMethod);
          Object.assign(set, scheduleState(changed));
          if (set.maturityDate!.getTime() !== new Date(cur.maturityDate).getTime()) set.maturityNoticed = false;
          if (cur.status === 'OVERDUE' && set.nextDueDate && !isPastDue(set.nextDueDate, at, cal)) set.status = 'ACTIVE';
        }
        if (approve && r.kind === 'BRIDGE_FUND')
          set.bridge = { reliefId, amount: r.amount!, from: at, until: cal.addWorkingDays(at, pol.bridgeMaxWorkingDays) };
        return { set, events: [{ def: loanReliefDecided, extra: { relief: reliefSnapshot(decided) } }] };
      });
      return reliefDto(loanId, decided!);
    },

    async get(p: Principal, id: string): Promise<LoanDto> {
      const l = await repo.findLoan(id);
      if (!l || !mayView(p, l)) throw notFound('Loan');
      return toDto(l);
    },

    async byIds(p: Principal, ids: string[]): Promise<LoanDto[]> {
      return (await repo.loansByIds(ids)).filter((l) => mayView(p, l)).map(toDto);
    },

    /** Loans scoped like demands: the enterprise's own, the bank's own, all for the finance centre. */
    async list(p: Principal, status: LoanStatus | undefined, page: { first?: unknown; after?: unknown }) {
      const scope: Record<string, unknown> =
        p.role === 'FINANCE_CENTER'
          ? {}
          : p.role === 'ENTERPRISE' && p.orgId
            ? { enterpriseId: p.orgId }
            : p.role === 'BANK_OFFICER' && p.orgId
              ? { bankId: p.orgId }
              : { _id: '\u0000none' };
      return repo.page({ ...scope, ...(status ? { status } : {}) }, page, (l) => toDto(l));
    },

    /**
     * The maturity sweep (到期提醒 and 逾期): each alert is a version-conditioned write with its
     * event, so replicas sweeping at once raise it once. Returns how many loans changed.
     */
    async sweep(batch = 200): Promise<number> {
      const at = now();
      const cal = await calendar();
      const today = businessDateOf(at);
      let changed = 0;
      // Counts only writes this sweep made: the last decision before transition returns is the one that counted.
      const once = (decide: (l: Loan) => Change) => {
        let wrote = false;
        return {
          decide: (l: Loan) => {
            const d = decide(l);
            wrote = d !== null;
            return d;
          },
          count: () => void (wrote && (changed += 1)),
        };
      };
      for (const l of await repo.newlyOverdue(at, batch)) {
        const step = once((cur) => {
          // Due on a day off, it is payable on the next working day (顺延); late only once that day is over.
          if (cur.status !== 'ACTIVE' || !cur.nextDueDate || !isPastDue(new Date(cur.nextDueDate), at, cal)) return null;
          return { set: { status: 'OVERDUE' }, events: [{ def: loanOverdue, extra: { dueDate: iso(cur.nextDueDate) } }] };
        });
        await transition(l._id, step.decide)
          .then(step.count)
          .catch((err: Error) => logger.warn({ loanId: l._id, err: err.message }, 'overdue sweep skipped a loan'));
      }
      for (const l of await repo.maturingBefore(new Date(at.getTime() + maturityNoticeDays * DAY_MS), batch)) {
        const step = once((cur) => {
          if (cur.maturityNoticed || cur.status === 'CLOSED') return null;
          const maturity = new Date(cur.maturityDate);
          const payableOn = payableDayOf(maturity, cal);
          const daysLeft = Math.max(0, calendarDaysBetween(today, businessDateOf(maturity)));
          const workingDaysLeft = cal.workingDaysBetween(today, payableOn);
          return {
            set: { maturityNoticed: true },
            events: [{ def: loanMaturityApproaching, extra: { daysLeft, workingDaysLeft, payableOn } }],
          };
        });
        await transition(l._id, step.decide)
          .then(step.count)
          .catch((err: Error) => logger.warn({ loanId: l._id, err: err.message }, 'maturity sweep skipped a loan'));
      }
      return changed;
    },
  };
}
export type LoanUseCases = ReturnType<typeof loanUseCases>;
