// One demand's journey through the public API, as the people in the demo would drive it: post,
// wait for the system's matches, the bank answers and offers, the enterprise accepts, guarantors
// quote, the bank lends, repayments, follow-ups and reliefs. Every step reads the current state
// first and only does what is missing, so a re-run (or a run after a crash half-way) finishes the
// journey without doing anything twice. Steps whose outcome another actor's step can change (a
// CONFLICT because the state moved on) are driven to their target state in a loop.
import { codeOf, until, type Gql } from './client';
import type { SeedContext, SeededEnterprise, SeededInstitution } from './context';
import { PRODUCTS, type DemandSeed, type LoanPlan, type QuotePlan } from './data';

export const LOAN_FIELDS = `id match { id } amount status disbursedAt repaymentMethod outstandingPrincipal
  schedule { dueDate principal interest paid } reliefs { id kind status } followUps { note riskLevel }`;

export interface LoanState {
  id: string;
  match: { id: string };
  amount: number;
  status: string;
  disbursedAt: string;
  repaymentMethod: string;
  outstandingPrincipal: number;
  schedule: { dueDate: string; principal: number; interest: number; paid: boolean }[];
  reliefs: { id: string; kind: string; status: string }[];
  followUps: { note: string; riskLevel: string }[];
}

interface MatchState {
  id: string;
  status: string;
  product: { id: string };
}

interface DemandState {
  id: string;
  status: string;
  description: string | null;
  matches: MatchState[];
}

/**
 * How long to wait for what the system derives from events (a match, a guarantee request, the
 * loan service's copy of an acceptance). Seconds on a quiet machine; generous because the local
 * FerretDB slows down a lot when the machine is busy. SEED_WAIT_SECONDS overrides it.
 */
const WAIT_MS = Number(process.env.SEED_WAIT_SECONDS ?? 180) * 1000;

/** A failure that waiting cannot fix (the data is not what the seed planned). */
class SeedPlanError extends Error {}

export interface FlowDeps {
  ctx: SeedContext;
  /** Product ids by ProductSeed key. */
  productIds: Record<string, string>;
  /** Loans of each bank already looked up (bank key → loans by match id), refreshed on a miss. */
  loansByBank: Map<string, Map<string, LoanState>>;
}

const DEMAND_QUERY = `query($id:ID!){ demand(id:$id){ id status description matches { id status product { id } } } }`;

/** Finds the enterprise's demand by its description, or posts it. */
export async function ensureDemand(deps: FlowDeps, ent: SeededEnterprise, seed: DemandSeed): Promise<string> {
  const { gql } = deps.ctx;
  const mine = await gql<{ myDemands: { id: string; description: string | null }[] }>(
    'query{ myDemands { id description } }',
    {},
    ent.token,
  );
  const found = mine.myDemands.find((x) => x.description === seed.description);
  if (found) return found.id;
  const input = {
    amount: seed.amount,
    termMonths: seed.termMonths,
    purpose: seed.purpose,
    collateral: seed.collateral,
    maxAnnualRate: seed.maxAnnualRate,
    needsGuarantee: seed.needsGuarantee,
    description: seed.description,
  };
  const r = await gql<{ postDemand: { id: string } }>(
    'mutation($input:DemandInput!){ postDemand(input:$input){ id } }',
    { input },
    ent.token,
  );
  deps.ctx.created('demand');
  return r.postDemand.id;
}

async function demandOf(gql: Gql, ent: SeededEnterprise, demandId: string): Promise<DemandState> {
  const r = await gql<{ demand: DemandState | null }>(DEMAND_QUERY, { id: demandId }, ent.token);
  if (!r.demand) throw new Error(`demand ${demandId} is not visible to its owner`);
  return r.demand;
}

const PROGRESS = ['PROPOSED', 'INTERESTED', 'OFFERED', 'ACCEPTED', 'FUNDED'];

/**
 * Drives the match of `productKey` on the demand to `target` (DECLINED, INTERESTED, OFFERED or
 * ACCEPTED; FUNDED counts as past ACCEPTED). Waits for the match to exist first (the matching
 * service creates it from events).
 */
