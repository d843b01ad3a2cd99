import type { Principal } from '@yinqi/auth';
import { notFound } from '@yinqi/errors';
import { clientTokenSeconds, openClientSession, ownClient, publicClient, type PublicApiClient } from './api-client-access';
import type { IdentityDeps } from './deps';
import { endSession } from './session-lifecycle';

/** Disabling ends the session of its tokens; enabling again starts a fresh one. */
export async function setApiClientDisabled(deps: IdentityDeps, p: Principal, id: string, disabled: boolean): Promise<PublicApiClient> {
  const { client, institutionId } = await ownClient(deps, p, id);
  if (client.disabled === disabled) return publicClient(client);
  const updated = await deps.repo.updateApiClient(
    id,
    institutionId,
    disabled ? { disabled } : { disabled, sessionId: await openClientSession(deps, id) },
  );
  if (!updated) throw notFound('ApiClient');
  if (disabled) {
    const lastTokenExpires = new Date(deps.now().getTime() + clientTokenSeconds(deps) * 1000);
    await endSession(deps, client.sessionId, client._id, lastTokenExpires, 'CLIENT_DISABLED');
  }
  return publicClient(updated);
}
