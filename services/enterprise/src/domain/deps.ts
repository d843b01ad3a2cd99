import type { EventDefinition } from '@yinqi/contracts';
import { newEvent } from '@yinqi/events';
import type { z } from 'zod';
import type { EnterpriseRepository } from './repository';

/** The event source name every event of this service carries. */
export const SOURCE = 'enterprise';

/** The event that reports a change of one of this service's aggregates, at the version `next` reached. */
export const eventAbout = <S extends z.ZodTypeAny>(
  def: EventDefinition<S>,
  next: { _id: string; version: number },
  occurredAt: Date,
  data: z.input<S>,
) => newEvent(def, { key: next._id, version: next.version, source: SOURCE, occurredAt, data });

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