async function driveMatch(
  deps: FlowDeps,
  ent: SeededEnterprise,
  bank: SeededInstitution,
  demandId: string,
  productKey: string,
  target: 'DECLINED' | 'INTERESTED' | 'OFFERED' | 'ACCEPTED',
  extra: { reason?: string; offer?: { amount: number; annualRate: number; termMonths: number; conditions: string } },
): Promise<MatchState> {
  const { gql } = deps.ctx;
  const productId = deps.productIds[productKey]!;
  const officer = bank.officers[0]!;
  const attempt = async (what: string, fn: () => Promise<unknown>, kind: string) => {
    try {
      await fn();
      deps.ctx.created(kind);
    } catch (err) {
      // CONFLICT: the state moved under us; the loop reads it again.
      if (codeOf(err) !== 'CONFLICT') throw new SeedPlanError(`${what}: ${(err as Error).message}`);
    }
  };
  let failure: SeedPlanError | undefined;
  const reached = await until(
    `the ${productKey} match of "${ent.name}" reaching ${target}`,
    async () => {
      const demand = await demandOf(gql, ent, demandId);
      const m = demand.matches.find((x) => x.product.id === productId);
      if (!m) return null;
      if (m.status === target) return m;
      if (target !== 'DECLINED' && PROGRESS.indexOf(m.status) >= PROGRESS.indexOf(target)) return m;
      if (['DECLINED', 'REJECTED', 'WITHDRAWN'].includes(m.status) || (target === 'DECLINED' && m.status !== 'PROPOSED')) {
        failure = new SeedPlanError(`the ${productKey} match of "${ent.name}" is ${m.status}; the seed wanted ${target}`);
        return m;
      }
      if (m.status === 'PROPOSED') {
        const interested = target !== 'DECLINED';
        await attempt(
          'respondToMatch',
          () =>
            gql(
              'mutation($id:ID!,$i:Boolean!,$r:String){ respondToMatch(matchId:$id, interested:$i, reason:$r){ id } }',
              { id: m.id, i: interested, r: extra.reason ?? null },
              officer.token,
            ),
          'match response',
        );
      } else if (m.status === 'INTERESTED') {
        await attempt(
          'makeOffer',
          () =>
            gql(
              'mutation($id:ID!,$input:OfferInput!){ makeOffer(matchId:$id, input:$input){ id } }',
              { id: m.id, input: extra.offer },
              officer.token,
            ),
          'offer',
        );
      } else if (m.status === 'OFFERED') {
        await attempt(
          'acceptOffer',
          () => gql('mutation($id:ID!){ acceptOffer(matchId:$id){ id } }', { id: m.id }, ent.token),
          'acceptance',
        );
      }
      return null;
    },
    WAIT_MS,
    100,
  );
  if (failure) throw failure;
  return reached;
}

interface RequestState {
  id: string;
  status: string;
  match: { id: string };
  quotes: { id: string; guarantor: { id: string } }[];
  selectedQuote: { id: string } | null;
}
const REQUESTS = `query($after:String){ guaranteeRequests(first:100, after:$after){ edges { node { id status match { id } quotes { id guarantor { id } } selectedQuote { id } } } pageInfo { hasNextPage endCursor } } }`;

