// One whole journey through the gateway, written as a series of "make sure this is done" steps: each
// step first reads whether its effect is already there and only then sends its mutation. A mutation
// whose answer was lost (a transport failure) is therefore never simply repeated — the next round
// reads the state again, after the system had time to settle, and decides. That is how a careful
// client behaves when the contract has no idempotency keys; it is also what keeps the counts exact.
import { aUscc } from '@yinqi/testing';
import { pause, read, type Call } from './client';

export interface Bank {
  token: string;
  institutionId: string;
  journeyProductId: string;
  raceProductId: string;
}

export interface World {
  call: Call;
  admin: string;
  banks: Bank[];
  guarantor: { token: string; institutionId: string };
  journeyIndustry: string;
  raceIndustry: string;
}

export const STEPS = [
  'register',
  'demand',
  'match',
  'respond',
  'offer',
  'accept',
  'request',
  'quote',
  'select',
  'disburse',
  'repay',
] as const;
export type Step = (typeof STEPS)[number];

export const FEE_RATE = 0.8;
export const COVERAGE = 80;
const DAY = 86_400_000;

export interface Journey {
  n: number;
  email: string;
  password: string;
  uscc: string;
  bank: Bank;
  amount: number;
  offer: { amount: number; annualRate: number; termMonths: number };
  disbursedAt: string;
  paidAt: string;
  startedAt: number;
  token?: string;
  enterpriseId?: string;
  demandId?: string;
  matchId?: string;
  requestId?: string;
  quoteId?: string;
  loanId?: string;
  /** Principal and interest of the first instalment, the one the journey repays. */
  repayment?: { amount: number; principal: number };
  /** Steps whose mutation got a success answer (acknowledged to the client). */
  acked: Set<string>;
  /** Mutations sent again after their first answer was lost (state re-read in between). */
  resent: number;
  done: boolean;
  failure?: string;
  finishedAt?: number;
}

export function newJourney(n: number, world: World, runTag: string): Journey {
  const disbursed = new Date(Date.now() - 10 * DAY);
  return {
    n,
    email: `chaos-${runTag}-${n}@test.yinqi.local`,
    password: 'chaos-journey-2026',
    uscc: aUscc(),
    bank: world.banks[n % world.banks.length]!,
    amount: 1_000_000 + n * 1_000,
    offer: { amount: 1_000_000 + n * 1_000, annualRate: 3.6, termMonths: 12 },
    disbursedAt: disbursed.toISOString(),
    paidAt: new Date(disbursed.getTime() + 5 * DAY).toISOString(),
    startedAt: Date.now(),
    acked: new Set(),
    resent: 0,
    done: false,
  };
}

const MATCHES = 'query($id:ID!){ demand(id:$id){ id status matches { id status product { id } offer { amount } } } }';
const REQUESTS = 'query{ guaranteeRequests(first: 50){ edges { node { id status match { id } quotes { id } selectedQuote { id } } } } }';
const LOAN = 'query($id:ID!){ loan(id:$id){ id amount outstandingPrincipal status schedule { principal interest paid } } }';

interface MatchNode {
  id: string;
  status: string;
  product: { id: string };
  offer: { amount: number } | null;
}
interface RequestNode {
  id: string;
  status: string;
  match: { id: string };
  quotes: { id: string }[];
  selectedQuote: { id: string } | null;
}
interface LoanNode {
  id: string;
  amount: number;
  outstandingPrincipal: number;
  status: string;
  schedule: { principal: number; interest: number; paid: boolean }[];
}

/**
 * Drives one step to done. `check` reads the state (null: not done yet); `act` sends the mutation.
 * An answer of CONFLICT / NOT_FOUND means "not yet" (the owning service has not heard the event it
 * needs); a transport failure means "unknown": the loop reads again before any resend.
 */
