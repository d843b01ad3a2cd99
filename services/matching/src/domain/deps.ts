import type { Logger } from '@yinqi/logger';
import type { MatchRecord } from './match';
import type { Matcher } from './matcher';
import type { MatchingStore } from './store';

/** What main.ts (or a test) hands the matching use cases. */
export interface MatchingDeps {
  repo: MatchingStore;
  matcher: Matcher;
  logger: Logger;
  published: (ids?: string | string[]) => void;
  /** New matches handed to the outbox relay whole (no read back); defaults to `published(ids)`. */
  publishedInserted?: (records: MatchRecord[]) => void;
  /** The policy's target guarantee fee rate (% a year), used in allInAnnualRate until a quote is selected. */
  guaranteeFeeTarget: () => number;
  /** Called when policy.changed brings a new target fee rate. */
  onPolicyTarget?: (target: number) => void;
  /** The response deadline of a match made at `createdAt` (see response-deadlines.ts). */
  responseDeadline?: (createdAt: Date) => Date | null;
  /** Called when policy.changed or calendar.changed was stored: deadlines are counted anew. */
  onDeadlineRules?: () => void;
  now?: () => Date;
}

/** The dependencies every use case receives, the optional ones filled in. */
export type Deps = Required<MatchingDeps>;

export function withDefaults(deps: MatchingDeps): Deps {
  const { published } = deps;
  return {
    publishedInserted: (records) => published(records.map((r) => r._id)),
    onPolicyTarget: () => undefined,
    responseDeadline: () => null,
    onDeadlineRules: () => undefined,
    now: () => new Date(),
    ...deps,
  };
}
