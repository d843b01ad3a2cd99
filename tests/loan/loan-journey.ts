// Building blocks for loan e2e tests: a match driven to ACCEPTED through the public API, then disbursed.
import { addBusinessMonths } from '@yinqi/calendar';
import { gql } from '@yinqi/testing';
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
export async function offeredMatch(
  admin: string,
  offer = { amount: 1_200_000, annualRate: 3.6, termMonths: 12 },
  opts: { needsGuarantee?: boolean } = {},
): Promise<AcceptedMatch & { demandId: string }> {
  const bank = await createOfficer(admin, 'BANK_OFFICER');
  const industry = `贷后-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`; // only this test's product can match
  const ent = await registerEnterprise({ industry });
  await certify(admin, ent.enterpriseId, 'INNOVATIVE_SME', false);
  const product = await publishProduct(bank.token, {
    industries: [industry],
    minAmount: 100_000,
    minTermMonths: 1,
    ...(opts.needsGuarantee ? { policyTags: ['GOV_BANK_GUARANTEE'] } : {}),
  });
  const demand = await postDemand(ent.token, {
    amount: offer.amount,
    termMonths: offer.termMonths,
    needsGuarantee: opts.needsGuarantee ?? false,
  });
  const [m] = await waitForMatches(ent.token, demand.id, [product], (x) => x.length === 1, 'a match');
  // Straight on, as a bank officer would: the store keeps every write, so no step needs repeating.
  must(
    await gql('mutation($id:ID!){ respondToMatch(matchId:$id, interested:true){ id status } }', { id: m!.id }, bank.token),
    'respondToMatch',
  );
  must(
    await gql(
      'mutation($id:ID!,$input:OfferInput!){ makeOffer(matchId:$id, input:$input){ id status } }',
      { id: m!.id, input: offer },
      bank.token,
    ),
    'makeOffer',
  );
  return { matchId: m!.id, bank, ent, offer, demandId: demand.id };
}

function must<T>(r: { data?: T | null; errors?: unknown }, what: string): T {
  if (!r.data) throw new Error(`${what} failed: ${JSON.stringify(r.errors)}`);
  return r.data;
}

export async function accept(a: AcceptedMatch): Promise<void> {
  must(await gql('mutation($id:ID!){ acceptOffer(matchId:$id){ id status } }', { id: a.matchId }, a.ent.token), 'acceptOffer');
}

/**
 * Disburses at once: the loan service waits (bounded) for an acceptance or a quote selection made a
 * moment ago to reach it (read-your-writes; tests/consistency).
 */
export async function disburse(a: AcceptedMatch, input: { disbursedAt: string; repaymentMethod: string }): Promise<LoanView> {
  return must(await gql<{ disburseLoan: LoanView }>(DISBURSE, { m: a.matchId, input }, a.bank.token), 'disburseLoan').disburseLoan;
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
