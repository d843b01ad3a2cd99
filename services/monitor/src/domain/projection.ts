import type {
  EnterpriseSnapshot,
  EventEnvelope,
  LoanSnapshot,
  MatchSnapshot,
  DemandSnapshot,
  ProductSnapshot,
  PolicySnapshot,
  ReliefSnapshot,
  Tier,
} from '@yinqi/contracts';
import { capitalFacts } from './capital';
import { DEFAULT_CALENDAR_SNAPSHOT, WorkingCalendar, type ResponseSla, type WorkingCalendarSnapshot } from '@yinqi/calendar';
import { WORKING_CALENDAR_KEY } from '@yinqi/contracts';
import { DEFAULT_POLICY, FACT_KINDS, type FactChange, type FactKind, type FactTypes, type LoanFact, type MatchFact } from './facts';

const ms = (iso: string) => Date.parse(iso);

/**
 * The in-memory projection: every fact of the read model, by kind and id. `decide` turns an event
 * into the facts it changes (only those whose stored version is lower: re-delivery and replay
 * change nothing); `put` holds a fact once it is stored. Pure: no I/O, no clock.
 */
export class Projection {
  private readonly maps: { [K in FactKind]: Map<string, FactTypes[K]> } = Object.fromEntries(FACT_KINDS.map((k) => [k, new Map()])) as {
    [K in FactKind]: Map<string, FactTypes[K]>;
  };

  get<K extends FactKind>(kind: K, id: string): FactTypes[K] | undefined {
    return this.maps[kind].get(id) as FactTypes[K] | undefined;
  }

  all<K extends FactKind>(kind: K): IterableIterator<FactTypes[K]> {
    return this.maps[kind].values() as IterableIterator<FactTypes[K]>;
  }

  count(kind: FactKind): number {
    return this.maps[kind].size;
  }

  put(change: FactChange): void {
    (this.maps[change.kind] as Map<string, FactTypes[FactKind]>).set(change.fact._id, change.fact);
  }

  clear(): void {
    for (const m of Object.values(this.maps)) m.clear();
  }

  policy() {
    return this.maps.policy.get('policy') ?? DEFAULT_POLICY;
  }

  /** The response SLA in force (how it is counted included). */
  responseSla(): ResponseSla {
    const p = this.policy();
    return {
      bankResponseSlaHours: p.bankResponseSlaHours,
      bankResponseSlaBasis: p.bankResponseSlaBasis ?? 'CLOCK_HOURS',
      bankResponseSlaWorkingDays: p.bankResponseSlaWorkingDays ?? 3,
    };
  }

  private cachedCalendar: { v: number; calendar: WorkingCalendar } | undefined;
  /** The working calendar as the last calendar.changed left it (the official schedules before one). */
  calendar(): WorkingCalendar {
    const fact = this.maps.calendar.get(WORKING_CALENDAR_KEY);
    const v = fact?.v ?? 0;
    if (this.cachedCalendar?.v !== v) {
      const snapshot: WorkingCalendarSnapshot = fact ? { years: fact.years } : DEFAULT_CALENDAR_SNAPSHOT;
      this.cachedCalendar = { v, calendar: new WorkingCalendar(snapshot) };
    }
    return this.cachedCalendar.calendar;
  }

  /** Whether a fact with this version would be newer than what is held. */
  private newer(kind: FactKind, id: string, v: number): boolean {
    const cur = this.maps[kind].get(id);
    return !cur || cur.v < v;
  }

  /** The facts `event` changes; empty when it is old news or of a type the monitor ignores. */
  decide(event: EventEnvelope): FactChange[] {
    const { type, version: v } = event;
    const data = event.data as Record<string, unknown>;
    const at = ms(event.occurredAt);
    const family = type.slice(0, type.indexOf('.'));
    switch (family) {
      case 'institution': {
        const d = data as { institutionId: string; kind: 'BANK' | 'GUARANTOR' | 'FUND'; name: string };
        if (!this.newer('institution', d.institutionId, v)) return [];
        return [{ kind: 'institution', fact: { _id: d.institutionId, v, kind: d.kind, name: d.name } }];
      }
      case 'enterprise':
        return this.enterprise(type, v, data, at);
      case 'product': {
        const p = (data as { product: ProductSnapshot }).product;
        if (!this.newer('product', p.productId, v)) return [];
        return [{ kind: 'product', fact: { _id: p.productId, v, name: p.name, bankId: p.bankId } }];
      }
      case 'demand': {
        const d = (data as { demand: DemandSnapshot }).demand;
        if (!this.newer('demand', d.demandId, v)) return [];
        return [
          {
            kind: 'demand',
            fact: { _id: d.demandId, v, enterpriseId: d.enterpriseId, amount: d.amount, status: d.status, postedAt: ms(d.createdAt) },
          },
        ];
      }
      case 'match':
        return this.match(type, v, (data as { match: MatchSnapshot }).match, at);
      case 'loan':
        return this.loan(type, v, data as { loan: LoanSnapshot; relief?: ReliefSnapshot }, at);
      case 'policy': {
        if (type !== 'policy.changed' || !this.newer('policy', 'policy', v)) return [];
        const p = (data as { policy: PolicySnapshot }).policy;
        return [
          {
            kind: 'policy',
            fact: {
              _id: 'policy',
              v,
              guaranteeFeeRateTarget: p.guaranteeFeeRateTarget,
              bankResponseSlaHours: p.bankResponseSlaHours,
              bankResponseSlaBasis: p.bankResponseSlaBasis ?? 'CLOCK_HOURS',
              bankResponseSlaWorkingDays: p.bankResponseSlaWorkingDays ?? 3,
            },
          },
        ];
      }
      case 'calendar': {
        if (type !== 'calendar.changed' || !this.newer('calendar', WORKING_CALENDAR_KEY, v)) return [];
        const c = (data as { calendar: WorkingCalendarSnapshot }).calendar;
        return [{ kind: 'calendar', fact: { _id: WORKING_CALENDAR_KEY, v, years: c.years } }];
      }
      default:
        return capitalFacts(event, (kind, id) => this.maps[kind].get(id));
    }
  }

