import { checkFundEligibility, scoreFundMatch, type Mandate, type Pitch } from './fund-rules';
import { FundMatcher } from './fund-matcher';

const aMandate = (o: Partial<Mandate> = {}): Mandate => ({
  mandateId: 'm1',
  fundId: 'f1',
  minTicket: 5_000_000,
  maxTicket: 50_000_000,
  eligibleTiers: [],
  industries: [],
  stages: [],
  ...o,
});
const aPitch = (
  o: { amount?: number; tier?: Pitch['enterprise']['tier']; industry?: string; stage?: Pitch['stage']; status?: 'OPEN' | 'CLOSED' } = {},
): Pitch => ({
  round: { roundId: 'r1', enterpriseId: 'e1', amount: o.amount ?? 20_000_000, status: o.status ?? 'OPEN' },
  enterprise: { tier: o.tier ?? 'MUNICIPAL_SRDI', industry: o.industry ?? '智能制造' },
  stage: o.stage === undefined ? 'TUTORING' : o.stage,
});
const failed = (p: Pitch, m: Mandate) =>
  checkFundEligibility(p, m)
    .reasons.filter((r) => !r.passed)
    .map((r) => r.rule);

describe('fund mandate rules', () => {
  it('accepts a ticket at both ends of the range and refuses one yuan outside', () => {
    const m = aMandate();
    expect(checkFundEligibility(aPitch({ amount: 5_000_000 }), m).eligible).toBe(true);
    expect(checkFundEligibility(aPitch({ amount: 50_000_000 }), m).eligible).toBe(true);
    expect(failed(aPitch({ amount: 4_999_999 }), m)).toEqual(['TICKET']);
    expect(failed(aPitch({ amount: 50_000_001 }), m)).toEqual(['TICKET']);
  });

  it('reports every rule with its reason, passed or not', () => {
    const ev = checkFundEligibility(
      aPitch({ amount: 1 }),
      aMandate({ eligibleTiers: ['NATIONAL_LITTLE_GIANT'], industries: ['生物医药'], stages: ['NEEQ_BASIC'] }),
    );
    expect(ev.eligible).toBe(false);
    expect(ev.reasons.map((r) => r.rule)).toEqual(['STATUS', 'TICKET', 'TIER', 'INDUSTRY', 'LISTING_STAGE']);
    expect(ev.reasons.filter((r) => !r.passed).map((r) => r.rule)).toEqual(['TICKET', 'TIER', 'INDUSTRY', 'LISTING_STAGE']);
    for (const r of ev.reasons) expect(r.detail.length).toBeGreaterThan(0);
  });

  it('treats empty lists as any, including an enterprise outside the listing pipeline', () => {
    expect(checkFundEligibility(aPitch({ tier: 'NONE', industry: '五金', stage: null }), aMandate()).eligible).toBe(true);
  });

  it('requires the listed tier, industry and stage when the mandate names them', () => {
    const m = aMandate({
      eligibleTiers: ['MUNICIPAL_SRDI', 'NATIONAL_LITTLE_GIANT'],
      industries: ['智能制造'],
      stages: ['TUTORING', 'NEEQ_BASIC'],
    });
    expect(checkFundEligibility(aPitch(), m).eligible).toBe(true);
    expect(failed(aPitch({ tier: 'INNOVATIVE_SME' }), m)).toEqual(['TIER']);
    expect(failed(aPitch({ industry: '五金' }), m)).toEqual(['INDUSTRY']);
    expect(failed(aPitch({ stage: 'RESERVE' }), m)).toEqual(['LISTING_STAGE']);
    expect(failed(aPitch({ stage: null }), m)).toEqual(['LISTING_STAGE']);
  });

  it('never matches a closed round', () => {
    expect(failed(aPitch({ status: 'CLOSED' }), aMandate())).toEqual(['STATUS']);
  });
});

describe('fund match score', () => {
  it('stays in [0, 100] at the extremes', () => {
    const best = scoreFundMatch(
      aPitch({ amount: 27_500_000, tier: 'SINGLE_CHAMPION', stage: 'LISTED' }),
      aMandate({ eligibleTiers: ['SINGLE_CHAMPION'], industries: ['智能制造'], stages: ['LISTED'] }),
    );
    expect(best).toBe(100);
    const worst = scoreFundMatch(aPitch({ amount: 5_000_000, tier: 'NONE', stage: null }), aMandate());
    expect(worst).toBe(20);
    expect(worst).toBeGreaterThanOrEqual(0);
  });

  it('ranks a centred ticket above an edge one, a higher tier and a later stage higher, and an explicit mandate above an open one', () => {
    const m = aMandate();
    expect(scoreFundMatch(aPitch({ amount: 27_500_000 }), m)).toBeGreaterThan(scoreFundMatch(aPitch({ amount: 49_000_000 }), m));
    expect(scoreFundMatch(aPitch({ tier: 'NATIONAL_LITTLE_GIANT' }), m)).toBeGreaterThan(
      scoreFundMatch(aPitch({ tier: 'INNOVATIVE_SME' }), m),
    );
    expect(scoreFundMatch(aPitch({ stage: 'BSE_FILED' }), m)).toBeGreaterThan(scoreFundMatch(aPitch({ stage: 'RESERVE' }), m));
    expect(scoreFundMatch(aPitch(), aMandate({ industries: ['智能制造'] }))).toBeGreaterThan(scoreFundMatch(aPitch(), m));
  });
});

describe('FundMatcher', () => {
  it('finds only mandates that pass every rule, through the index', () => {
    const matcher = new FundMatcher();
    matcher.putMandate(aMandate({ mandateId: 'any' }));
    matcher.putMandate(aMandate({ mandateId: 'bio', industries: ['生物医药'] }));
    matcher.putMandate(aMandate({ mandateId: 'small', maxTicket: 10_000_000 }));
    matcher.putMandate(aMandate({ mandateId: 'neeq', stages: ['NEEQ_BASIC'] }));
    matcher.putEnterprise('e1', { tier: 'MUNICIPAL_SRDI', industry: '智能制造' });
    matcher.putStage('e1', 'TUTORING', 1);
    matcher.putRound({ roundId: 'r1', enterpriseId: 'e1', amount: 20_000_000, status: 'OPEN' }, 1);
    const pitch = matcher.pitch(matcher.round('r1')!)!;
    expect(matcher.candidatesFor(pitch).map((c) => c.mandate.mandateId)).toEqual(['any']);
    matcher.putStage('e1', 'NEEQ_BASIC', 2);
    expect(
      matcher
        .candidatesFor(matcher.pitch(matcher.round('r1')!)!)
        .map((c) => c.mandate.mandateId)
        .sort(),
    ).toEqual(['any', 'neeq']);
  });

  it('ignores older versions of a round and of a stage (re-delivery)', () => {
    const matcher = new FundMatcher();
    expect(matcher.putRound({ roundId: 'r1', enterpriseId: 'e1', amount: 1, status: 'CLOSED' }, 2)).toBe(true);
    expect(matcher.putRound({ roundId: 'r1', enterpriseId: 'e1', amount: 1, status: 'OPEN' }, 1)).toBe(false);
    expect(matcher.openRoundsOf('e1')).toEqual([]);
    expect(matcher.putStage('e1', 'LISTED', 3)).toBe(true);
    expect(matcher.putStage('e1', 'RESERVE', 1)).toBe(false);
  });
});
