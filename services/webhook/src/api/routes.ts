import { Router } from 'express';
import { notFound } from '@yinqi/errors';
import { parseInput, personPrincipalOf as principalOf, route } from '@yinqi/http';
import type { ManageDeps } from '../domain/deps';
import { listDeliveries } from '../domain/list-deliveries';
import { listWebhooks } from '../domain/list-webhooks';
import { redeliverWebhook } from '../domain/redeliver-webhook';
import { registerWebhook } from '../domain/register-webhook';
import { setWebhookActive } from '../domain/set-webhook-active';
import { activeSchema, deliveriesQuerySchema, registerSchema } from '../domain/schemas';

/**
 * Internal REST API; only the gateway calls it, with the caller's token. Every use-case authorises
 * itself; webhook management is never open to an API client's token (FORBIDDEN).
 */
export function webhookRoutes(deps: ManageDeps): Router {
  const r = Router();
  const id = (v: string | undefined) => v ?? '';
  r.get(
    '/webhooks',
    route(async (req) => listWebhooks(deps, principalOf(req))),
  );
  r.post(
    '/webhooks',
    route(async (req) => registerWebhook(deps, principalOf(req), parseInput(registerSchema, req.body))),
  );
  r.post(
    '/webhooks/:id/active',
    route(async (req) => setWebhookActive(deps, principalOf(req), id(req.params.id), parseInput(activeSchema, req.body).active)),
  );
  r.get(
    '/webhook-deliveries',
    route(async (req) => {
      const p = principalOf(req);
      const q = deliveriesQuerySchema.safeParse(req.query);
      // A webhook id that is not even an id names no webhook of the caller's.
      if (!q.success && q.error.issues.some((i) => i.path[0] === 'webhookId')) throw notFound('Webhook');
      const parsed = parseInput(deliveriesQuerySchema, req.query);
      return listDeliveries(deps, p, parsed);
    }),
  );
  r.post(
    '/webhook-deliveries/:id/redeliver',
    route(async (req) => redeliverWebhook(deps, principalOf(req), id(req.params.id))),
  );
  return r;
}
