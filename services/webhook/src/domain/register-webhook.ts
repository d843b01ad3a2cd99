import { randomUUID } from 'node:crypto';
import type { Principal } from '@yinqi/auth';
import type { WebhookRegistrationDto } from '@yinqi/contracts';
import { badInput } from '@yinqi/errors';
import type { ManageDeps } from './deps';
import type { WebhookRecord } from './records';
import { newSigningSecret } from './signing';
import { checkWebhookUrl, UrlRefused } from './url-policy';
import { officer, webhookDto } from './webhook-access';
import { EVENTS_BY_KIND, type WebhookEvent } from './webhook-events';

/** An officer registers a webhook for its institution. Answers the signing secret once; only its sealed form is kept. */
export async function registerWebhook(
  { repo, box, policy, resolve, now }: ManageDeps,
  p: Principal,
  input: { url: string; events: WebhookEvent[] },
): Promise<WebhookRegistrationDto> {
  const { institutionId, kind } = officer(p);
  const events = [...new Set(input.events)];
  if (events.length === 0) throw badInput('events: name at least one event', { field: 'events' });
  const refused = events.filter((e) => !EVENTS_BY_KIND[kind].includes(e));
  if (refused.length) throw badInput(`events: a ${kind.toLowerCase()} may not subscribe to ${refused.join(', ')}`, { field: 'events' });
  try {
    await checkWebhookUrl(input.url, policy, resolve);
  } catch (err) {
    if (err instanceof UrlRefused) throw badInput(err.message, { field: 'url' });
    throw err;
  }
  const secret = newSigningSecret();
  const at = now();
  const record: WebhookRecord = {
    _id: randomUUID(),
    institutionId,
    institutionKind: kind,
    url: input.url,
    events,
    active: true,
    secretSealed: box.seal(secret),
    createdBy: p.userId,
    createdAt: at,
    updatedAt: at,
  };
  await repo.insertWebhook(record);
  return { webhook: webhookDto(record), signingSecret: secret };
}
