import type { PolicySnapshot } from '@yinqi/contracts';
import type { Logger } from '@yinqi/logger';
import type { GuaranteeStore } from './store';

/** What main.ts (or a test) hands the guarantee-request use cases. */
export interface RequestDeps {
  repo: GuaranteeStore;
  logger: Logger;
  published: (id?: string) => void;
  policy: () => Promise<PolicySnapshot>;
  ttlHours: number;
  now?: () => Date;
}

/** The dependencies every request use case receives, the clock filled in. */
export type Deps = Required<RequestDeps>;

export const withDefaults = (deps: RequestDeps): Deps => ({ now: () => new Date(), ...deps });

/** What the policy and working-calendar use cases receive: one document each, announced on change. */
export interface SettingsDeps {
  repo: GuaranteeStore;
  logger: Logger;
  published: () => void;
  now?: () => Date;
}

export const settingsWithDefaults = (deps: SettingsDeps): Required<SettingsDeps> => ({ now: () => new Date(), ...deps });