async function requestsOf(gql: Gql, token: string): Promise<RequestState[]> {
  const out: RequestState[] = [];
  let after: string | null = null;
  for (;;) {
    const r: { guaranteeRequests: { edges: { node: RequestState }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } =
      await gql(REQUESTS, { after }, token);
    out.push(...r.guaranteeRequests.edges.map((x) => x.node));
    if (!r.guaranteeRequests.pageInfo.hasNextPage) return out;
    after = r.guaranteeRequests.pageInfo.endCursor;
  }
}

/** 政银担: waits for the request the acceptance opened, has each planned guarantor quote once, selects one. */
async function ensureGuarantee(
  deps: FlowDeps,
  ent: SeededEnterprise,
  matchId: string,
  quotes: QuotePlan[],
  select: string | undefined,
): Promise<void> {
  const { gql, guarantors } = deps.ctx;
  const request = await until(
    `the guarantee request of "${ent.name}" opening`,
    async () => (await requestsOf(gql, ent.token)).find((r) => r.match.id === matchId),
    WAIT_MS,
    150,
  );
  let current = request;
  for (const q of quotes) {
    const g = guarantors[q.guarantor]!;
    if (current.quotes.some((x) => x.guarantor.id === g.id)) continue;
    if (current.status !== 'OPEN') break;
    await gql(
      'mutation($id:ID!,$input:GuaranteeQuoteInput!){ submitGuaranteeQuote(requestId:$id, input:$input){ id } }',
      { id: current.id, input: { feeRate: q.feeRate, coverageRatio: q.coverageRatio, conditions: q.conditions } },
      g.officers[0]!.token,
    );
    deps.ctx.created('guarantee quote');
  }
  if (!select) return;
  const chosen = guarantors[select]!;
  await until(
    `"${ent.name}" selecting ${chosen.name}'s quote`,
    async () => {
      current = (await requestsOf(gql, ent.token)).find((r) => r.id === request.id)!;
      if (current.selectedQuote) return true;
      const quote = current.quotes.find((x) => x.guarantor.id === chosen.id);
      if (!quote) throw new SeedPlanError(`no quote of ${chosen.name} on the request of "${ent.name}"`);
      try {
        await gql('mutation($id:ID!){ selectGuaranteeQuote(quoteId:$id){ id } }', { id: quote.id }, ent.token);
        deps.ctx.created('guarantee selection');
      } catch (err) {
        if (codeOf(err) !== 'CONFLICT') throw err;
      }
      return null;
    },
    WAIT_MS,
    150,
  );
}

const LOANS = `query($after:String){ loans(first:100, after:$after){ edges { node { ${LOAN_FIELDS} } } pageInfo { hasNextPage endCursor } } }`;

async function findLoan(deps: FlowDeps, bank: SeededInstitution, matchId: string): Promise<LoanState | undefined> {
  const cached = deps.loansByBank.get(bank.key)?.get(matchId);
  if (cached) return cached;
  const all = new Map<string, LoanState>();
  let after: string | null = null;
  for (;;) {
    const r: { loans: { edges: { node: LoanState }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } = await deps.ctx.gql(
      LOANS,
      { after },
      bank.officers[0]!.token,
    );
    for (const { node } of r.loans.edges) all.set(node.match.id, node);
    if (!r.loans.pageInfo.hasNextPage) break;
    after = r.loans.pageInfo.endCursor;
  }
  deps.loansByBank.set(bank.key, all);
  return all.get(matchId);
}

/** `months` calendar months after `at` (negative: before), day clamped to the month's end, UTC. */
export function plusMonths(at: Date, months: number): Date {
  const m = at.getUTCMonth() + months;
  const y = at.getUTCFullYear() + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(y, mm + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, mm, Math.min(at.getUTCDate(), last), at.getUTCHours(), at.getUTCMinutes()));
}

/** When a planned loan was disbursed: 10:00 Beijing time, `monthsAgo` months (+ `plusDays`) before the run. */
export function disbursementDate(now: Date, plan: LoanPlan): Date {
  const day = plusMonths(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 2, 0)), -plan.monthsAgo);
  const at = new Date(day.getTime() + (plan.plusDays ?? 0) * 86_400_000);
  return at.getTime() > now.getTime() ? new Date(now.getTime() - 3_600_000) : at;
}

async function ensureLoan(
  deps: FlowDeps,
  ent: SeededEnterprise,
  bank: SeededInstitution,
  matchId: string,
  plan: LoanPlan,
): Promise<LoanState> {
  const { gql, now } = deps.ctx;
  const input = { disbursedAt: disbursementDate(now, plan).toISOString(), repaymentMethod: plan.method };
  let tries = 0;
  return until(
    `the loan to "${ent.name}" being disbursed`,
    async () => {
      const existing = await findLoan(deps, bank, matchId);
      if (existing) return existing;
      try {
        const r = await gql<{ disburseLoan: LoanState }>(
          `mutation($m:ID!,$input:DisburseLoanInput!){ disburseLoan(matchId:$m, input:$input){ ${LOAN_FIELDS} } }`,
          { m: matchId, input },
          bank.officers[0]!.token,
        );
        deps.ctx.created('loan');
        deps.loansByBank.get(bank.key)?.set(matchId, r.disburseLoan);
        return r.disburseLoan;
      } catch (err) {
        if (codeOf(err) !== 'CONFLICT') throw new SeedPlanError(`disburseLoan for "${ent.name}": ${(err as Error).message}`);
        // Not ACCEPTED (the loan service waits LOAN_COPY_WAIT_MS for an acceptance in flight; a slow
        // event path can outlast it): accepting again is idempotent, so repeat it now and then.
        if (++tries % 10 === 0)
          await gql('mutation($id:ID!){ acceptOffer(matchId:$id){ id } }', { id: matchId }, ent.token).catch(() => undefined);
        return null;
      }
    },
    WAIT_MS,
    150,
  );
}

