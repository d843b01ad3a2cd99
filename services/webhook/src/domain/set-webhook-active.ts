import type { Principal } from '@yinqi/auth';
import type { WebhookDto } from '@yinqi/contracts';
import { notFound } from '@yinqi/errors';
import type { ManageDeps } from './deps';
import { officer, ownWebhook, webhookDto } from './webhook-access';

/** Pauses or resumes a webhook; resuming wakes the dispatcher for the deliveries kept PENDING meanwhile. */
export async function setWebhookActive(deps: ManageDeps, p: Principal, id: string, active: boolean): Promise<WebhookDto> {
  const { institutionId } = officer(p);
  await ownWebhook(deps, p, id);
  const w = await deps.repo.setActive(id, institutionId, active, deps.now());
  if (!w) throw notFound('Webhook');
  if (active) deps.kick();
  return webhookDto(w);
}
