// The races: many demands, each with one OFFERED match per bank; then, all at once, `perDemand`
// acceptOffer calls per demand spread over its matches (exactly one match may win), then `perDemand`
// disburseLoan calls per accepted match with differing inputs (exactly one loan may result).
import { aUscc } from '@yinqi/testing';
import { pause, read } from './client';
import { ensure, type World } from './journey';

export interface RaceDemand {
  n: number;
  token: string;
  demandId: string;
  amount: number;
  matches: { id: string; bankIndex: number }[];
  winner?: string;
  loanId?: string;
}

export interface RaceResult {
  demands: RaceDemand[];
  acceptCalls: number;
  acceptWins: number;
  acceptConflicts: number;
  disburseCalls: number;
  disburseRounds: number;
  disburseWins: number;
  disburseConflicts: number;
  /** Calls whose answer was lost (timed out under load): their effect is judged from the store. */
  unknown: number;
  violations: string[];
  prepMs: number;
  acceptMs: number;
  disburseMs: number;
}

async function mapLimit<I, O>(items: I[], limit: number, fn: (i: I) => Promise<O>): Promise<O[]> {
  const out: O[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}

/**
 * An enterprise with one demand and an OFFERED match from every bank. No faults run in this phase,
 * but a loaded machine times calls out: every step reads its state before sending again.
 */
async function prepare(
  world: World,
  n: number,
  tag: string,
  deadline: number,
  tracker: { acked: Set<string>; resent: number },
): Promise<RaceDemand> {
  const { call } = world;
  const email = `race-${tag}-${n}@test.yinqi.local`;
  const password = 'chaos-journey-2026';
  const uscc = aUscc();
  const token = await ensure<string>(
    tracker,
    'register',
    deadline,
    async () => {
      const r = await call<any>('mutation($e:String!,$p:String!){ login(email:$e,password:$p){ token } }', { e: email, p: password });
      return r.ok ? (r.data.login.token as string) : null;
    },
    () =>
      call('mutation($input:RegisterEnterpriseInput!){ registerEnterprise(input:$input){ token } }', {
        input: { email, password, name: `重庆竞态测试${n}号汽摩配件有限公司`, uscc, industry: world.raceIndustry, town: '双桥经开区' },
      }),
    (d) => d.registerEnterprise.token,
    false,
  );
  const amount = 500_000 + n * 1_000;
  const demandId = await ensure<string>(
    tracker,
    'demand',
    deadline,
    async () => (await read<any>(call, deadline, 'query{ myDemands { id } }', {}, token)).myDemands[0]?.id,
    () =>
      call(
        'mutation($input:DemandInput!){ postDemand(input:$input){ id } }',
        { input: { amount, termMonths: 12, purpose: 'EQUIPMENT', collateral: 'CREDIT', needsGuarantee: false } },
        token,
      ),
    (d) => d.postDemand.id,
  );
  const matchesNow = async () => {
    const d = await read<any>(
      call,
      deadline,
      'query($id:ID!){ demand(id:$id){ matches { id status product { id } } } }',
      { id: demandId },
      token,
    );
    return world.banks.flatMap((b, bankIndex) =>
      (d.demand?.matches ?? [])
        .filter((m: any) => m.product.id === b.raceProductId)
        .map((m: any) => ({ id: m.id as string, status: m.status as string, bankIndex })),
    );
  };
  const matches = await ensure(
    tracker,
    'match',
    deadline,
    async () => {
      const ms = await matchesNow();
      return ms.length === world.banks.length ? ms : null;
    },
    null,
  );
  await Promise.all(
    matches.map(async (m) => {
      const bank = world.banks[m.bankIndex]!;
      const statusIn =
        (...s: string[]) =>
        async () =>
          (await matchesNow()).find((x) => x.id === m.id && s.includes(x.status)) ? true : null;
      await ensure(tracker, 'respond', deadline, statusIn('INTERESTED', 'OFFERED'), () =>
        call('mutation($id:ID!){ respondToMatch(matchId:$id, interested:true){ id } }', { id: m.id }, bank.token),
      );
      await ensure(tracker, 'offer', deadline, statusIn('OFFERED'), () =>
        call(
          'mutation($id:ID!,$input:OfferInput!){ makeOffer(matchId:$id, input:$input){ id } }',
          { id: m.id, input: { amount, annualRate: 3.9, termMonths: 12 } },
          bank.token,
        ),
      );
    }),
  );
  return { n, token, demandId, amount, matches: matches.map(({ id, bankIndex }) => ({ id, bankIndex })) };
}

async function waitAccepted(world: World, d: RaceDemand, overallDeadline: number): Promise<string[]> {
  const deadline = Math.min(overallDeadline, Date.now() + 30_000);
  for (let round = 1; ; round++) {
    // A read that keeps failing ends as "nothing accepted" (a violation in the table), not a crash.
    const dm = await read<any>(
      world.call,
      deadline,
      'query($id:ID!){ demand(id:$id){ matches { id status } } }',
      { id: d.demandId },
      d.token,
    ).catch(() => null);
    if (!dm) return [];
    const ms = (dm.demand?.matches ?? []) as { id: string; status: string }[];
    const accepted = ms.filter((m) => m.status === 'ACCEPTED' || m.status === 'FUNDED').map((m) => m.id);
    // Settled when nothing is still OFFERED (the loser turns REJECTED) or the deadline passed.
    if ((accepted.length > 0 && !ms.some((m) => m.status === 'OFFERED')) || Date.now() > deadline) return accepted;
    await pause(Math.min(100 * round, 1_000));
  }
}

export async function runRaces(
  world: World,
  opts: { demands: number; perDemand: number; tag: string; log: (s: string) => void },
): Promise<RaceResult> {
  const { call } = world;
  let deadline = Date.now() + 600_000;
  const t0 = Date.now();
  const tracker = { acked: new Set<string>(), resent: 0 };
  const demands = await mapLimit(
    Array.from({ length: opts.demands }, (_, i) => i),
    8,
    (i) => prepare(world, i, opts.tag, deadline, tracker),
  );
  const res: RaceResult = {
    demands,
    acceptCalls: 0,
    acceptWins: 0,
    acceptConflicts: 0,
    disburseCalls: 0,
    disburseRounds: 0,
    disburseWins: 0,
    disburseConflicts: 0,
    unknown: 0,
    violations: [],
    prepMs: Date.now() - t0,
    acceptMs: 0,
    disburseMs: 0,
  };
  opts.log(`races: ${demands.length} demands × ${world.banks.length} OFFERED matches ready in ${(res.prepMs / 1000).toFixed(1)} s`);

  // acceptOffer: perDemand calls per demand at once, alternating over its matches.
  const t1 = Date.now();
  deadline = t1 + 300_000;
  const accepts = await Promise.all(
    demands.flatMap((d) =>
      Array.from({ length: opts.perDemand }, (_, k) => {
        const m = d.matches[k % d.matches.length]!;
        return call<any>('mutation($id:ID!){ acceptOffer(matchId:$id){ id status } }', { id: m.id }, d.token).then((r) => ({ d, m, r }));
      }),
    ),
  );
  res.acceptMs = Date.now() - t1;
  res.acceptCalls = accepts.length;
  for (const d of demands) {
    const mine = accepts.filter((a) => a.d === d);
    const winners = new Set(mine.filter((a) => a.r.ok).map((a) => a.m.id));
    const failed = mine.flatMap((a) => (a.r.ok ? [] : [a.r]));
    res.acceptConflicts += failed.filter((r) => r.code === 'CONFLICT').length;
    res.unknown += failed.filter((r) => r.transport).length;
    const bad = failed.filter((r) => !r.transport && r.code !== 'CONFLICT');
    if (bad.length)
      res.violations.push(`race demand ${d.n}: acceptOffer answered ${bad.map((r) => r.code).join(', ')} (want the winner or CONFLICT)`);
    if (winners.size > 1) res.violations.push(`race demand ${d.n}: ${winners.size} different matches accepted (want exactly 1)`);
    // The store decides: exactly one match ACCEPTED, and it is the one the successful calls named.
    const accepted = await waitAccepted(world, d, deadline);
    if (accepted.length !== 1) res.violations.push(`race demand ${d.n}: ${accepted.length} matches ACCEPTED in the store (want exactly 1)`);
    else if (winners.size === 1 && !winners.has(accepted[0]!))
      res.violations.push(`race demand ${d.n}: the store accepted another match than the one answered`);
    const w = accepted[0];
    if (w && mine.some((a) => a.m.id === w && !a.r.ok && !a.r.transport))
      res.violations.push(`race demand ${d.n}: a call on the accepted match was refused`);
    if (w) res.acceptWins += 1;
    d.winner = w;
  }
  opts.log(
    `races: ${res.acceptCalls} concurrent acceptOffer in ${(res.acceptMs / 1000).toFixed(1)} s: ${res.acceptWins} winners, ${res.acceptConflicts} CONFLICT`,
  );

  // disburseLoan: perDemand calls per accepted match at once, two repayment methods (so a repeat is
  // not the safe retry of the same request). Until the loan service has heard match.accepted every
  // call is CONFLICT: a round without a winner is fired again for that match.
  const t2 = Date.now();
  deadline = t2 + 300_000;
  let pending = demands.filter((d) => d.winner);
  const disbursedAt = new Date(Date.now() - 3 * 86_400_000).toISOString();
  while (pending.length > 0) {
    res.disburseRounds += 1;
    const answers = await Promise.all(
      pending.flatMap((d) => {
        const bank = world.banks[d.matches.find((m) => m.id === d.winner)!.bankIndex]!;
        return Array.from({ length: opts.perDemand }, (_, k) =>
          call<any>(
            'mutation($m:ID!,$input:DisburseLoanInput!){ disburseLoan(matchId:$m, input:$input){ id repaymentMethod } }',
            { m: d.winner, input: { disbursedAt, repaymentMethod: k % 2 ? 'INTEREST_ONLY_BULLET' : 'EQUAL_INSTALLMENT' } },
            bank.token,
          ).then((r) => ({ d, r, method: k % 2 ? 'INTEREST_ONLY_BULLET' : 'EQUAL_INSTALLMENT' })),
        );
      }),
    );
    res.disburseCalls += answers.length;
    const next: RaceDemand[] = [];
    for (const d of pending) {
      const mine = answers.filter((a) => a.d === d);
      const loans = new Set(mine.flatMap((a) => (a.r.ok ? [a.r.data.disburseLoan.id as string] : [])));
      // A call whose answer was lost may have made the loan: the next round's calls with the same
      // input get it back (the safe retry), the others CONFLICT — so rounds end either way.
      const failed = mine.flatMap((a) => (a.r.ok ? [] : [a.r]));
      res.disburseConflicts += failed.filter((r) => r.code === 'CONFLICT').length;
      res.unknown += failed.filter((r) => r.transport).length;
      const bad = failed.filter((r) => !r.transport && r.code !== 'CONFLICT').map((r) => r.code);
      if (bad.length)
        res.violations.push(`race match of demand ${d.n}: disburseLoan answered ${bad.join(', ')} (want the loan or CONFLICT)`);
      if (loans.size > 1) res.violations.push(`race match of demand ${d.n}: ${loans.size} different loans`);
      // One winner: every successful answer carries the loan made from its own input; a call with
      // the other repayment method must have been refused, not handed the winner's loan.
      const methods = new Set(mine.flatMap((a) => (a.r.ok ? [a.r.data.disburseLoan.repaymentMethod as string] : [])));
      if (methods.size > 1 || mine.some((a) => a.r.ok && a.r.data.disburseLoan.repaymentMethod !== a.method))
        res.violations.push(`race match of demand ${d.n}: a disburseLoan with another input than the loan's was answered with the loan`);
      if (loans.size === 0) next.push(d);
      else {
        d.loanId = [...loans][0];
        res.disburseWins += 1;
      }
    }
    pending = next;
    if (pending.length && Date.now() > deadline) {
      res.violations.push(`${pending.length} accepted race matches could not be disbursed by the deadline`);
      break;
    }
    if (pending.length) await pause(300);
  }
  res.disburseMs = Date.now() - t2;
  opts.log(
    `races: ${res.disburseCalls} disburseLoan calls in ${res.disburseRounds} rounds, ${(res.disburseMs / 1000).toFixed(1)} s: ${res.disburseWins} loans, ${res.disburseConflicts} CONFLICT`,
  );
  return res;
}
