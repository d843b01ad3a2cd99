import type { TokenService } from '@yinqi/auth';
import type { IdentityRepository, LoginThrottleStore } from './ports';

/** The `source` of the events identity writes. */
export const SOURCE = 'identity';

/** What every identity use-case may need; `main.ts` builds it once. */
export interface IdentityDeps {
  repo: IdentityRepository;
  throttle: LoginThrottleStore;
  tokens: TokenService;
  /** Called after a write that stored events, so the relay publishes them now. */
  published: (id?: string) => void;
  /** A token's lifetime (ACCESS_TOKEN_TTL_SECONDS). */
  ttlSeconds: number;
  /** How long a session may be renewed (MAX_SESSION_SECONDS). */
  maxSessionSeconds: number;
  now: () => Date;
}
