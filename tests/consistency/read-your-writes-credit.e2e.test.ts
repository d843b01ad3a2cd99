// Read-your-writes across services on the credit path, as a bank's system would drive it: no
// waiting between steps. The loan service learns of an acceptance (matching's match.accepted) and
// of a guarantee quote's selection (guarantee's guarantee.quote-selected) from events; a disburse
// sent the moment the other service answered must still see both.
//
// The pairs on the platform (an entity created or changed by one service's event, named by another
// service's command), and where each is proved:
// - registerEnterprise (identity) → certifyEnterprise (enterprise): read-your-writes.e2e.test.ts
// - registerEnterprise (identity) → setListingStage and the other capital commands: read-your-writes.e2e.test.ts
// - acceptOffer (matching) → disburseLoan (loan): here
// - selectGuaranteeQuote (guarantee) → disburseLoan (loan): here
// (registerEnterprise → postDemand / updateEnterpriseProfile wait for the profile in the enterprise
// service; createInstitution → createUser and the officers' own commands stay inside identity or
// read the institution from the token.)
import { errorCode, gql, waitFor } from '@yinqi/testing';
import { createOfficer, registerEnterprise, signInAdmin } from '../support/actors';
import { certify, postDemand, publishProduct, waitForMatches } from '../matching/journey';
import { DISBURSE } from '../loan/loan-journey';

const SEQUENCES = Number(process.env.READ_YOUR_WRITES_SEQUENCES ?? 40);
const PARALLEL_SETUP = 5;

const RESPOND = 'mutation($id:ID!){ respondToMatch(matchId:$id, interested:true){ id } }';
const OFFER = 'mutation($id:ID!,$input:OfferInput!){ makeOffer(matchId:$id, input:$input){ id } }';
const ACCEPT = 'mutation($id:ID!){ acceptOffer(matchId:$id){ id status } }';
const QUOTE = 'mutation($id:ID!,$input:GuaranteeQuoteInput!){ submitGuaranteeQuote(requestId:$id, input:$input){ id } }';
const SELECT = 'mutation($id:ID!){ selectGuaranteeQuote(quoteId:$id){ id status } }';
const REQUESTS = 'query{ guaranteeRequests(first: 100){ edges { node { id match { id } } } } }';

interface Offered {
  matchId: string;
  demandId: string;
  entToken: string;
  /** The guarantee request's quote to select (guaranteed matches only). */
  quoteId?: string;
}

let admin: string;
beforeAll(async () => {
  admin = await signInAdmin();
});

/** Runs `fn` for 0…n-1, `width` at a time (set-up only: the sequences themselves run one by one). */
async function inBatches<T>(n: number, width: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < n; i += width) out.push(...(await Promise.all(Array.from({ length: Math.min(width, n - i) }, (_, k) => fn(i + k)))));
  return out;
}

function must<T>(r: { data?: T | null; errors?: unknown }, what: string): T {
  if (!r.data) throw new Error(`${what} failed: ${JSON.stringify(r.errors)}`);
  return r.data;
}

/** One bank product and `n` enterprises each with an OFFERED match on it (guaranteed: ACCEPTED and quoted). */
async function offeredMatches(n: number, guaranteed: boolean) {
  const bank = await createOfficer(admin, 'BANK_OFFICER');
  const industry = `读写一致-${guaranteed ? 'g' : 'l'}-${Date.now()}`;
  const product = await publishProduct(bank.token, {
    industries: [industry],
    minAmount: 100_000,
    ...(guaranteed ? { policyTags: ['GOV_BANK_GUARANTEE'] } : {}),
  });
  const guarantor = guaranteed ? await createOfficer(admin, 'GUARANTOR_OFFICER') : null;
  const offer = { amount: 500_000, annualRate: 3.6, termMonths: 12 };
  const matches = await inBatches(n, PARALLEL_SETUP, async (i): Promise<Offered> => {
    const ent = await registerEnterprise({ industry, name: `重庆读写${guaranteed ? '担保' : '放款'}${i}精密制造有限公司` });
    await certify(admin, ent.enterpriseId, 'INNOVATIVE_SME', false);
    const demand = await postDemand(ent.token, { amount: offer.amount, termMonths: offer.termMonths, needsGuarantee: guaranteed });
    const [m] = await waitForMatches(ent.token, demand.id, [product], (x) => x.length === 1, 'a match');
    must(await gql(RESPOND, { id: m!.id }, bank.token), 'respondToMatch');
    must(await gql(OFFER, { id: m!.id, input: offer }, bank.token), 'makeOffer');
    if (!guaranteed) return { matchId: m!.id, demandId: demand.id, entToken: ent.token };
    // Guaranteed: accepted, the request opened from match.accepted, and one quote on it.
    must(await gql(ACCEPT, { id: m!.id }, ent.token), 'acceptOffer');
    const requestId = await waitFor(
      async () => {
        const r = await gql<{ guaranteeRequests: { edges: { node: { id: string; match: { id: string } } }[] } }>(REQUESTS, {}, ent.token);
        return r.data?.guaranteeRequests.edges.find((e) => e.node.match.id === m!.id)?.node.id ?? null;
      },
      { timeoutMs: 30_000, intervalMs: 100, message: 'the guarantee request to open' },
    );
    const quote = must(
      await gql<{ submitGuaranteeQuote: { id: string } }>(
        QUOTE,
        { id: requestId, input: { feeRate: 0.8, coverageRatio: 80 } },
        guarantor!.token,
      ),
      'submitGuaranteeQuote',
    );
    return { matchId: m!.id, demandId: demand.id, entToken: ent.token, quoteId: quote.submitGuaranteeQuote.id };
  });
  return { bank, matches };
}