export async function ensure<T>(
  j: { acked: Set<string>; resent: number },
  step: string,
  deadline: number,
  check: () => Promise<T | null | undefined>,
  act: (() => Promise<{ ok: true; data: any } | { ok: false; code: string; message: string; transport: boolean }>) | null,
  accept: (data: any) => T | null = () => null,
  /** false when nothing can exist before the first send (a registration): saves a read. */
  checkFirst = true,
): Promise<T> {
  let sent = 0;
  let lastUnknown = 0;
  for (let round = 1; ; round++) {
    if (Date.now() > deadline) throw new Error(`step ${step} not done by the deadline`);
    // After an unknown outcome give a write in flight time to land before reading.
    if (lastUnknown) await pause(Math.max(0, lastUnknown + 1_500 - Date.now()));
    const have = sent > 0 || checkFirst ? await check() : null;
    if (have !== null && have !== undefined) return have;
    if (!act) {
      await pause(Math.min(100 * round, 1_000));
      continue;
    }
    if (sent > 0 && lastUnknown) j.resent += 1;
    const r = await act();
    sent += 1;
    if (r.ok) {
      j.acked.add(step);
      const v = accept(r.data);
      if (v !== null && v !== undefined) return v;
      lastUnknown = 0;
      continue;
    }
    if (r.transport) {
      lastUnknown = Date.now();
      continue;
    }
    lastUnknown = 0;
    if (r.code === 'CONFLICT' || r.code === 'NOT_FOUND') {
      await pause(Math.min(150 * round, 1_500));
      continue;
    }
    throw new Error(`step ${step}: ${r.code} ${r.message}`);
  }
}

