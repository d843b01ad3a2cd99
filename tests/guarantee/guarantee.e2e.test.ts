import { aPolicy, errorCode, gql, waitFor } from '@yinqi/testing';
import { createOfficer, registerEnterprise, signInAdmin, type EnterpriseActor } from '../support/actors';
import { postDemand, publishProduct, waitForMatches } from '../matching/journey';

// Guarantees (政银担) and the district policy through the gateway. Other files run in the same
// namespace at the same time: assertions look at this file's own requests, and the policy test
// puts the defaults back.
let admin: string;
beforeAll(async () => {
  admin = await signInAdmin();
});

const QUOTE_FIELDS = 'id feeRate coverageRatio conditions guarantor { id name }';
const REQUEST_FIELDS = `id status amount closedReason match { id status } demand { id } quotes { ${QUOTE_FIELDS} } selectedQuote { ${QUOTE_FIELDS} }`;
const LIST = `query($s:GuaranteeRequestStatus){ guaranteeRequests(status:$s, first: 100){ totalCount edges { cursor node { ${REQUEST_FIELDS} } } pageInfo { hasNextPage endCursor } } }`;
const QUOTE = `mutation($id:ID!,$input:GuaranteeQuoteInput!){ submitGuaranteeQuote(requestId:$id, input:$input){ ${QUOTE_FIELDS} } }`;
const SELECT = `mutation($id:ID!){ selectGuaranteeQuote(quoteId:$id){ ${REQUEST_FIELDS} } }`;
const POLICY_FIELDS =
  'guaranteeFeeRateCap guaranteeFeeRateTarget riskShareGuarantor riskShareBank riskShareGovernment bankResponseSlaHours bridgeRequestWindowDays bridgeMaxWorkingDays';
const SET_POLICY = `mutation($input:PolicyInput!){ setPolicy(input:$input){ ${POLICY_FIELDS} } }`;
/** A setPolicy input restoring the contract's defaults of the fee and risk-share fields and the SLA. */
const RESTORED = [
  'guaranteeFeeRateCap',
  'guaranteeFeeRateTarget',
  'riskShareGuarantor',
  'riskShareBank',
  'riskShareGovernment',
  'bankResponseSlaHours',
] as const;
const DEFAULTS = Object.fromEntries(RESTORED.map((f) => [f, aPolicy()[f]]));

const ENTERPRISE = 'query($id:ID!){ enterprise(id:$id){ id name uscc } }';

async function enterpriseAs(token: string, id: string): Promise<{ id: string } | null> {
  const r = await gql<{ enterprise: { id: string } | null }>(ENTERPRISE, { id }, token);
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data!.enterprise;
}

interface QuoteView {
  id: string;
  feeRate: number;
  coverageRatio: number;
  conditions: string | null;
  guarantor: { id: string; name: string };
}
interface RequestView {
  id: string;
  status: string;
  amount: number;
  match: { id: string; status: string };
  demand: { id: string };
  quotes: QuoteView[];
  selectedQuote: QuoteView | null;
}

async function requestsAs(token: string, status?: string): Promise<RequestView[]> {
  const r = await gql<{ guaranteeRequests: { edges: { node: RequestView }[] } }>(LIST, status ? { s: status } : {}, token);
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data!.guaranteeRequests.edges.map((e) => e.node);
}