  private enterprise(type: string, v: number, data: Record<string, unknown>, at: number): FactChange[] {
    if (type === 'enterprise.registered') {
      const d = data as { enterpriseId: string; name: string };
      if (!this.newer('enterprise', d.enterpriseId, v)) return [];
      return [{ kind: 'enterprise', fact: { _id: d.enterpriseId, v, name: d.name, tier: 'NONE', reachedAt: {} } }];
    }
    const snap = (data as { enterprise?: EnterpriseSnapshot }).enterprise;
    if (!snap || !this.newer('enterprise', snap.enterpriseId, v)) return [];
    const cur = this.maps.enterprise.get(snap.enterpriseId);
    const reachedAt: Partial<Record<Tier, number>> = { ...(cur?.reachedAt ?? {}) };
    if (type === 'enterprise.certified') {
      const c = data as { previousTier: Tier; certifiedAt: string };
      if (snap.tier !== 'NONE' && snap.tier !== c.previousTier && reachedAt[snap.tier] === undefined)
        reachedAt[snap.tier] = ms(c.certifiedAt) || at;
    }
    return [{ kind: 'enterprise', fact: { _id: snap.enterpriseId, v, name: snap.name, tier: snap.tier, reachedAt } }];
  }

  private match(type: string, v: number, m: MatchSnapshot, at: number): FactChange[] {
    if (!this.newer('match', m.matchId, v)) return [];
    const cur = this.maps.match.get(m.matchId);
    const fact: MatchFact = {
      _id: m.matchId,
      v,
      demandId: m.demandId,
      enterpriseId: m.enterpriseId,
      productId: m.productId,
      bankId: m.bankId,
      status: m.status,
      amount: m.amount,
      createdAt: ms(m.createdAt),
      respondedAt: cur?.respondedAt ?? (type === 'match.responded' ? at : null),
      offeredAt: cur?.offeredAt ?? (type === 'match.offered' ? at : null),
      offerAmount: m.offer?.amount ?? null,
      offerRate: m.offer?.annualRate ?? null,
      offerTermMonths: m.offer?.termMonths ?? null,
    };
    return [{ kind: 'match', fact }];
  }

  private loan(type: string, v: number, d: { loan: LoanSnapshot; relief?: ReliefSnapshot }, at: number): FactChange[] {
    const out: FactChange[] = [];
    const l = d.loan;
    if (this.newer('loan', l.loanId, v)) {
      const fact: LoanFact = {
        _id: l.loanId,
        v,
        matchId: l.matchId,
        demandId: l.demandId,
        enterpriseId: l.enterpriseId,
        bankId: l.bankId,
        amount: l.amount,
        annualRate: l.annualRate,
        termMonths: l.termMonths,
        repaymentMethod: l.repaymentMethod,
        disbursedAt: ms(l.disbursedAt),
        maturityDate: ms(l.maturityDate),
        outstandingPrincipal: l.outstandingPrincipal,
        status: l.status,
        guaranteeFeeRate: l.guaranteeFeeRate,
        coverageRatio: l.coverageRatio,
        governmentShare: l.riskShare?.government ?? null,
      };
      out.push({ kind: 'loan', fact });
    }
    if ((type === 'loan.relief-requested' || type === 'loan.relief-decided') && d.relief && this.newer('relief', d.relief.reliefId, v)) {
      const cur = this.maps.relief.get(d.relief.reliefId);
      out.push({
        kind: 'relief',
        fact: {
          _id: d.relief.reliefId,
          v,
          loanId: l.loanId,
          kind: d.relief.kind,
          status: d.relief.status,
          requestedAt: cur?.requestedAt ?? at,
        },
      });
    }
    return out;
  }
}
