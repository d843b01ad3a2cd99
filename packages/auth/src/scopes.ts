import { forbidden } from '@yinqi/errors';
import type { Principal } from './roles';

/**
 * API scopes (接口权限范围) of the open interface (API-CONTRACT-OPEN.md "API clients"): what a token
 * issued to an institution's API client may do. A token without scopes is a person's.
 */
export type ApiScope =
  | 'MATCHES_READ'
  | 'MATCHES_RESPOND'
  | 'OFFERS_WRITE'
  | 'PRODUCTS_WRITE'
  | 'GUARANTEES_READ'
  | 'GUARANTEES_WRITE'
  | 'LOANS_READ'
  | 'LOANS_WRITE'
  | 'FUND_MATCHES_READ'
  | 'FUND_MATCHES_RESPOND';

export const API_SCOPES: readonly ApiScope[] = [
  'MATCHES_READ',
  'MATCHES_RESPOND',
  'OFFERS_WRITE',
  'PRODUCTS_WRITE',
  'GUARANTEES_READ',
  'GUARANTEES_WRITE',
  'LOANS_READ',
  'LOANS_WRITE',
  'FUND_MATCHES_READ',
  'FUND_MATCHES_RESPOND',
];

/** Which scopes an institution of each kind may give its clients (contract). */
export const SCOPES_OF_KIND: Readonly<Record<'BANK' | 'GUARANTOR' | 'FUND', readonly ApiScope[]>> = {
  BANK: ['MATCHES_READ', 'MATCHES_RESPOND', 'OFFERS_WRITE', 'PRODUCTS_WRITE', 'LOANS_READ', 'LOANS_WRITE'],
  GUARANTOR: ['GUARANTEES_READ', 'GUARANTEES_WRITE'],
  FUND: ['FUND_MATCHES_READ', 'FUND_MATCHES_RESPOND'],
};

/** The role a client token acts with: the officer role of its institution's kind. */
export const ROLE_OF_KIND = { BANK: 'BANK_OFFICER', GUARANTOR: 'GUARANTOR_OFFICER', FUND: 'FUND_OFFICER' } as const;

/**
 * The root operations each scope opens to a client token (contract table). Anything not here is
 * closed to client tokens: account, client and webhook management above all.
 */
export const OPERATION_SCOPES: Readonly<Record<string, ApiScope>> = {
  bankMatches: 'MATCHES_READ',
  demand: 'MATCHES_READ',
  enterprise: 'MATCHES_READ',
  respondToMatch: 'MATCHES_RESPOND',
  makeOffer: 'OFFERS_WRITE',
  publishProduct: 'PRODUCTS_WRITE',
  suspendProduct: 'PRODUCTS_WRITE',
  guaranteeRequests: 'GUARANTEES_READ',
  submitGuaranteeQuote: 'GUARANTEES_WRITE',
  loans: 'LOANS_READ',
  loan: 'LOANS_READ',
  disburseLoan: 'LOANS_WRITE',
  recordRepayment: 'LOANS_WRITE',
  recordFollowUp: 'LOANS_WRITE',
  decideRelief: 'LOANS_WRITE',
  fundMatches: 'FUND_MATCHES_READ',
  respondToFundMatch: 'FUND_MATCHES_RESPOND',
};

/** `matches:read` ⇄ `MATCHES_READ`: the lowercase form of RFC 6749's `scope` parameter. */
export const scopeToWire = (s: ApiScope): string => s.toLowerCase().replace('_', ':');
export function scopeFromWire(s: string): ApiScope | undefined {
  const upper = s.replace(':', '_').toUpperCase();
  return s === scopeToWire(upper as ApiScope) && (API_SCOPES as readonly string[]).includes(upper) ? (upper as ApiScope) : undefined;
}

/** Whether the caller is an API client's token (it carries scopes; a person's token never does). */
export const isClientToken = (p: Principal): boolean => p.scopes !== undefined;

/** A person's token passes; a client token only with `scope`. FORBIDDEN otherwise. */
export function requireScope(p: Principal, scope: ApiScope): Principal {
  if (p.scopes !== undefined && !p.scopes.includes(scope)) throw forbidden(`This API client lacks the ${scope} scope`);
  return p;
}

/** Management a client token may never do (accounts, API clients, webhooks): FORBIDDEN for it. */
export function refuseClientToken(p: Principal): Principal {
  if (p.scopes !== undefined) throw forbidden('API client tokens cannot manage accounts, clients or webhooks');
  return p;
}
