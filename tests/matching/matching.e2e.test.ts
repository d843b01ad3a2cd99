import { ELIGIBILITY_RULES, errorCode, gql } from '@yinqi/testing';
import { createOfficer, registerEnterprise, signInAdmin } from '../support/actors';
import { certify, MATCH_FIELDS, matchesOf, postDemand, publishProduct, waitForMatches, withProduct } from './journey';

let admin: string;
beforeAll(async () => {
  admin = await signInAdmin();
});

const RESPOND = `mutation($id:ID!,$i:Boolean!,$r:String){ respondToMatch(matchId:$id, interested:$i, reason:$r){ ${MATCH_FIELDS} } }`;
const OFFER = `mutation($id:ID!,$input:OfferInput!){ makeOffer(matchId:$id, input:$input){ ${MATCH_FIELDS} } }`;
const ACCEPT = `mutation($id:ID!){ acceptOffer(matchId:$id){ ${MATCH_FIELDS} } }`;

describe('matchmaking through the gateway', () => {
  it('matches a new demand with eligible products only, with a score and a reason for every rule', async () => {
    const bank = await createOfficer(admin, 'BANK_OFFICER');
    const industry = `五金-${Date.now()}`; // an industry no other test uses, so only our products can match
    const ent = await registerEnterprise({ industry });
    await certify(admin, ent.enterpriseId, 'MUNICIPAL_SRDI', true);
    const srdi = await publishProduct(bank.token, {
      name: '专精特新贷',
      industries: [industry],
      eligibleTiers: ['MUNICIPAL_SRDI', 'NATIONAL_LITTLE_GIANT'],
      policyTags: ['SRDI_LOAN'],
    });
    const plain = await publishProduct(bank.token, { name: '五金产业贷', industries: [industry], annualRateMin: 4.2 });
    const wrongTier = await publishProduct(bank.token, {
      name: '小巨人专享',
      industries: [industry],
      eligibleTiers: ['NATIONAL_LITTLE_GIANT'],
    });
    const tooSmall = await publishProduct(bank.token, { name: '小微担', industries: [industry], maxAmount: 3_000_000 });

    const demand = await postDemand(ent.token, { amount: 5_000_000, termMonths: 12, maxAnnualRate: 4.5 });
    const ms = await waitForMatches(ent.token, demand.id, [srdi, plain, wrongTier, tooSmall], (x) => x.length >= 2, 'two matches');
    expect(ms.map((m) => m.product.id).sort()).toEqual([srdi.id, plain.id].sort());
    expect(withProduct(ms, wrongTier.id)).toBeUndefined();
    expect(withProduct(ms, tooSmall.id)).toBeUndefined();
    // Policy product with the lower rate ranks first.
    expect(ms[0]!.product.id).toBe(srdi.id);
    expect(ms[0]!.score).toBeGreaterThan(ms[1]!.score);
    for (const m of ms) {
      expect(m.status).toBe('PROPOSED');
      expect(m.score).toBeGreaterThanOrEqual(0);
      expect(m.score).toBeLessThanOrEqual(100);
      expect(m.reasons.map((r) => r.rule)).toEqual(ELIGIBILITY_RULES);
      expect(m.reasons.every((r) => r.passed && r.detail.length > 0)).toBe(true);
      expect(m.bank.id).toBe(bank.institutionId);
    }
  });

  it('runs respond → offer (capped) → accept, rejecting the other matches of the demand', async () => {
    const bankA = await createOfficer(admin, 'BANK_OFFICER');
    const bankB = await createOfficer(admin, 'BANK_OFFICER');
    const industry = `汽摩-${Date.now()}`;
    const ent = await registerEnterprise({ industry });
    await certify(admin, ent.enterpriseId, 'INNOVATIVE_SME', false);
    const pA = await publishProduct(bankA.token, { industries: [industry], maxAmount: 6_000_000 });
    const pB = await publishProduct(bankB.token, { industries: [industry], name: '银政通', policyTags: ['GOV_BANK_GUARANTEE'] });
    const demand = await postDemand(ent.token, { needsGuarantee: true });
    const ms = await waitForMatches(ent.token, demand.id, [pA, pB], (x) => x.length === 2, 'two matches');
    const mA = withProduct(ms, pA.id)!;
    const mB = withProduct(ms, pB.id)!;

    // Bank B sees only its own match in its inbox; bank A cannot act on B's match.
    const inbox = await gql(`{ bankMatches(first: 50) { totalCount edges { node { id status } } } }`, {}, bankB.token);
    expect(inbox.data!.bankMatches.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(mB.id);
    expect(inbox.data!.bankMatches.edges.map((e: { node: { id: string } }) => e.node.id)).not.toContain(mA.id);
    expect(errorCode(await gql(RESPOND, { id: mB.id, i: true }, bankA.token))).toBe('FORBIDDEN');
    expect(errorCode(await gql(RESPOND, { id: mB.id, i: true }, ent.token))).toBe('FORBIDDEN');

    // An offer needs an INTERESTED match.
    const offer = { amount: 5_000_000, annualRate: 3.8, termMonths: 12, conditions: '按月付息' };
    expect(errorCode(await gql(OFFER, { id: mA.id, input: offer }, bankA.token))).toBe('CONFLICT');
    const respondedA = await gql(RESPOND, { id: mA.id, i: true, r: '符合准入' }, bankA.token);
    expect(respondedA.data!.respondToMatch.status).toBe('INTERESTED');
    // Not above the eligibility cap (6,000,000 for pA).
    const over = await gql(OFFER, { id: mA.id, input: { ...offer, amount: 6_000_001 } }, bankA.token);
    expect(errorCode(over)).toBe('BAD_USER_INPUT');
    const offeredA = await gql(OFFER, { id: mA.id, input: offer }, bankA.token);
    expect(offeredA.data!.makeOffer.status).toBe('OFFERED');
    // The demand needs a guarantee: all-in rate = offer rate + the policy's target fee (1.0 by default).
    expect(offeredA.data!.makeOffer.offer.allInAnnualRate).toBeCloseTo(4.8, 6);

    await gql(RESPOND, { id: mB.id, i: true }, bankB.token);
    await gql(OFFER, { id: mB.id, input: { ...offer, annualRate: 3.6 } }, bankB.token);

    // Only the enterprise that posted the demand accepts.
    const stranger = await registerEnterprise();
    expect(errorCode(await gql(ACCEPT, { id: mA.id }, stranger.token))).toBe('FORBIDDEN');
    expect(errorCode(await gql(ACCEPT, { id: mA.id }, bankA.token))).toBe('FORBIDDEN');

    const accepted = await gql(ACCEPT, { id: mB.id }, ent.token);
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.acceptOffer.status).toBe('ACCEPTED');
    const after = await matchesOf(ent.token, demand.id);
    expect(withProduct(after, pA.id)!.status).toBe('REJECTED');
    // Every other open match of the demand (other tests' products may match it too) is rejected.
    expect(after.filter((m) => m.id !== mB.id && ['PROPOSED', 'INTERESTED', 'OFFERED'].includes(m.status))).toEqual([]);
    expect(errorCode(await gql(ACCEPT, { id: mA.id }, ent.token))).toBe('CONFLICT');
  });

  it('leaves exactly one ACCEPTED match when two tabs accept two offers at once', async () => {
    const banks = await Promise.all([
      createOfficer(admin, 'BANK_OFFICER'),
      createOfficer(admin, 'BANK_OFFICER'),
      createOfficer(admin, 'BANK_OFFICER'),
    ]);
    const industry = `光电-${Date.now()}`;
    const ent = await registerEnterprise({ industry });
    const products = await Promise.all(banks.map((b) => publishProduct(b.token, { industries: [industry] })));
    const demand = await postDemand(ent.token);
    const ms = await waitForMatches(ent.token, demand.id, products, (x) => x.length === 3, 'three matches');
    for (const [i, b] of banks.entries()) {
      const m = withProduct(ms, products[i]!.id)!;
      await gql(RESPOND, { id: m.id, i: true }, b.token);
      const o = await gql(OFFER, { id: m.id, input: { amount: 5_000_000, annualRate: 3.5 + i / 10, termMonths: 12 } }, b.token);
      expect(o.errors).toBeUndefined();
    }
    const results = await Promise.all(ms.flatMap((m) => [gql(ACCEPT, { id: m.id }, ent.token), gql(ACCEPT, { id: m.id }, ent.token)]));
    const winners = new Set(results.filter((r) => !r.errors).map((r) => r.data!.acceptOffer.id));
    expect(winners.size).toBe(1);
    expect(results.filter((r) => r.errors).every((r) => errorCode(r) === 'CONFLICT')).toBe(true);
    const mine = new Set(ms.map((m) => m.id));
    const final = (await matchesOf(ent.token, demand.id)).filter((m) => mine.has(m.id));
    expect(final.filter((m) => m.status === 'ACCEPTED')).toHaveLength(1);
    expect(final.filter((m) => m.status === 'REJECTED')).toHaveLength(2);
  });

  it('matches a newly published product against open demands and withdraws unanswered matches when it is suspended', async () => {
    const bank = await createOfficer(admin, 'BANK_OFFICER');
    const industry = `电梯-${Date.now()}`;
    const ent = await registerEnterprise({ industry });
    const demand = await postDemand(ent.token);
    const product = await publishProduct(bank.token, { name: '央行再贷款+', industries: [industry], policyTags: ['RELENDING'] });
    const [m] = await waitForMatches(ent.token, demand.id, [product], (x) => x.length === 1, 'match for the new product');
    expect(m!.product.id).toBe(product.id);

    const suspended = await gql('mutation($id:ID!){ suspendProduct(id:$id){ id status } }', { id: product.id }, bank.token);
    expect(suspended.data!.suspendProduct.status).toBe('SUSPENDED');
    const [w] = await waitForMatches(ent.token, demand.id, [product], (x) => x[0]?.status === 'WITHDRAWN', 'match withdrawn');
    expect(w!.id).toBe(m!.id);
  });

  it('re-evaluates on a tier change: a match that stops being eligible is withdrawn, and comes back when eligible again', async () => {
    const bank = await createOfficer(admin, 'BANK_OFFICER');
    const industry = `锶盐新材料-${Date.now()}`;
    const ent = await registerEnterprise({ industry });
    await certify(admin, ent.enterpriseId, 'NATIONAL_LITTLE_GIANT', true);
    const p = await publishProduct(bank.token, {
      industries: [industry],
      eligibleTiers: ['NATIONAL_LITTLE_GIANT'],
      requiresWhitelist: true,
    });
    const demand = await postDemand(ent.token);
    const [m] = await waitForMatches(ent.token, demand.id, [p], (x) => x[0]?.status === 'PROPOSED', 'match');
    await certify(admin, ent.enterpriseId, 'NATIONAL_LITTLE_GIANT', false);
    const [w] = await waitForMatches(
      ent.token,
      demand.id,
      [p],
      (x) => x[0]?.status === 'WITHDRAWN',
      'withdrawn after losing the white list',
    );
    expect(w!.id).toBe(m!.id);
    await certify(admin, ent.enterpriseId, 'NATIONAL_LITTLE_GIANT', true);
    const [back] = await waitForMatches(ent.token, demand.id, [p], (x) => x[0]?.status === 'PROPOSED', 'proposed again');
    expect(back!.id).toBe(m!.id);
    expect(back!.product.id).toBe(p.id);
  });

  it('withdraws the matches of a withdrawn demand', async () => {
    const bank = await createOfficer(admin, 'BANK_OFFICER');
    const industry = `专用车-${Date.now()}`;
    const ent = await registerEnterprise({ industry });
    const p = await publishProduct(bank.token, { industries: [industry] });
    const demand = await postDemand(ent.token);
    await waitForMatches(ent.token, demand.id, [p], (x) => x.length === 1, 'match');
    await gql('mutation($id:ID!){ withdrawDemand(id:$id){ id status } }', { id: demand.id }, ent.token);
    await waitForMatches(ent.token, demand.id, [p], (x) => x[0]?.status === 'WITHDRAWN', 'withdrawn with its demand');
  });
});
