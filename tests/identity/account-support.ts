// Helpers for the accounts and sessions tests: calls with a chosen client address, sign-ins.
import { randomInt } from 'node:crypto';
import { anEmail, gql, type GraphQLResult } from '@yinqi/testing';
import { createInstitution, PASSWORD, signInAdmin } from '../support/actors';

export const url = () => process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql';

/** A documentation-range address (TEST-NET-2/3) of its own, so tests never share a per-address count. */
export const anAddress = () => `198.51.${randomInt(0, 100)}.${randomInt(1, 255)}`;

/** POST /graphql as a caller behind the test run's trusted proxy, from `address`. */
export async function gqlFrom<T = Record<string, any>>(
  address: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<GraphQLResult<T>> {
  const res = await fetch(url(), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json().catch(() => ({}))) as GraphQLResult<T>;
  return { ...body, status: res.status };
}

export const LOGIN =
  'mutation($e:String!,$p:String!){ login(email:$e,password:$p){ token user { id email role disabled mustChangePassword lastLoginAt } } }';
export const ME = '{ me { id email disabled mustChangePassword lockedUntil lastLoginAt } }';

export const login = (email: string, password: string, address = anAddress()) =>
  gqlFrom<{ login: { token: string; user: { id: string } } }>(address, LOGIN, { e: email, p: password });

/** A bank officer with a known password, signed in. */
export async function anOfficer(
  adminToken?: string,
  institutionId?: string,
): Promise<{ id: string; email: string; token: string; admin: string; bankId: string }> {
  const admin = adminToken ?? (await signInAdmin());
  const bank = institutionId ? { id: institutionId } : await createInstitution(admin, 'BANK');
  const email = anEmail('acct');
  const created = await gql<{ createUser: { id: string } }>(
    'mutation($input:CreateUserInput!){ createUser(input:$input){ id } }',
    { input: { email, password: PASSWORD, role: 'BANK_OFFICER', institutionId: bank.id } },
    admin,
  );
  if (!created.data) throw new Error(`createUser failed: ${JSON.stringify(created.errors)}`);
  const r = await login(email, PASSWORD);
  if (!r.data) throw new Error(`login failed: ${JSON.stringify(r.errors)}`);
  return { id: created.data.createUser.id, email, token: r.data.login.token, admin, bankId: bank.id };
}

/** The first replica's URL of a service, from the launcher's <SERVICE>_URL. */
export function serviceUrl(name: string): string {
  const v = process.env[`${name.toUpperCase()}_URL`];
  if (!v) throw new Error(`${name.toUpperCase()}_URL must be set for this test (npm test sets it)`);
  return v.split(',')[0]!;
}
