import type { Principal } from '@yinqi/auth';
import type { WebhookDto } from '@yinqi/contracts';
import type { ManageDeps } from './deps';
import { officer, webhookDto } from './webhook-access';

/** The webhooks of the caller's institution, newest first. */
export async function listWebhooks({ repo }: ManageDeps, p: Principal): Promise<WebhookDto[]> {
  const { institutionId } = officer(p);
  return (await repo.webhooksOf(institutionId)).map(webhookDto);
}
