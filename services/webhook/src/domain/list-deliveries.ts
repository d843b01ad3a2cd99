import type { Principal } from '@yinqi/auth';
import type { WebhookDeliveryDto } from '@yinqi/contracts';
import type { Page } from '@yinqi/db';
import type { ManageDeps } from './deps';
import type { DeliveryStatus } from './records';
import { deliveryDto, officer, ownWebhook } from './webhook-access';

/** The institution's deliveries, newest first; of one webhook and/or one status when asked. */
export async function listDeliveries(
  deps: ManageDeps,
  p: Principal,
  q: { webhookId?: string | undefined; status?: DeliveryStatus | undefined; first?: unknown; after?: unknown },
): Promise<Page<WebhookDeliveryDto>> {
  const { institutionId } = officer(p);
  if (q.webhookId) await ownWebhook(deps, p, q.webhookId);
  const hooks = new Map((await deps.repo.webhooksOf(institutionId)).map((w) => [w._id, w]));
  const page = await deps.repo.deliveryPage(
    { institutionId, ...(q.webhookId ? { webhookId: q.webhookId } : {}), ...(q.status ? { status: q.status } : {}) },
    { first: q.first, after: q.after },
  );
  return {
    ...page,
    edges: page.edges.flatMap((e) => {
      const w = hooks.get(e.node.webhookId);
      return w ? [{ cursor: e.cursor, node: deliveryDto(e.node, w) }] : [];
    }),
  };
}
