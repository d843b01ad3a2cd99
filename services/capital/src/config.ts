import { loadConfig, z } from '@yinqi/config';
import { DEFAULT_LISTING_REWARDS, parseListingRewards, type RewardTable } from './domain/listing';

/** Settings of the capital service beyond what every service shares (service-kit). */
const capitalEnvSchema = z.object({
  /**
   * Staged listing rewards (item 32, 上市分阶段奖励) in yuan per stage, as JSON, e.g.
   * `{"TUTORING":500000,"LISTED":3000000}`; stages not named keep their default (README).
   */
  CAPITAL_LISTING_REWARDS: z.string().default('{}'),
  /** How long a command waits for an enterprise it has not heard of yet (its registration event may lag). */
  CAPITAL_ENTERPRISE_WAIT_MS: z.coerce.number().int().min(0).max(30_000).default(5_000),
});

export interface CapitalConfig {
  rewards: RewardTable;
  enterpriseWaitMs: number;
}

export function loadCapitalConfig(env: NodeJS.ProcessEnv = process.env): CapitalConfig {
  const raw = loadConfig(capitalEnvSchema, env);
  let rewards: RewardTable;
  try {
    rewards = parseListingRewards(raw.CAPITAL_LISTING_REWARDS, DEFAULT_LISTING_REWARDS);
  } catch (err) {
    throw new Error(`CAPITAL_LISTING_REWARDS: ${(err as Error).message}`);
  }
  return { rewards, enterpriseWaitMs: raw.CAPITAL_ENTERPRISE_WAIT_MS };
}
