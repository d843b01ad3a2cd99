import type { EnterpriseRepository } from './repository';

/** The event source name every event of this service carries. */
export const SOURCE = 'enterprise';

/** What the enterprise service's use-cases need; main.ts (or a test) supplies it. */
export interface EnterpriseDeps {
  repo: EnterpriseRepository;
  /** Called after a write that stored events, so the relay publishes them now. */
  published: (id?: string) => void;
  /**
   * How long a caller's own profile may take to appear after registerEnterprise returned (the
   * enterprise.registered event is on its way from identity); see own-profile.ts.
   */
  profileWaitMs: number;
  now: () => Date;
  sleep?: ((ms: number) => Promise<void>) | undefined;
}
