import { errorCode, gql, waitFor } from '@yinqi/testing';
import { createOfficer, registerEnterprise, signInAdmin } from '../support/actors';
import { matchesOf } from '../matching/journey';
import { accept, disburse, DISBURSE, loanAs, offeredMatch, type LoanView } from './loan-journey';

// The whole 政银担 path through the gateway: accepted offer → guarantee request → quotes (one above
// the policy cap refused) → selection by the owner → disbursement refused before selection and
// accepted after, the loan keeping the fee rate, coverage and risk shares in force; the match's
// allInAnnualRate follows (policy target before selection, the selected fee after). Other files
// run at the same time: everything asserted here is about this file's own actors.

const QUOTE =
  'mutation($id:ID!,$input:GuaranteeQuoteInput!){ submitGuaranteeQuote(requestId:$id, input:$input){ id feeRate coverageRatio guarantor { id } } }';
const SELECT = 'mutation($id:ID!){ selectGuaranteeQuote(quoteId:$id){ id status selectedQuote { id feeRate coverageRatio } } }';
const REQUESTS =
  'query{ guaranteeRequests(first: 100){ edges { node { id status match { id } quotes { id feeRate } selectedQuote { id } } } } }';
const POLICY = '{ policy { guaranteeFeeRateCap guaranteeFeeRateTarget riskShareGuarantor riskShareBank riskShareGovernment } }';
const REQUEST_RELIEF = 'mutation($id:ID!,$k:ReliefKind!,$r:String!){ requestRelief(loanId:$id, kind:$k, reason:$r){ id kind status } }';

interface RequestNode {
  id: string;
  status: string;
  match: { id: string };
  quotes: { id: string; feeRate: number }[];
  selectedQuote: { id: string } | null;
}
interface PolicyView {
  guaranteeFeeRateCap: number;
  guaranteeFeeRateTarget: number;
  riskShareGuarantor: number;
  riskShareBank: number;
  riskShareGovernment: number;
}

let admin: string;
beforeAll(async () => {
  admin = await signInAdmin();
});

async function requestOf(token: string, matchId: string): Promise<RequestNode | undefined> {
  const r = await gql<{ guaranteeRequests: { edges: { node: RequestNode }[] } }>(REQUESTS, {}, token);
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data!.guaranteeRequests.edges.map((e) => e.node).find((n) => n.match.id === matchId);
}

async function policy(token: string): Promise<PolicyView> {
  const r = await gql<{ policy: PolicyView }>(POLICY, {}, token);
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data!.policy;
}

const allInOf = async (token: string, demandId: string, matchId: string) =>
  (await matchesOf(token, demandId)).find((m) => m.id === matchId)?.offer?.allInAnnualRate;

