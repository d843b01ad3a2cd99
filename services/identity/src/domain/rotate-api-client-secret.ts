import type { Principal } from '@yinqi/auth';
import type { ApiClientCredentialsDto } from '@yinqi/contracts';
import { notFound } from '@yinqi/errors';
import { clientTokenSeconds, hashSecret, newSecret, openClientSession, ownClient, publicClient } from './api-client-access';
import type { IdentityDeps } from './deps';
import { endSession } from './session-lifecycle';

/**
 * A new secret, and a new session for its tokens: the old secret stops at this write, the
 * tokens it produced when their session's end reaches every process (`session.ended`).
 */
export async function rotateApiClientSecret(deps: IdentityDeps, p: Principal, id: string): Promise<ApiClientCredentialsDto> {
  const { client, institutionId } = await ownClient(deps, p, id);
  const secret = newSecret();
  const updated = await deps.repo.updateApiClient(id, institutionId, {
    secretHash: hashSecret(secret),
    sessionId: await openClientSession(deps, id),
  });
  if (!updated) throw notFound('ApiClient');
  const lastTokenExpires = new Date(deps.now().getTime() + clientTokenSeconds(deps) * 1000);
  await endSession(deps, client.sessionId, client._id, lastTokenExpires, 'CLIENT_SECRET_ROTATED');
  return { client: publicClient(updated), clientSecret: secret };
}
