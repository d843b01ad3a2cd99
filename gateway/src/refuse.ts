import type { ServerResponse } from 'node:http';

/** A GraphQL-shaped error answered before GraphQL runs (body limits, idempotency keys); 411/413 close the connection. */
export function refuse(res: ServerResponse, status: number, message: string, code = 'BAD_USER_INPUT'): void {
  res.writeHead(status, { 'content-type': 'application/json', ...(status === 413 || status === 411 ? { connection: 'close' } : {}) });
  res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}
