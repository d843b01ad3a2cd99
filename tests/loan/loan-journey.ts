// Building blocks for loan e2e tests: a match driven to ACCEPTED through the public API, then disbursed.
import { addBusinessMonths } from '@yinqi/calendar';
import { errorCode, gql, waitFor } from '@yinqi/testing';
import { createOfficer, registerEnterprise, type EnterpriseActor } from '../support/actors';
import { certify, postDemand, publishProduct, waitForMatches } from '../matching/journey';

export const LOAN_FIELDS = `id match { id } enterprise { id name } bank { id name } amount annualRate termMonths repaymentMethod disbursedAt
  outstandingPrincipal status schedule { dueDate principal interest paid } reliefs { id kind status } followUps { note riskLevel at }
  guaranteeFeeRate riskShare { guarantor bank government }`;

export interface LoanView {
  id: string;
  match: { id: string };
  enterprise: { id: string; name: string };
  bank: { id: string; name: string };
  amount: number;
  annualRate: number;
  termMonths: number;
  repaymentMethod: string;
  disbursedAt: string;
  outstandingPrincipal: number;
  status: string;
  schedule: { dueDate: string; principal: number; interest: number; paid: boolean }[];
  reliefs: { id: string; kind: string; status: string }[];
  followUps: { note: string; riskLevel: string; at: string }[];
  guaranteeFeeRate: number | null;
  riskShare: { guarantor: number; bank: number; government: number } | null;
}

export const DISBURSE = `mutation($m:ID!,$input:DisburseLoanInput!){ disburseLoan(matchId:$m, input:$input){ ${LOAN_FIELDS} } }`;

export interface AcceptedMatch {
  matchId: string;
  bank: { token: string; institutionId: string };
  ent: EnterpriseActor;
  offer: { amount: number; annualRate: number; termMonths: number };
}

/**
 * An enterprise, a bank and an OFFERED match between them; no guarantee needed unless
 * `opts.needsGuarantee` (then the demand asks for one, 政银担, and the product is tagged for it).
 */
export async function offeredMatch(admin: string, offer = { amount: 1_200_000, annualRate: 3.6, termMonths: 12 }, opts: { needsGuarantee?: boolean } = {}): Promise<AcceptedMatch & { demandId: string }> {
  const bank = await createOfficer(admin, 'BANK_OFFICER');
  const industry = `贷后-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`; // only this test's product can match
  const ent = await registerEnterprise({ industry });
  await certify(admin, ent.enterpriseId, 'INNOVATIVE_SME', false);
  const product = await publishProduct(bank.token, { industries: [industry], minAmount: 100_000, ...(opts.needsGuarantee ? { policyTags: ['GOV_BANK_GUARANTEE'] } : {}) });
  const demand = await postDemand(ent.token, { amount: offer.amount, termMonths: offer.termMonths, needsGuarantee: opts.needsGuarantee ?? false });
  const [m] = await waitForMatches(ent.token, demand.id, [product], (x) => x.length === 1, 'a match');
  // Respond and offer, again if the response did not stick: on FerretDB the shared outbox relay's
  // removal can undo a concurrent write to the same match (see services/loan/README.md).
  await waitFor(
    async () => {
      const responded = await gql('mutation($id:ID!){ respondToMatch(matchId:$id, interested:true){ id status } }', { id: m!.id }, bank.token);
      if (!responded.data && errorCode(responded) !== 'CONFLICT') throw new Error(`respond failed: ${JSON.stringify(responded.errors)}`);
      const offered = await gql('mutation($id:ID!,$input:OfferInput!){ makeOffer(matchId:$id, input:$input){ id status } }', { id: m!.id, input: offer }, bank.token);
      if (offered.data) return true;
      if (errorCode(offered) !== 'CONFLICT') throw new Error(`offer failed: ${JSON.stringify(offered.errors)}`);
      return false;
    },
    { timeoutMs: 15_000, intervalMs: 200, message: 'an OFFERED match' },
  );
  return { matchId: m!.id, bank, ent, offer, demandId: demand.id };
}

export async function accept(a: AcceptedMatch): Promise<void> {
  await waitFor(
    async () => {
      const r = await gql('mutation($id:ID!){ acceptOffer(matchId:$id){ id status } }', { id: a.matchId }, a.ent.token);
      if (r.data) return true;
      if (errorCode(r) !== 'CONFLICT') throw new Error(`accept failed: ${JSON.stringify(r.errors)}`);
      // The offer did not stick (same FerretDB lost update as above): respond and offer again.
      await gql('mutation($id:ID!){ respondToMatch(matchId:$id, interested:true){ id } }', { id: a.matchId }, a.bank.token);
      await gql('mutation($id:ID!,$input:OfferInput!){ makeOffer(matchId:$id, input:$input){ id } }', { id: a.matchId, input: a.offer }, a.bank.token);
      return false;
    },
    { timeoutMs: 15_000, intervalMs: 200, message: 'an ACCEPTED match' },
  );
}

/** Disburses once the loan service has seen the acceptance (it learns it from match.accepted). */
export async function disburse(a: AcceptedMatch, input: { disbursedAt: string; repaymentMethod: string }): Promise<LoanView> {
  let tries = 0;
  return waitFor(
    async () => {
      const r = await gql<{ disburseLoan: LoanView }>(DISBURSE, { m: a.matchId, input }, a.bank.token);
      if (errorCode(r) === 'CONFLICT') {
        // Accepting is idempotent; repeating it now and then covers an acceptance the store undid (README).
        if (++tries % 10 === 0) await gql('mutation($id:ID!){ acceptOffer(matchId:$id){ id } }', { id: a.matchId }, a.ent.token);
        return null;
      }
      if (!r.data) throw new Error(`disburse failed: ${JSON.stringify(r.errors)}`);
      return r.data.disburseLoan;
    },
    { timeoutMs: 20_000, intervalMs: 200, message: 'the loan service to see the accepted match' },
  );
}

export async function loanAs(token: string, id: string): Promise<LoanView | null> {
  const r = await gql<{ loan: LoanView | null }>(`query($id:ID!){ loan(id:$id){ ${LOAN_FIELDS} } }`, { id }, token);
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data!.loan;
}

/** `months` calendar months from `iso`, same Beijing day clamped to month end, as the schedule counts (@yinqi/calendar). */
export function plusMonths(iso: string, months: number): string {
  return addBusinessMonths(new Date(iso), months).toISOString();
}