/** Runs the journey to its end (repayment recorded) or throws. */
export async function runJourney(world: World, j: Journey, deadline: number): Promise<void> {
  const { call } = world;
  const R = <T>(q: string, v: Record<string, unknown>, token?: string) => read<T>(call, deadline, q, v, token);

  // register → a signed-in enterprise (a lost registration answer: the login tells whether it happened)
  j.token = await ensure(
    j,
    'register',
    deadline,
    async () => {
      const r = await call<{ login: { token: string; user: { orgId: string } } }>(
        'mutation($e:String!,$p:String!){ login(email:$e,password:$p){ token user { orgId } } }',
        { e: j.email, p: j.password },
      );
      if (!r.ok) return null;
      j.enterpriseId = r.data.login.user.orgId;
      return r.data.login.token;
    },
    () =>
      call('mutation($input:RegisterEnterpriseInput!){ registerEnterprise(input:$input){ token user { orgId } } }', {
        input: {
          email: j.email,
          password: j.password,
          name: `重庆混沌测试${j.n}号五金制品有限公司`,
          uscc: j.uscc,
          industry: world.journeyIndustry,
          town: '龙水镇',
        },
      }),
    (d) => {
      j.enterpriseId = d.registerEnterprise.user.orgId;
      return d.registerEnterprise.token;
    },
    false,
  );
  const ent = j.token!;

  j.demandId = await ensure(
    j,
    'demand',
    deadline,
    async () => (await R<{ myDemands: { id: string }[] }>('query{ myDemands { id } }', {}, ent)).myDemands[0]?.id,
    () =>
      call(
        'mutation($input:DemandInput!){ postDemand(input:$input){ id } }',
        {
          input: {
            amount: j.amount,
            termMonths: 12,
            purpose: 'WORKING_CAPITAL',
            collateral: 'CREDIT',
            maxAnnualRate: 4.5,
            needsGuarantee: true,
            description: '混沌测试：采购原材料',
          },
        },
        ent,
      ),
    (d) => d.postDemand.id,
  );

  const matchOf = async () =>
    (await R<{ demand: { matches: MatchNode[] } | null }>(MATCHES, { id: j.demandId }, ent)).demand?.matches.find(
      (m) => m.product.id === j.bank.journeyProductId,
    );
  j.matchId = (await ensure(j, 'match', deadline, matchOf, null)).id;
  const statusIn =
    (...s: string[]) =>
    async () => {
      const m = await matchOf();
      return m && s.includes(m.status) ? m : null;
    };

  await ensure(j, 'respond', deadline, statusIn('INTERESTED', 'OFFERED', 'ACCEPTED', 'FUNDED'), () =>
    call('mutation($id:ID!){ respondToMatch(matchId:$id, interested:true){ id } }', { id: j.matchId }, j.bank.token),
  );
  await ensure(j, 'offer', deadline, statusIn('OFFERED', 'ACCEPTED', 'FUNDED'), () =>
    call(
      'mutation($id:ID!,$input:OfferInput!){ makeOffer(matchId:$id, input:$input){ id } }',
      { id: j.matchId, input: j.offer },
      j.bank.token,
    ),
  );
  await ensure(j, 'accept', deadline, statusIn('ACCEPTED', 'FUNDED'), () =>
    call('mutation($id:ID!){ acceptOffer(matchId:$id){ id } }', { id: j.matchId }, ent),
  );

  const requestOf = async () =>
    (await R<{ guaranteeRequests: { edges: { node: RequestNode }[] } }>(REQUESTS, {}, ent)).guaranteeRequests.edges
      .map((e) => e.node)
      .find((n) => n.match.id === j.matchId);
  j.requestId = (await ensure(j, 'request', deadline, requestOf, null)).id;
  j.quoteId = await ensure(
    j,
    'quote',
    deadline,
    async () => (await requestOf())?.quotes[0]?.id,
    () =>
      call(
        'mutation($id:ID!,$input:GuaranteeQuoteInput!){ submitGuaranteeQuote(requestId:$id, input:$input){ id } }',
        { id: j.requestId, input: { feeRate: FEE_RATE, coverageRatio: COVERAGE } },
        world.guarantor.token,
      ),
    (d) => d.submitGuaranteeQuote.id,
  );
  await ensure(
    j,
    'select',
    deadline,
    async () => ((await requestOf())?.status === 'SELECTED' ? true : null),
    () => call('mutation($id:ID!){ selectGuaranteeQuote(quoteId:$id){ id status } }', { id: j.quoteId }, ent),
    (d) => (d.selectGuaranteeQuote.status === 'SELECTED' ? true : null),
  );

  // Disbursing again with the same input returns the same loan (the loan service's safe retry).
  const loan = await ensure<LoanNode>(
    j,
    'disburse',
    deadline,
    async () => (j.loanId ? (await R<{ loan: LoanNode | null }>(LOAN, { id: j.loanId }, j.bank.token)).loan : null),
    () =>
      call(
        `mutation($m:ID!,$input:DisburseLoanInput!){ disburseLoan(matchId:$m, input:$input){ id amount outstandingPrincipal status schedule { principal interest paid } } }`,
        {
          m: j.matchId,
          input: { disbursedAt: j.disbursedAt, repaymentMethod: 'EQUAL_INSTALLMENT' },
        },
        j.bank.token,
      ),
    (d) => d.disburseLoan,
  );
  j.loanId = loan.id;
  const first = loan.schedule[0]!;
  j.repayment = { amount: first.principal + first.interest, principal: first.principal };

  // Not idempotent: only sent while the loan shows the first instalment unpaid.
  await ensure(
    j,
    'repay',
    deadline,
    async () => {
      const l = (await R<{ loan: LoanNode | null }>(LOAN, { id: j.loanId }, j.bank.token)).loan;
      return l?.schedule[0]?.paid ? l : null;
    },
    () =>
      call(
        'mutation($id:ID!,$a:Int!,$at:DateTime!){ recordRepayment(loanId:$id, amount:$a, paidAt:$at){ id schedule { paid } } }',
        { id: j.loanId, a: j.repayment!.amount, at: j.paidAt },
        j.bank.token,
      ),
    (d) => (d.recordRepayment.schedule[0]?.paid ? d.recordRepayment : null),
  );
  j.done = true;
  j.finishedAt = Date.now();
}
