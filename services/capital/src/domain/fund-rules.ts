import type { EquityRoundStatus, FundMandateSnapshot, ListingStage, Tier } from '@yinqi/contracts';
import { evaluate, listAllows, type Evaluation, type Rule } from '@yinqi/engine';
import { STAGE_LABEL, stageIndex, STAGES } from './listing';
import { yuan } from '@yinqi/engine';

/** An equity round with what matching needs to know of its enterprise. */
export interface Pitch {
  round: { roundId: string; enterpriseId: string; amount: number; status: EquityRoundStatus };
  enterprise: { tier: Tier; industry: string };
  /** The enterprise's listing stage, null when it is not in the listing pipeline. */
  stage: ListingStage | null;
}

export type Mandate = Pick<
  FundMandateSnapshot,
  'mandateId' | 'fundId' | 'minTicket' | 'maxTicket' | 'eligibleTiers' | 'industries' | 'stages'
>;

const TIER_LABEL: Record<Tier, string> = {
  NONE: '未认定',
  INNOVATIVE_SME: '创新型中小企业',
  MUNICIPAL_SRDI: '市级专精特新',
  NATIONAL_LITTLE_GIANT: '国家级专精特新“小巨人”',
  SINGLE_CHAMPION: '制造业单项冠军',
};

/**
 * Round × fund mandate eligibility (股权融资对接), with the same machinery as loans
 * (@yinqi/engine): every rule is evaluated and gives its reason. Empty lists mean "any".
 */
const FUND_RULES: readonly Rule<Pitch, Mandate>[] = [
  {
    name: 'STATUS',
    check: ({ round }) => ({ passed: round.status === 'OPEN', detail: round.status === 'OPEN' ? '融资轮次开放中' : '融资轮次已关闭' }),
  },
  {
    name: 'TICKET',
    check: ({ round }, m) => ({
      passed: m.minTicket <= round.amount && round.amount <= m.maxTicket,
      detail: `融资金额 ${yuan(round.amount)}，基金单笔投资 ${yuan(m.minTicket)}–${yuan(m.maxTicket)}`,
    }),
  },
  {
    name: 'TIER',
    check: ({ enterprise }, m) => ({
      passed: listAllows(m.eligibleTiers, enterprise.tier),
      detail:
        m.eligibleTiers.length === 0
          ? '基金不限企业梯度'
          : `企业梯度：${TIER_LABEL[enterprise.tier]}；基金面向：${m.eligibleTiers.map((t) => TIER_LABEL[t]).join('、')}`,
    }),
  },
  {
    name: 'INDUSTRY',
    check: ({ enterprise }, m) => ({
      passed: listAllows(m.industries, enterprise.industry),
      detail: m.industries.length === 0 ? '基金不限行业' : `企业行业：${enterprise.industry}；基金面向：${m.industries.join('、')}`,
    }),
  },
  {
    name: 'LISTING_STAGE',
    check: ({ stage }, m) => {
      const label = stage ? STAGE_LABEL[stage] : '未进入上市后备库';
      if (m.stages.length === 0) return { passed: true, detail: `基金不限上市阶段（企业：${label}）` };
      return {
        passed: stage !== null && m.stages.includes(stage),
        detail: `企业上市阶段：${label}；基金面向：${m.stages.map((s) => STAGE_LABEL[s]).join('、')}`,
      };
    },
  },
];

export function checkFundEligibility(pitch: Pitch, mandate: Mandate): Evaluation {
  return evaluate(FUND_RULES, pitch, mandate);
}

/** The index dimension value of "not in the pipeline": only mandates open to any stage accept it. */
const NO_STAGE = '-';

/** Categorical dimensions for the BitsetIndex over mandates (ticket range is checked after). */
export const mandateDimensions = (m: Mandate) => ({ tier: m.eligibleTiers, industry: m.industries, stage: m.stages });
export const pitchDimensions = (p: Pitch) => ({ tier: p.enterprise.tier, industry: p.enterprise.industry, stage: p.stage ?? NO_STAGE });

const TIER_POINTS: Record<Tier, number> = {
  NONE: 0,
  INNOVATIVE_SME: 5,
  MUNICIPAL_SRDI: 10,
  NATIONAL_LITTLE_GIANT: 15,
  SINGLE_CHAMPION: 20,
};
const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/**
 * Score in [0, 100]; higher is a better fit for the fund. Four parts:
 * - ticket fit, 40: 40 when the round's amount sits at the centre of the mandate's ticket range,
 *   falling linearly to 20 at either end (40 when min = max);
 * - targeting, 30: 10 for each of tiers, industries and stages the mandate names explicitly and
 *   the round meets (a mandate written for this kind of company);
 * - tier, 20: NONE 0, INNOVATIVE_SME 5, MUNICIPAL_SRDI 10, NATIONAL_LITTLE_GIANT 15, SINGLE_CHAMPION 20;
 * - listing progress, 10: 0 outside the pipeline, then 10 × stage index ÷ 5 (RESERVE 0 … LISTED 10).
 * Rounded to one decimal. Only eligible pairs are scored.
 */
export function scoreFundMatch(pitch: Pitch, m: Mandate): number {
  const mid = (m.minTicket + m.maxTicket) / 2;
  const half = (m.maxTicket - m.minTicket) / 2;
  const ticket = half === 0 ? 40 : 40 - 20 * clamp01(Math.abs(pitch.round.amount - mid) / half);
  const targeting = 10 * [m.eligibleTiers, m.industries, m.stages].filter((l) => l.length > 0).length;
  const tier = TIER_POINTS[pitch.enterprise.tier];
  const progress = pitch.stage === null ? 0 : (10 * stageIndex(pitch.stage)) / (STAGES.length - 1);
  return Math.round((ticket + targeting + tier + progress) * 10) / 10;
}
