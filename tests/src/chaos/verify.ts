// After the faults: every finished journey's state, every count and the dashboard, exactly, read
// through the gateway. Each check is retried until it holds or the deadline passes (events still
// on their way are allowed to arrive; a count that is wrong at the deadline is a violation).
import { pause, type Call } from './client';
import { COVERAGE, FEE_RATE, type Journey, type World } from './journey';
import type { RaceResult } from './races';

const GOVERNMENT_SHARE = 30; // policy default (risk shares 50/20/30), not changed by this run

async function until(deadline: number, what: string, check: () => Promise<string | null>): Promise<string | null> {
  let last: string | null = 'not checked';
  for (let round = 1; ; round++) {
    try {
      last = await check();
    } catch (err) {
      last = (err as Error).message;
    }
    if (last === null) return null;
    if (Date.now() > deadline) return `${what}: ${last}`;
    await pause(Math.min(250 * round, 2_000));
  }
}

async function q<T>(call: Call, query: string, vars: Record<string, unknown>, token: string): Promise<T> {
  const r = await call<T>(query, vars, token);
  if (!r.ok) throw new Error(`${r.code} ${r.message}`);
  return r.data;
}

async function mapLimit<I>(items: I[], limit: number, fn: (i: I) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

export interface Verified {
  violations: string[];
  complete: Set<number>;
  completeJourneys: number;
  counts: [string, string | number][];
}

export async function verify(
  world: World,
  journeys: Journey[],
  races: RaceResult | null,
  opts: { deadline: number; log: (s: string) => void },
): Promise<Verified> {
  const { call, admin, banks } = world;
  const violations: string[] = [];
  const complete = new Set<number>();
  const raceDemands = races?.demands ?? [];

  // Per journey: two matches (one per product) with the accepted one FUNDED and the other REJECTED;
  // the guarantee request SELECTED with exactly one quote; the loan with exactly the first instalment paid.
  await mapLimit(journeys, 8, async (j) => {
    const problem = await until(opts.deadline, `journey ${j.n}`, async () => {
      const d = (
        await q<any>(call, 'query($id:ID!){ demand(id:$id){ status matches { id status product { id } } } }', { id: j.demandId }, j.token!)
      ).demand;
      if (!d) return 'demand not found';
      const products = d.matches.map((m: any) => m.product.id).sort();
      const want = banks.map((b) => b.journeyProductId).sort();
      if (JSON.stringify(products) !== JSON.stringify(want))
        return `matches by product ${JSON.stringify(products)}, want one per product ${JSON.stringify(want)}`;
      const mine = d.matches.find((m: any) => m.id === j.matchId);
      if (mine?.status !== 'FUNDED') return `the accepted match is ${mine?.status}, want FUNDED`;
      const others = d.matches.filter((m: any) => m.id !== j.matchId).map((m: any) => m.status);
      if (others.some((s: string) => s !== 'REJECTED')) return `the other matches are ${others.join(',')}, want REJECTED`;
      if (d.status !== 'FUNDED') return `demand ${d.status}, want FUNDED`;
      const reqs = (
        await q<any>(
          call,
          'query{ guaranteeRequests(first: 50){ edges { node { id status match { id } quotes { id } selectedQuote { id } } } } }',
          {},
          j.token!,
        )
      ).guaranteeRequests.edges.map((e: any) => e.node);
      const forMatch = reqs.filter((r: any) => r.match.id === j.matchId);
      if (forMatch.length !== 1) return `${forMatch.length} guarantee requests for the match, want 1`;
      const r = forMatch[0];
      if (r.status !== 'SELECTED' || r.quotes.length !== 1 || r.selectedQuote?.id !== j.quoteId)
        return `guarantee request ${r.status} with ${r.quotes.length} quotes, selected ${r.selectedQuote?.id}; want SELECTED, 1 quote, ${j.quoteId}`;
      const l = (
        await q<any>(
          call,
          'query($id:ID!){ loan(id:$id){ amount outstandingPrincipal status guaranteeFeeRate match { id } schedule { paid } } }',
          { id: j.loanId },
          j.bank.token,
        )
      ).loan;
      if (!l) return 'loan not found';
      const paid = l.schedule.filter((s: any) => s.paid).length;
      const outstanding = j.offer.amount - j.repayment!.principal;
      if (
        l.match.id !== j.matchId ||
        l.amount !== j.offer.amount ||
        l.status !== 'ACTIVE' ||
        paid !== 1 ||
        l.outstandingPrincipal !== outstanding ||
        l.guaranteeFeeRate !== FEE_RATE
      ) {
        return `loan ${JSON.stringify({ amount: l.amount, status: l.status, paid, outstanding: l.outstandingPrincipal, fee: l.guaranteeFeeRate })}, want amount ${j.offer.amount}, ACTIVE, 1 instalment paid, outstanding ${outstanding}, fee ${FEE_RATE}`;
      }
      return null;
    });
    if (problem) violations.push(problem);
    else complete.add(j.n);
  });
  opts.log(`verify: ${complete.size} of ${journeys.length} finished journeys complete and exact`);

  // Race demands: exactly one ACCEPTED→FUNDED match, the other REJECTED; the loan is that match's.
  await mapLimit(
    raceDemands.filter((d) => d.winner),
    8,
    async (d) => {
      const problem = await until(opts.deadline, `race demand ${d.n}`, async () => {
        const dm = (await q<any>(call, 'query($id:ID!){ demand(id:$id){ matches { id status } } }', { id: d.demandId }, d.token)).demand;
        const statuses = dm.matches.map((m: any) => `${m.id === d.winner ? 'winner' : 'other'}:${m.status}`).sort();
        const want = [...dm.matches.filter((m: any) => m.id !== d.winner).map(() => 'other:REJECTED'), 'winner:FUNDED'].sort();
        return JSON.stringify(statuses) === JSON.stringify(want) ? null : `matches ${statuses.join(', ')}`;
      });
      if (problem) violations.push(problem);
    },
  );

  // Global counts: matches per bank, loans per bank and in all, guarantee requests.
  const journeysOf = (bi: number) => journeys.filter((j) => j.bank === banks[bi]);
  const racesWonBy = (bi: number) => raceDemands.filter((d) => d.loanId && d.matches.find((m) => m.id === d.winner)?.bankIndex === bi);
  const counts: [string, string | number][] = [];
  for (const [bi, b] of banks.entries()) {
    const wantMatches = journeys.length + raceDemands.length;
    const wantLoans = journeysOf(bi).length + racesWonBy(bi).length;
    let seen = '';
    const p = await until(opts.deadline, `bank ${bi}`, async () => {
      const r = await q<any>(call, '{ bankMatches(first: 1){ totalCount } loans(first: 1){ totalCount } }', {}, b.token);
      seen = `${r.bankMatches.totalCount} matches, ${r.loans.totalCount} loans`;
      return r.bankMatches.totalCount === wantMatches && r.loans.totalCount === wantLoans
        ? null
        : `${seen}; want ${wantMatches} matches (one per demand and product), ${wantLoans} loans (one per accepted match)`;
    });
    if (p) violations.push(p);
    counts.push([`bank ${bi}: matches / loans`, `${seen} (want ${wantMatches} / ${wantLoans})`]);
  }
  const wantLoans = journeys.length + raceDemands.filter((d) => d.loanId).length;
  let loanCount = '';
  const pl = await until(opts.deadline, 'all loans', async () => {
    const r = await q<any>(call, '{ loans(first: 1){ totalCount } guaranteeRequests(first: 1){ totalCount } }', {}, admin);
    loanCount = `${r.loans.totalCount} loans, ${r.guaranteeRequests.totalCount} guarantee requests`;
    return r.loans.totalCount === wantLoans && r.guaranteeRequests.totalCount === journeys.length
      ? null
      : `${loanCount}; want ${wantLoans} loans, ${journeys.length} requests`;
  });
  if (pl) violations.push(pl);
  counts.push(['loans / guarantee requests (finance centre)', `${loanCount} (want ${wantLoans} / ${journeys.length})`]);

  // The dashboard equals the sum of the journeys and races.
  const raceLoans = raceDemands.filter((d) => d.loanId);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const want = {
    demandsPosted: journeys.length + raceDemands.length,
    demandsMatched: journeys.length + raceDemands.length,
    amountRequested: sum(journeys.map((j) => j.amount)) + sum(raceDemands.map((d) => d.amount)),
    amountOffered: sum(journeys.map((j) => j.offer.amount)) + sum(raceDemands.map((d) => d.amount * d.matches.length)),
    amountDisbursed: sum(journeys.map((j) => j.offer.amount)) + sum(raceLoans.map((d) => d.amount)),
    loansActive: journeys.length + raceLoans.length,
    loansOverdue: 0,
    averageGuaranteeFeeRate: journeys.length ? FEE_RATE : null,
    governmentRiskExposure:
      Math.round(sum(journeys.map((j) => ((j.offer.amount - j.repayment!.principal) * COVERAGE * GOVERNMENT_SHARE) / 10_000)) * 100) / 100,
    byBank: banks
      .map((b, bi) => ({
        bank: b.institutionId,
        matches: journeys.length + raceDemands.length,
        offers: journeysOf(bi).length + raceDemands.length,
        amountDisbursed: sum(journeysOf(bi).map((j) => j.offer.amount)) + sum(racesWonBy(bi).map((d) => d.amount)),
      }))
      .sort((a, b) => a.bank.localeCompare(b.bank)),
  };
  let got: any = null;
  const pd = await until(opts.deadline, 'dashboard', async () => {
    const d = (
      await q<any>(
        call,
        '{ dashboard { demandsPosted demandsMatched amountRequested amountOffered amountDisbursed loansActive loansOverdue averageGuaranteeFeeRate governmentRiskExposure byBank { bank { id } matches offers amountDisbursed } } }',
        {},
        admin,
      )
    ).dashboard;
    got = {
      ...d,
      governmentRiskExposure: Math.round(d.governmentRiskExposure * 100) / 100,
      byBank: d.byBank
        .map((x: any) => ({ bank: x.bank.id, matches: x.matches, offers: x.offers, amountDisbursed: x.amountDisbursed }))
        .sort((a: any, b: any) => a.bank.localeCompare(b.bank)),
    };
    const diff = Object.keys(want).filter((k) => JSON.stringify((want as any)[k]) !== JSON.stringify(got[k]));
    return diff.length ? diff.map((k) => `${k} ${JSON.stringify(got[k])} (want ${JSON.stringify((want as any)[k])})`).join('; ') : null;
  });
  if (pd) violations.push(pd);
  counts.push(
    ['dashboard demandsPosted / demandsMatched', `${got?.demandsPosted} / ${got?.demandsMatched} (want ${want.demandsPosted})`],
    [
      'dashboard amountDisbursed / loansActive',
      `${got?.amountDisbursed} / ${got?.loansActive} (want ${want.amountDisbursed} / ${want.loansActive})`,
    ],
    ['dashboard governmentRiskExposure', `${got?.governmentRiskExposure} (want ${want.governmentRiskExposure})`],
  );
  return { violations, complete, completeJourneys: complete.size, counts };
}
