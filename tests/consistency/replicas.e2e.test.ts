// Several replicas of each service that may scale, on one store. `npm test` starts two of each of
// identity, enterprise, product, guarantee and loan (the launcher's YINQI_REPLICAS), and the gateway
// spreads its calls over them round-robin; every e2e file runs against that. Here: concurrent writes
// to one aggregate arriving at both replicas at once end exact — no repayment, quote or certification
// lost, none applied twice — and both replicas really served them.
import { MATCHMAKING_TOPICS } from '@yinqi/contracts';
import { collectMessages, distinctEvents, gql, waitFor } from '@yinqi/testing';
import { createOfficer, registerEnterprise, signInAdmin } from '../support/actors';
import { accept, disburse, offeredMatch } from '../loan/loan-journey';

const SCALABLE = ['identity', 'enterprise', 'product', 'guarantee', 'loan'] as const;

/** The replicas' base URLs the launcher gave the gateway (and the tests) for one service. */
const replicasOf = (service: string) => (process.env[`${service.toUpperCase()}_URL`] ?? '').split(',').filter(Boolean);

/** How many requests each replica of `service` has answered on `route` (its /metrics counter). */
async function servedBy(service: string, method: string, route: string): Promise<number[]> {
  return Promise.all(
    replicasOf(service).map(async (base) => {
      const text = await (await fetch(new URL('/metrics', base))).text();
      const prefix = `http_requests_total{method="${method}",route="${route}",`;
      return text
        .split('\n')
        .filter((l) => l.startsWith(prefix))
        .reduce((n, l) => n + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
    }),
  );
}

const delta = (after: number[], before: number[]) => after.map((n, i) => n - (before[i] ?? 0));

let admin: string;
beforeAll(async () => {
  admin = await signInAdmin();
});

describe('two replicas of each writing service on one store', () => {
  it('runs at least two live replicas of every service that may scale', async () => {
    for (const service of SCALABLE) {
      const urls = replicasOf(service);
      // npm test starts two; a run with YINQI_REPLICAS=1 proves nothing here and fails loudly.
      expect({ service, replicas: Math.min(urls.length, 2) }).toEqual({ service, replicas: 2 });
      for (const base of urls) expect((await fetch(new URL('/healthz', base))).status).toBe(200);
    }
  });

  it('applies every one of 12 concurrent repayments on one loan, spread over both loan replicas', async () => {
    const a = await offeredMatch(admin, { amount: 1_200_000, annualRate: 3.6, termMonths: 24 });
    await accept(a);
    const loan = await disburse(a, { disbursedAt: '2026-01-10T02:00:00.000Z', repaymentMethod: 'EQUAL_INSTALLMENT' });
    const instalment = loan.schedule[0]!.principal + loan.schedule[0]!.interest; // 等额本息: the same payment every month
    const N = 12;
    const before = await servedBy('loan', 'POST', '/loans/:id/repayments');
    const answers = await Promise.all(
      Array.from({ length: N }, () =>
        gql<{ recordRepayment: { id: string } }>(
          'mutation($id:ID!,$a:Int!,$at:DateTime!){ recordRepayment(loanId:$id, amount:$a, paidAt:$at){ id } }',
          { id: loan.id, a: instalment, at: '2026-02-10T02:00:00.000Z' },
          a.bank.token,
        ),
      ),
    );
    expect(answers.flatMap((r) => r.errors ?? [])).toEqual([]);
    const served = delta(await servedBy('loan', 'POST', '/loans/:id/repayments'), before);
    expect(served.reduce((s, n) => s + n, 0)).toBeGreaterThanOrEqual(N);
    expect(served.every((n) => n > 0)).toBe(true);

    // Exactly N instalments paid, in order, and the principal down by exactly theirs.
    const after = await gql<{ loan: { outstandingPrincipal: number; schedule: { principal: number; paid: boolean }[] } }>(
      'query($id:ID!){ loan(id:$id){ outstandingPrincipal schedule { principal paid } } }',
      { id: loan.id },
      a.bank.token,
    );
    const schedule = after.data!.loan.schedule;
    expect(schedule.map((i) => i.paid)).toEqual(schedule.map((_, i) => i < N));
    expect(after.data!.loan.outstandingPrincipal).toBe(1_200_000 - loan.schedule.slice(0, N).reduce((s, i) => s + i.principal, 0));
  });

  it('keeps every one of 6 guarantors’ concurrent quotes on one request, spread over both guarantee replicas', async () => {
    const a = await offeredMatch(admin, { amount: 1_000_000, annualRate: 3.85, termMonths: 12 }, { needsGuarantee: true });
    await accept(a);
    const requestId = await waitFor(
      async () => {
        const r = await gql<{ guaranteeRequests: { edges: { node: { id: string; match: { id: string } } }[] } }>(
          'query{ guaranteeRequests(first: 100){ edges { node { id match { id } } } } }',
          {},
          a.ent.token,
        );
        return r.data?.guaranteeRequests.edges.find((e) => e.node.match.id === a.matchId)?.node.id ?? null;
      },
      { timeoutMs: 30_000, intervalMs: 100, message: 'the guarantee request to open' },
    );
    const guarantors = await Promise.all(Array.from({ length: 6 }, () => createOfficer(admin, 'GUARANTOR_OFFICER')));
    const before = await servedBy('guarantee', 'POST', '/guarantee-requests/:id/quotes');
    const answers = await Promise.all(
      guarantors.map((g, i) =>
        gql(
          'mutation($id:ID!,$input:GuaranteeQuoteInput!){ submitGuaranteeQuote(requestId:$id, input:$input){ id } }',
          { id: requestId, input: { feeRate: 0.5 + i / 10, coverageRatio: 80 } },
          g.token,
        ),
      ),
    );
    expect(answers.flatMap((r) => r.errors ?? [])).toEqual([]);
    const served = delta(await servedBy('guarantee', 'POST', '/guarantee-requests/:id/quotes'), before);
    expect(served.every((n) => n > 0)).toBe(true);
    const request = await gql<{
      guaranteeRequests: { edges: { node: { id: string; quotes: { feeRate: number; guarantor: { id: string } }[] } }[] };
    }>('query{ guaranteeRequests(first: 100){ edges { node { id quotes { feeRate guarantor { id } } } } } }', {}, a.ent.token);
    const quotes = request.data!.guaranteeRequests.edges.find((e) => e.node.id === requestId)!.node.quotes;
    expect(quotes.map((q) => q.guarantor.id).sort()).toEqual(guarantors.map((g) => g.institutionId).sort());
    expect(quotes.map((q) => q.feeRate).sort()).toEqual([0.5, 0.6, 0.7, 0.8, 0.9, 1]);
  });

  it('takes 10 concurrent certifications of one enterprise over both enterprise replicas: each lands once or answers CONFLICT', async () => {
    const ent = await registerEnterprise();
    const feed = await collectMessages([MATCHMAKING_TOPICS.enterprise]);
    try {
      const tiers = ['INNOVATIVE_SME', 'MUNICIPAL_SRDI', 'NATIONAL_LITTLE_GIANT'];
      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          gql(
            'mutation($id:ID!,$t:EnterpriseTier!,$w:Boolean!){ certifyEnterprise(enterpriseId:$id, tier:$t, whitelisted:$w){ tier } }',
            { id: ent.enterpriseId, t: tiers[i % 3], w: i % 2 === 0 },
            admin,
          ),
        ),
      );
      // Ten writers on one document at once: each either lands (after retries on a version conflict) or,
      // once its retries are spent, answers CONFLICT and writes nothing — never a lost or doubled write.
      const landed = answers.filter((r) => !r.errors).length;
      expect(answers.flatMap((r) => (r.errors ?? []).map((e) => e.extensions?.code))).toEqual(Array(10 - landed).fill('CONFLICT'));
      expect(landed).toBeGreaterThanOrEqual(1);
      // Each landed certification is one new version of the enterprise, published (at least once):
      // versions 2…landed+1, no gap, nothing more.
      const certified = () =>
        distinctEvents<{ id: string; type: string; version: number }>(feed.messages, ent.enterpriseId)
          .filter((e) => e.type === 'enterprise.certified')
          .map((e) => e.version);
      await waitFor(async () => certified().length >= landed, {
        timeoutMs: 30_000,
        intervalMs: 100,
        message: `${landed} enterprise.certified events`,
      });
      expect([...new Set(certified())].sort((a, b) => a - b)).toEqual(Array.from({ length: landed }, (_, i) => i + 2));
    } finally {
      await feed.stop();
    }
  });
});