async function loanOf(gql: Gql, token: string, id: string): Promise<LoanState> {
  const r = await gql<{ loan: LoanState | null }>(`query($id:ID!){ loan(id:$id){ ${LOAN_FIELDS} } }`, { id }, token);
  if (!r.loan) throw new Error(`loan ${id} not visible`);
  return r.loan;
}

/**
 * The loan's history after disbursement. Repayments come first and only while the loan has no
 * follow-up or relief yet (those come after, so their presence means the repayments are done):
 * every instalment already due is paid on its due date, except the last `missed` ones.
 */
async function ensureLoanHistory(
  deps: FlowDeps,
  ent: SeededEnterprise,
  bank: SeededInstitution,
  loan0: LoanState,
  plan: LoanPlan,
): Promise<void> {
  const officer = bank.officers[0]!.token;
  let loan = loan0;
  // A CONFLICT means the loan changed under the request (the service's maturity sweep writes too):
  // read it again and carry on; every step below checks before it writes.
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await loanHistoryPass(deps, ent, officer, loan, plan);
    } catch (err) {
      if (codeOf(err) !== 'CONFLICT' || attempt >= 10) throw err;
      loan = await loanOf(deps.ctx.gql, officer, loan.id);
    }
  }
}

async function loanHistoryPass(deps: FlowDeps, ent: SeededEnterprise, officer: string, loan0: LoanState, plan: LoanPlan): Promise<void> {
  const { gql, now, admin } = deps.ctx;
  let loan = loan0;
  if (loan.reliefs.length === 0 && loan.followUps.length === 0) {
    const due = loan.schedule.filter((i) => new Date(i.dueDate).getTime() <= now.getTime()).length;
    const target = Math.max(0, due - (plan.missed ?? 0));
    for (let guard = 0; loan.schedule.filter((i) => i.paid).length < target; guard += 1) {
      if (guard > 80) throw new SeedPlanError(`repayments of the loan to "${ent.name}" do not stick`);
      const next = loan.schedule.find((i) => !i.paid)!;
      try {
        const r = await gql<{ recordRepayment: LoanState }>(
          `mutation($id:ID!,$a:Int!,$at:DateTime!){ recordRepayment(loanId:$id, amount:$a, paidAt:$at){ ${LOAN_FIELDS} } }`,
          { id: loan.id, a: next.principal + next.interest, at: next.dueDate },
          officer,
        );
        deps.ctx.created('repayment');
        loan = r.recordRepayment;
      } catch (err) {
        if (codeOf(err) !== 'CONFLICT') throw err;
        loan = await loanOf(gql, officer, loan.id);
      }
    }
  }
  for (const f of plan.followUps ?? []) {
    if (loan.followUps.some((x) => x.note === f.note)) continue;
    const r = await gql<{ recordFollowUp: LoanState }>(
      `mutation($id:ID!,$n:String!,$r:RiskLevel!){ recordFollowUp(loanId:$id, note:$n, riskLevel:$r){ ${LOAN_FIELDS} } }`,
      { id: loan.id, n: f.note, r: f.riskLevel },
      officer,
    );
    deps.ctx.created('follow-up');
    loan = r.recordFollowUp;
  }
  for (const plan_ of plan.reliefs ?? []) {
    let relief = loan.reliefs.find((r) => r.kind === plan_.kind);
    if (!relief) {
      const amount = plan_.kind === 'BRIDGE_FUND' ? (plan_.amount ?? loan.schedule[loan.schedule.length - 1]!.principal) : null;
      const r = await gql<{ requestRelief: { id: string; kind: string; status: string } }>(
        'mutation($id:ID!,$k:ReliefKind!,$r:String!,$m:Int,$a:Int){ requestRelief(loanId:$id, kind:$k, reason:$r, months:$m, amount:$a){ id kind status } }',
        { id: loan.id, k: plan_.kind, r: plan_.reason, m: plan_.months ?? null, a: amount },
        ent.token,
      );
      deps.ctx.created('relief');
      relief = r.requestRelief;
    }
    if (plan_.decision && relief.status === 'PENDING') {
      const decider = plan_.kind === 'BRIDGE_FUND' ? admin.token : officer;
      await gql(
        'mutation($id:ID!,$a:Boolean!,$n:String){ decideRelief(reliefId:$id, approve:$a, note:$n){ id status } }',
        { id: relief.id, a: plan_.decision.approve, n: plan_.decision.note },
        decider,
      );
      deps.ctx.created('relief decision');
    }
    loan = await loanOf(gql, officer, loan.id);
  }
}