/** Drives a demand that asks for a guarantee to an ACCEPTED match (银企对接), as the public API does. */
async function acceptedMatchNeedingGuarantee(): Promise<{
  ent: EnterpriseActor;
  bank: { token: string; institutionId: string };
  matchId: string;
  demandId: string;
}> {
  const bank = await createOfficer(admin, 'BANK_OFFICER');
  const industry = `担保测试-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
  const ent = await registerEnterprise({ industry });
  const product = await publishProduct(bank.token, { name: '政银担贷', industries: [industry], policyTags: ['GOV_BANK_GUARANTEE'] });
  const demand = await postDemand(ent.token, { needsGuarantee: true });
  const [m] = await waitForMatches(ent.token, demand.id, [product], (x) => x.length === 1, 'match for the guarantee demand');
  const respond = await gql('mutation($id:ID!){ respondToMatch(matchId:$id, interested:true){ id status } }', { id: m!.id }, bank.token);
  expect(respond.errors).toBeUndefined();
  const offer = await gql(
    'mutation($id:ID!,$input:OfferInput!){ makeOffer(matchId:$id, input:$input){ id status } }',
    { id: m!.id, input: { amount: 4_000_000, annualRate: 3.6, termMonths: 12 } },
    bank.token,
  );
  expect(offer.errors).toBeUndefined();
  const accepted = await gql('mutation($id:ID!){ acceptOffer(matchId:$id){ id status } }', { id: m!.id }, ent.token);
  expect(accepted.data?.acceptOffer.status).toBe('ACCEPTED');
  return { ent, bank, matchId: m!.id, demandId: demand.id };
}

describe('guarantees (政银担) through the gateway', () => {
  it('opens a request for an accepted match that needs a guarantee; guarantors quote, the owner selects', async () => {
    const { ent, bank, matchId, demandId } = await acceptedMatchNeedingGuarantee();
    const [g1, g2, g3] = await Promise.all([
      createOfficer(admin, 'GUARANTOR_OFFICER'),
      createOfficer(admin, 'GUARANTOR_OFFICER'),
      createOfficer(admin, 'GUARANTOR_OFFICER'),
    ]);

    // The request opens from match.accepted (eventually): the enterprise sees it with its match and demand.
    const opened = await waitFor(async () => (await requestsAs(ent.token)).find((r) => r.match.id === matchId), {
      timeoutMs: 30_000,
      intervalMs: 100,
      message: 'guarantee request opened',
    });
    expect(opened).toMatchObject({
      status: 'OPEN',
      amount: 4_000_000,
      demand: { id: demandId },
      match: { id: matchId, status: 'ACCEPTED' },
      quotes: [],
      selectedQuote: null,
    });

    // A guarantor officer sees the OPEN request, even though the matching and enterprise services do not serve it the match.
    const seenByG1 = (await requestsAs(g1.token, 'OPEN')).find((r) => r.id === opened.id);
    expect(seenByG1).toMatchObject({ id: opened.id, match: { id: matchId }, demand: { id: demandId } });
    // What a guarantor needs to price the guarantee comes from the guarantee service's own copies.
    const detail = await gql(
      `query { guaranteeRequests(status: OPEN, first: 100){ edges { node { id match { id status offer { amount annualRate termMonths allInAnnualRate } } demand { id amount termMonths purpose collateral needsGuarantee status } } } } }`,
      {},
      g1.token,
    );
    expect(detail.errors).toBeUndefined();
    const node = detail
      .data!.guaranteeRequests.edges.map((e: { node: { id: string } }) => e.node)
      .find((n: { id: string }) => n.id === opened.id);
    expect(node).toMatchObject({
      match: { id: matchId, status: 'ACCEPTED', offer: { amount: 4_000_000, annualRate: 3.6, termMonths: 12 } },
      demand: { id: demandId, amount: 5_000_000, termMonths: 12, purpose: 'WORKING_CAPITAL', collateral: 'CREDIT', needsGuarantee: true },
    });

    // 企业画像 access (authorised by the enterprise service): the bank with the match may read the
    // enterprise, another bank may not; a guarantor with no request of its own (none quoted yet) may not.
    const otherBank = await createOfficer(admin, 'BANK_OFFICER');
    expect(await enterpriseAs(bank.token, ent.enterpriseId)).toMatchObject({ id: ent.enterpriseId });
    expect(errorCode(await gql(ENTERPRISE, { id: ent.enterpriseId }, otherBank.token))).toBe('FORBIDDEN');
    expect(errorCode(await gql(ENTERPRISE, { id: ent.enterpriseId }, g1.token))).toBe('FORBIDDEN');

    // Who may quote, and what.
    const good = { feeRate: 0.9, coverageRatio: 80, conditions: '需提供反担保' };
    expect(errorCode(await gql(QUOTE, { id: opened.id, input: good }, bank.token))).toBe('FORBIDDEN');
    expect(errorCode(await gql(QUOTE, { id: opened.id, input: good }, ent.token))).toBe('FORBIDDEN');
    expect(errorCode(await gql(QUOTE, { id: opened.id, input: { ...good, feeRate: 5 } }, g1.token))).toBe('POLICY_VIOLATION');
    // A refused quote writes nothing.
    expect((await requestsAs(ent.token)).find((r) => r.id === opened.id)!.quotes).toEqual([]);
    expect(errorCode(await gql(QUOTE, { id: opened.id, input: { ...good, feeRate: 11 } }, g1.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(QUOTE, { id: opened.id, input: { ...good, coverageRatio: 0 } }, g1.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(QUOTE, { id: opened.id, input: { ...good, conditions: 'x'.repeat(2001) } }, g1.token))).toBe(
      'BAD_USER_INPUT',
    );
    expect(errorCode(await gql(QUOTE, { id: 'no-such-request', input: good }, g1.token))).toBe('NOT_FOUND');

    const first = await gql(QUOTE, { id: opened.id, input: { ...good, feeRate: 1.2 } }, g1.token);
    expect(first.errors).toBeUndefined();
    expect(first.data!.submitGuaranteeQuote).toMatchObject({ feeRate: 1.2, coverageRatio: 80, guarantor: { id: g1.institutionId } });
    // A second quote from the same institution replaces its first.
    const replaced = (await gql(QUOTE, { id: opened.id, input: good }, g1.token)).data!.submitGuaranteeQuote as QuoteView;
    const rival = (await gql(QUOTE, { id: opened.id, input: { feeRate: 1.0, coverageRatio: 70 } }, g2.token)).data!
      .submitGuaranteeQuote as QuoteView;

    const mine = (await requestsAs(ent.token)).find((r) => r.id === opened.id)!;
    expect(mine.quotes.map((q) => q.id).sort()).toEqual([replaced.id, rival.id].sort());
    expect(mine.quotes.find((q) => q.id === replaced.id)).toMatchObject({
      feeRate: 0.9,
      conditions: '需提供反担保',
      guarantor: { id: g1.institutionId },
    });
    // Guarantors do not see each other's fees.
    expect((await requestsAs(g2.token)).find((r) => r.id === opened.id)!.quotes.map((q) => q.id)).toEqual([rival.id]);

    // Having quoted, g1 and g2 have a guarantee request with the enterprise: the enterprise service
    // learns it from guarantee.quoted (eventually) and lets their officers read the enterprise and the demand.
    for (const g of [g1, g2]) {
      await waitFor(async () => (await gql(ENTERPRISE, { id: ent.enterpriseId }, g.token)).data?.enterprise?.id === ent.enterpriseId, {
        timeoutMs: 30_000,
        intervalMs: 200,
        message: 'a quoting guarantor to read the enterprise',
      });
      const d = await gql('query($id:ID!){ demand(id:$id){ id enterprise { id } } }', { id: demandId }, g.token);
      expect(d.data!.demand).toEqual({ id: demandId, enterprise: { id: ent.enterpriseId } });
    }
    expect(errorCode(await gql(ENTERPRISE, { id: ent.enterpriseId }, g3.token))).toBe('FORBIDDEN');

    // Only the owning enterprise selects.
    const stranger = await registerEnterprise();
    expect(errorCode(await gql(SELECT, { id: replaced.id }, stranger.token))).toBe('FORBIDDEN');
    expect(errorCode(await gql(SELECT, { id: replaced.id }, bank.token))).toBe('FORBIDDEN');
    expect(errorCode(await gql(SELECT, { id: replaced.id }, g1.token))).toBe('FORBIDDEN');
    expect(errorCode(await gql(SELECT, { id: first.data!.submitGuaranteeQuote.id }, ent.token))).toBe('NOT_FOUND');

    const selected = await gql(SELECT, { id: replaced.id }, ent.token);
    expect(selected.errors).toBeUndefined();
    expect(selected.data!.selectGuaranteeQuote).toMatchObject({
      id: opened.id,
      status: 'SELECTED',
      selectedQuote: { id: replaced.id, feeRate: 0.9 },
    });
    // Selecting the same quote again changes nothing; another one is a conflict, and so is a late quote.
    expect((await gql(SELECT, { id: replaced.id }, ent.token)).data!.selectGuaranteeQuote.status).toBe('SELECTED');
    expect(errorCode(await gql(SELECT, { id: rival.id }, ent.token))).toBe('CONFLICT');
    expect(errorCode(await gql(QUOTE, { id: opened.id, input: good }, g3.token))).toBe('CONFLICT');

    // After selection the quoting guarantors still see it; one that never quoted does not.
    expect((await requestsAs(g2.token, 'SELECTED')).map((r) => r.id)).toContain(opened.id);
    expect((await requestsAs(g3.token)).map((r) => r.id)).not.toContain(opened.id);
    expect((await requestsAs(stranger.token)).map((r) => r.id)).not.toContain(opened.id);
    expect((await requestsAs(admin, 'SELECTED')).map((r) => r.id)).toContain(opened.id);
    expect(errorCode(await gql(LIST, {}, bank.token))).toBe('FORBIDDEN');
    // A guarantor whose quote was refused or came too late still has no request with the enterprise.
    expect(errorCode(await gql(ENTERPRISE, { id: ent.enterpriseId }, g3.token))).toBe('FORBIDDEN');
  });

  it('opens no request for an accepted match that needs no guarantee', async () => {
    const bank = await createOfficer(admin, 'BANK_OFFICER');
    const industry = `无担保-${Date.now()}`;
    const ent = await registerEnterprise({ industry });
    const product = await publishProduct(bank.token, { industries: [industry] });
    const demand = await postDemand(ent.token, { needsGuarantee: false });
    const [m] = await waitForMatches(ent.token, demand.id, [product], (x) => x.length === 1, 'match');
    await gql('mutation($id:ID!){ respondToMatch(matchId:$id, interested:true){ id } }', { id: m!.id }, bank.token);
    await gql(
      'mutation($id:ID!,$input:OfferInput!){ makeOffer(matchId:$id, input:$input){ id } }',
      { id: m!.id, input: { amount: 4_000_000, annualRate: 3.6, termMonths: 12 } },
      bank.token,
    );
    expect((await gql('mutation($id:ID!){ acceptOffer(matchId:$id){ status } }', { id: m!.id }, ent.token)).data?.acceptOffer.status).toBe(
      'ACCEPTED',
    );
    // A guarantee-needing match accepted afterwards by the same consumer proves this one was processed.
    const other = await acceptedMatchNeedingGuarantee();
    await waitFor(async () => (await requestsAs(other.ent.token)).find((r) => r.match.id === other.matchId), {
      timeoutMs: 30_000,
      message: 'later request opened',
    });
    expect(await requestsAs(ent.token)).toEqual([]);
  });
});

describe('the district policy', () => {
  it('is readable by anyone signed in, and by no one else', async () => {
    const [ent, bank, guarantor] = await Promise.all([
      registerEnterprise(),
      createOfficer(admin, 'BANK_OFFICER'),
      createOfficer(admin, 'GUARANTOR_OFFICER'),
    ]);
    for (const token of [ent.token, bank.token, guarantor.token, admin]) {
      const r = await gql(`{ policy { ${POLICY_FIELDS} } }`, {}, token);
      expect(r.errors).toBeUndefined();
      const p = r.data!.policy;
      expect(p.riskShareGuarantor + p.riskShareBank + p.riskShareGovernment).toBeCloseTo(100, 6);
      expect(p.guaranteeFeeRateTarget).toBeLessThanOrEqual(p.guaranteeFeeRateCap);
    }
    expect(errorCode(await gql('{ policy { guaranteeFeeRateCap } }'))).toBe('UNAUTHENTICATED');
    // The history is the finance centre's.
    expect(errorCode(await gql('{ policy { history { at } } }', {}, ent.token))).toBe('FORBIDDEN');
  });

  it('is set by the finance centre only, keeps the shares at 100, and keeps its history', async () => {
    const [ent, bank, guarantor] = await Promise.all([
      registerEnterprise(),
      createOfficer(admin, 'BANK_OFFICER'),
      createOfficer(admin, 'GUARANTOR_OFFICER'),
    ]);
    for (const token of [ent.token, bank.token, guarantor.token]) {
      expect(errorCode(await gql(SET_POLICY, { input: { bankResponseSlaHours: 24 } }, token))).toBe('FORBIDDEN');
    }
    expect(errorCode(await gql(SET_POLICY, { input: { riskShareGuarantor: 60, riskShareBank: 20, riskShareGovernment: 30 } }, admin))).toBe(
      'BAD_USER_INPUT',
    );
    expect(errorCode(await gql(SET_POLICY, { input: { bankResponseSlaHours: 721 } }, admin))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(SET_POLICY, { input: { guaranteeFeeRateCap: 0 } }, admin))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(SET_POLICY, { input: { guaranteeFeeRateTarget: 9 } }, admin))).toBe('BAD_USER_INPUT');

    const me = (await gql<{ me: { id: string } }>('{ me { id } }', {}, admin)).data!.me.id;
    try {
      const set = await gql(
        SET_POLICY,
        { input: { ...DEFAULTS, riskShareGuarantor: 40, riskShareBank: 25, riskShareGovernment: 35, bankResponseSlaHours: 48 } },
        admin,
      );
      expect(set.errors).toBeUndefined();
      expect(set.data!.setPolicy).toMatchObject({
        riskShareGuarantor: 40,
        riskShareBank: 25,
        riskShareGovernment: 35,
        bankResponseSlaHours: 48,
        guaranteeFeeRateCap: 1.5,
        guaranteeFeeRateTarget: 1,
      });
      // A partial update keeps the rest.
      const partial = await gql(SET_POLICY, { input: { bankResponseSlaHours: 36 } }, admin);
      expect(partial.data!.setPolicy).toMatchObject({ riskShareGuarantor: 40, bankResponseSlaHours: 36 });

      const history = await gql('{ policy { history { changedBy at changes { field from to } } } }', {}, admin);
      expect(history.errors).toBeUndefined();
      const [latest, previous] = history.data!.policy.history as {
        changedBy: string;
        changes: { field: string; from: number; to: number }[];
      }[];
      expect(latest).toMatchObject({ changedBy: me, changes: [{ field: 'bankResponseSlaHours', from: 48, to: 36 }] });
      expect(previous!.changedBy).toBe(me);
      expect(previous!.changes).toEqual(
        expect.arrayContaining([
          { field: 'riskShareGuarantor', from: expect.any(Number), to: 40 },
          { field: 'riskShareBank', from: expect.any(Number), to: 25 },
          { field: 'riskShareGovernment', from: expect.any(Number), to: 35 },
          { field: 'bankResponseSlaHours', from: expect.any(Number), to: 48 },
        ]),
      );
    } finally {
      // Other test files rely on the defaults (fee target 1.0, cap 1.5).
      const restored = await gql(SET_POLICY, { input: DEFAULTS }, admin);
      expect(restored.data!.setPolicy).toMatchObject(DEFAULTS);
    }
  });
});
