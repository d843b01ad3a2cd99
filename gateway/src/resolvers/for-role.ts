import type { Role } from '@yinqi/auth';
import type { Clients } from '../clients';
import type { GatewayContext } from '../context';

/**
 * A field only callers of `roles` may reach, answered by one service call made with the caller's
 * token: the role is checked first (FORBIDDEN, or UNAUTHENTICATED without a valid token), then the
 * service is asked. Most queries and mutations are exactly this; the service decides the rest.
 */
export function forRole<A, R>(roles: Role[], call: (clients: Clients, token: string, args: A) => R) {
  return (_: unknown, args: A, ctx: GatewayContext): R => {
    ctx.requireRole(...roles);
    return call(ctx.clients, ctx.requireToken(), args);
  };
}