/**
 * Takes one planned demand from wherever it stands to where the plan says it ends. Every step
 * checks before it writes, so after a failed request whose outcome is unknown (a timeout when the
 * machine is overloaded) the whole journey is simply walked again from the top.
 */
export async function runDemandFlow(deps: FlowDeps, ent: SeededEnterprise, seed: DemandSeed): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await demandFlowPass(deps, ent, seed);
    } catch (err) {
      if (err instanceof SeedPlanError || attempt >= 4) throw err;
      deps.loansByBank.clear();
      deps.ctx.log(`retrying the journey of "${ent.name}" after: ${(err as Error).message}`);
      await new Promise((r) => setTimeout(r, 1_000 * attempt)); // back off: the service was overloaded
    }
  }
}

async function demandFlowPass(deps: FlowDeps, ent: SeededEnterprise, seed: DemandSeed): Promise<void> {
  const { gql } = deps.ctx;
  const demandId = await ensureDemand(deps, ent, seed);
  const flow = seed.flow;
  switch (flow.kind) {
    case 'unmatched':
      return;
    case 'open':
    case 'withdrawn': {
      const demand = await until(
        `a match for "${ent.name}"`,
        async () => {
          const d = await demandOf(gql, ent, demandId);
          return d.matches.length > 0 || d.status === 'WITHDRAWN' ? d : null;
        },
        WAIT_MS,
        150,
      );
      if (flow.kind === 'withdrawn' && demand.status !== 'WITHDRAWN') {
        await gql('mutation($id:ID!){ withdrawDemand(id:$id){ id } }', { id: demandId }, ent.token);
        deps.ctx.created('withdrawal');
      }
      return;
    }
    default:
      break;
  }
  const product = PRODUCTS.find((p) => p.key === flow.product)!;
  const bank = deps.ctx.banks[product.bank]!;
  if (flow.kind === 'declined') {
    await driveMatch(deps, ent, bank, demandId, flow.product, 'DECLINED', { reason: flow.reason });
    return;
  }
  if (flow.kind === 'interested') {
    await driveMatch(deps, ent, bank, demandId, flow.product, 'INTERESTED', {});
    return;
  }
  const offer = { amount: seed.amount, annualRate: flow.rate, termMonths: seed.termMonths, conditions: flow.conditions };
  if (flow.kind === 'offered') {
    await driveMatch(deps, ent, bank, demandId, flow.product, 'OFFERED', { offer });
    return;
  }
  const match = await driveMatch(deps, ent, bank, demandId, flow.product, 'ACCEPTED', { offer });
  const needsGuarantee = seed.needsGuarantee || product.input.requiresGuarantee === true;
  if (needsGuarantee && match.status !== 'FUNDED') await ensureGuarantee(deps, ent, match.id, flow.quotes ?? [], flow.select);
  if (flow.kind !== 'funded') return;
  const loan = await ensureLoan(deps, ent, bank, match.id, flow.loan);
  await ensureLoanHistory(deps, ent, bank, loan, flow.loan);
}