const disbursement = { disbursedAt: new Date(Date.UTC(2026, 2, 2, 2, 0, 0)).toISOString(), repaymentMethod: 'EQUAL_INSTALLMENT' };

describe('read-your-writes on the credit path', () => {
  it(`disburses a match right after the enterprise accepted it, ${SEQUENCES} times back to back`, async () => {
    const { bank, matches } = await offeredMatches(SEQUENCES, false);
    const failures: string[] = [];
    for (const [i, m] of matches.entries()) {
      const accepted = await gql<{ acceptOffer: { status: string } }>(ACCEPT, { id: m.matchId }, m.entToken);
      if (accepted.data?.acceptOffer.status !== 'ACCEPTED') failures.push(`#${i} accept: ${JSON.stringify(accepted.errors)}`);
      const loan = await gql<{ disburseLoan: { match: { id: string }; amount: number } }>(
        DISBURSE,
        { m: m.matchId, input: disbursement },
        bank.token,
      );
      if (!loan.data) failures.push(`#${i} disburse: ${JSON.stringify(loan.errors)}`);
      else expect(loan.data.disburseLoan).toMatchObject({ match: { id: m.matchId }, amount: 500_000 });
    }
    expect(failures).toEqual([]);
  }, 900_000);

  it(`disburses a guaranteed match right after the enterprise selected its guarantee quote, ${SEQUENCES} times back to back`, async () => {
    const { bank, matches } = await offeredMatches(SEQUENCES, true);
    const failures: string[] = [];
    for (const [i, m] of matches.entries()) {
      const selected = await gql<{ selectGuaranteeQuote: { status: string } }>(SELECT, { id: m.quoteId }, m.entToken);
      if (selected.data?.selectGuaranteeQuote.status !== 'SELECTED') failures.push(`#${i} select: ${JSON.stringify(selected.errors)}`);
      const loan = await gql<{ disburseLoan: { guaranteeFeeRate: number | null } }>(
        DISBURSE,
        { m: m.matchId, input: disbursement },
        bank.token,
      );
      if (!loan.data) failures.push(`#${i} disburse: ${JSON.stringify(loan.errors)}`);
      else expect(loan.data.disburseLoan.guaranteeFeeRate).toBe(0.8);
    }
    expect(failures).toEqual([]);
  }, 900_000);

  it('still refuses at once a match that can no longer be accepted', async () => {
    const { bank, matches } = await offeredMatches(1, false);
    const [m] = matches;
    must(await gql('mutation($id:ID!){ withdrawDemand(id:$id){ id } }', { id: m!.demandId }, m!.entToken), 'withdrawDemand');
    // The withdrawal reaches the loan service's copy as WITHDRAWN: no acceptance can follow, so no wait.
    await waitFor(
      async () => {
        const t0 = Date.now();
        const r = await gql(DISBURSE, { m: m!.matchId, input: disbursement }, bank.token);
        expect(errorCode(r)).toBe('CONFLICT');
        return /WITHDRAWN/.test(r.errors![0]!.message) && Date.now() - t0 < 2_000;
      },
      { timeoutMs: 30_000, intervalMs: 200, message: 'a prompt CONFLICT for a withdrawn match' },
    );
  });
});