describe('a guaranteed loan (政银担) from accepted offer to disbursement', () => {
  it('needs a selected quote to disburse, and keeps its fee rate, coverage and the risk shares in force', async () => {
    const a = await offeredMatch(admin, { amount: 1_000_000, annualRate: 3.85, termMonths: 12 }, { needsGuarantee: true });
    const [g1, g2] = await Promise.all([createOfficer(admin, 'GUARANTOR_OFFICER'), createOfficer(admin, 'GUARANTOR_OFFICER')]);
    const pol = await policy(a.ent.token);

    // Before any quote is selected, the enterprise's all-in rate counts the policy's target fee.
    await accept(a);
    await waitFor(
      async () => (await allInOf(a.ent.token, a.demandId, a.matchId)) === Math.round((3.85 + pol.guaranteeFeeRateTarget) * 10_000) / 10_000,
      {
        timeoutMs: 30_000,
        intervalMs: 200,
        message: 'allInAnnualRate = offer rate + policy target',
      },
    );

    // The request opens from match.accepted.
    const opened = await waitFor(() => requestOf(a.ent.token, a.matchId), {
      timeoutMs: 30_000,
      intervalMs: 200,
      message: 'the guarantee request to open',
    });
    expect(opened).toMatchObject({ status: 'OPEN', quotes: [], selectedQuote: null });

    // Disbursement is refused while no quote is selected: first (maybe) because the loan service has
    // not seen the acceptance yet, then because of the guarantee. Either way CONFLICT, and no loan.
    const before = { disbursedAt: new Date().toISOString(), repaymentMethod: 'EQUAL_INSTALLMENT' };
    await waitFor(
      async () => {
        const r = await gql(DISBURSE, { m: a.matchId, input: before }, a.bank.token);
        expect(errorCode(r)).toBe('CONFLICT');
        return /guarantee/i.test(r.errors![0]!.message);
      },
      { timeoutMs: 30_000, intervalMs: 200, message: 'disbursement refused for want of a selected guarantee quote' },
    );
    const noLoans = await gql('{ loans(first: 100){ totalCount } }', {}, a.bank.token);
    expect(noLoans.data!.loans.totalCount).toBe(0);

    // Quotes: one above the cap is POLICY_VIOLATION and writes nothing.
    const above = await gql(QUOTE, { id: opened.id, input: { feeRate: pol.guaranteeFeeRateCap + 0.1, coverageRatio: 80 } }, g1.token);
    expect(errorCode(above)).toBe('POLICY_VIOLATION');
    expect((await requestOf(a.ent.token, a.matchId))!.quotes).toEqual([]);
    const cheap = (
      await gql(QUOTE, { id: opened.id, input: { feeRate: 0.8, coverageRatio: 80, conditions: '反担保：实际控制人连带责任' } }, g1.token)
    ).data!.submitGuaranteeQuote;
    const dear = (await gql(QUOTE, { id: opened.id, input: { feeRate: 1.2, coverageRatio: 90 } }, g2.token)).data!.submitGuaranteeQuote;
    expect(cheap).toMatchObject({ feeRate: 0.8, coverageRatio: 80, guarantor: { id: g1.institutionId } });
    expect(dear).toMatchObject({ feeRate: 1.2, coverageRatio: 90 });

    // Still OPEN: quoting is not selecting, disbursement stays refused.
    const stillRefused = await gql(DISBURSE, { m: a.matchId, input: before }, a.bank.token);
    expect(errorCode(stillRefused)).toBe('CONFLICT');

    // Only the enterprise that owns the request selects.
    const stranger = await registerEnterprise();
    expect(errorCode(await gql(SELECT, { id: cheap.id }, stranger.token))).toBe('FORBIDDEN');
    expect(errorCode(await gql(SELECT, { id: cheap.id }, a.bank.token))).toBe('FORBIDDEN');
    expect((await requestOf(a.ent.token, a.matchId))!.status).toBe('OPEN');
    const selected = await gql(SELECT, { id: cheap.id }, a.ent.token);
    expect(selected.data!.selectGuaranteeQuote).toMatchObject({
      status: 'SELECTED',
      selectedQuote: { id: cheap.id, feeRate: 0.8, coverageRatio: 80 },
    });

    // The all-in rate now carries the selected fee: 3.85 + 0.8.
    await waitFor(async () => (await allInOf(a.ent.token, a.demandId, a.matchId)) === 4.65, {
      timeoutMs: 30_000,
      intervalMs: 200,
      message: 'allInAnnualRate = offer rate + selected fee',
    });

    // Disbursed once the loan service has the selection; terms from the offer, guarantee from the quote.
    const inForce = await policy(a.bank.token);
    const loan: LoanView & { coverageRatio?: number | null } = await disburse(a, before);
    expect(loan).toMatchObject({
      amount: 1_000_000,
      annualRate: 3.85,
      termMonths: 12,
      status: 'ACTIVE',
      outstandingPrincipal: 1_000_000,
      guaranteeFeeRate: 0.8,
    });
    expect(loan.riskShare).toEqual({
      guarantor: inForce.riskShareGuarantor,
      bank: inForce.riskShareBank,
      government: inForce.riskShareGovernment,
    });
    const withCoverage = await gql(`query($id:ID!){ loan(id:$id){ coverageRatio guaranteeFeeRate } }`, { id: loan.id }, a.ent.token);
    expect(withCoverage.data!.loan).toEqual({ coverageRatio: 80, guaranteeFeeRate: 0.8 });
    // 1,000,000 yuan at 3.85% over 12 months, 等额本息 (see services/loan/README.md).
    expect(loan.schedule[0]).toMatchObject({ principal: 81_873, interest: 3_208 });
    expect(loan.schedule[11]).toMatchObject({ principal: 84_815, interest: 272 });
    expect(loan.schedule.reduce((s, i) => s + i.principal, 0)).toBe(1_000_000);

    // 无还本续贷 far from maturity (12 months away) is outside the renewal window: POLICY_VIOLATION, nothing written.
    const early = await gql(REQUEST_RELIEF, { id: loan.id, k: 'RENEWAL_WITHOUT_REPAYMENT', r: '申请无还本续贷' }, a.ent.token);
    expect(errorCode(early)).toBe('POLICY_VIOLATION');
    expect((await loanAs(a.ent.token, loan.id))!.reliefs).toEqual([]);

    // One loan per match: another disbursement is CONFLICT.
    expect(
      errorCode(await gql(DISBURSE, { m: a.matchId, input: { ...before, repaymentMethod: 'INTEREST_ONLY_BULLET' } }, a.bank.token)),
    ).toBe('CONFLICT');
    expect(await loanAs(admin, loan.id)).toMatchObject({ id: loan.id, guaranteeFeeRate: 0.8, riskShare: loan.riskShare });
  });
});
