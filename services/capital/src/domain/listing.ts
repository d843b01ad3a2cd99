import { LABELS_ZH, LISTING_STAGE, type ListingStage } from '@yinqi/contracts';
import { conflict, type AppError } from '@yinqi/errors';

/** The listing ladder in order: 上市后备资源库 → 辅导备案 → 新三板基础层 → 新三板创新层 → 北交所申报 → 上市. */
export const STAGES: readonly ListingStage[] = LISTING_STAGE.options;

/** The stages' Chinese names, from the platform's one server-side label table. */
export const STAGE_LABEL: Record<ListingStage, string> = LABELS_ZH.listingStage;

export const stageIndex = (s: ListingStage): number => STAGES.indexOf(s);

/**
 * Stages move forward only. Setting the current stage again, or any earlier one, is CONFLICT;
 * skipping forward (e.g. RESERVE → NEEQ_BASIC for a firm already quoted on 新三板 when it enters the
 * pool) is allowed. `current` is null for an enterprise not yet in the pipeline: any stage enters it.
 */
export function checkStageMove(current: ListingStage | null, next: ListingStage): AppError | null {
  if (current === null) return null;
  if (stageIndex(next) <= stageIndex(current)) {
    return conflict(
      next === current
        ? `The enterprise is already at ${next} (${STAGE_LABEL[next]}); stages only move forward`
        : `A step back from ${current} (${STAGE_LABEL[current]}) to ${next} (${STAGE_LABEL[next]}) is not allowed; stages only move forward`,
    );
  }
  return null;
}

/** Reward per stage in yuan (item 32); 0 means the stage earns none. */
export type RewardTable = Record<ListingStage, number>;

/**
 * Defaults, in yuan, modelled on typical district schemes for listing cultivation: nothing for
 * entering the reserve pool, 50万 for 辅导备案, 100万 for 新三板 basic-tier quotation, 50万 more for
 * the innovation tier, 100万 when the 北交所 application is accepted, 300万 on listing.
 */
export const DEFAULT_LISTING_REWARDS: RewardTable = {
  RESERVE: 0,
  TUTORING: 500_000,
  NEEQ_BASIC: 1_000_000,
  NEEQ_INNOVATION: 500_000,
  BSE_FILED: 1_000_000,
  LISTED: 3_000_000,
};

/** Parses the JSON override (stage → whole yuan, 0 … 2e9) over the defaults; throws on anything else. */
export function parseListingRewards(json: string, defaults: RewardTable): RewardTable {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json || '{}');
  } catch {
    throw new Error('not JSON');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('must be a JSON object of stage → yuan');
  const out: RewardTable = { ...defaults };
  for (const [k, v] of Object.entries(parsed)) {
    if (!(STAGES as readonly string[]).includes(k)) throw new Error(`unknown stage ${k}`);
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 2_000_000_000)
      throw new Error(`${k}: must be whole yuan from 0 to 2,000,000,000`);
    out[k as ListingStage] = v;
  }
  return out;
}

/**
 * Stages reached: the current one and every one before it (a firm that skipped a stage has
 * passed it all the same, so its reward is due too).
 */
export function stagesReached(current: ListingStage): ListingStage[] {
  return STAGES.slice(0, stageIndex(current) + 1);
}

/** Rewards reached and not yet paid, in ladder order; stages whose reward is 0 are left out. */
export function rewardsDue(
  current: ListingStage,
  paid: readonly ListingStage[],
  table: RewardTable,
): { stage: ListingStage; amount: number }[] {
  return stagesReached(current)
    .filter((s) => table[s] > 0 && !paid.includes(s))
    .map((s) => ({ stage: s, amount: table[s] }));
}

/** Why a reward cannot be marked paid, or null when it can. */
export function checkRewardPayable(
  current: ListingStage | null,
  stage: ListingStage,
  paid: readonly ListingStage[],
  table: RewardTable,
): AppError | null {
  if (current === null || stageIndex(stage) > stageIndex(current))
    return conflict(`The enterprise has not reached ${stage} (${STAGE_LABEL[stage]}) yet`);
  if (table[stage] <= 0) return conflict(`No reward is configured for ${stage} (${STAGE_LABEL[stage]})`);
  if (paid.includes(stage)) return conflict(`The reward for ${stage} (${STAGE_LABEL[stage]}) is already paid`);
  return null;
}
