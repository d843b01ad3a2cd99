import type { SecretBox } from './signing';
import type { WebhookRepository } from './ports';
import type { Resolve, UrlPolicy } from './url-policy';

/** What the officers' webhook use-cases need; `main.ts` builds it once. */
export interface ManageDeps {
  repo: WebhookRepository;
  box: SecretBox;
  policy: UrlPolicy;
  resolve?: Resolve;
  now: () => Date;
  /** Wakes the dispatcher (a redelivery or a re-activated webhook has work now). */
  kick: () => void;
}
