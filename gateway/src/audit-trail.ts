import { randomUUID } from 'node:crypto';
import { MapperKind, mapSchema } from '@graphql-tools/utils';
import { defaultFieldResolver, getNamedType, GraphQLError, type GraphQLFieldConfig, type GraphQLSchema } from 'graphql';
import type { Principal } from '@yinqi/auth';
import { isAppError } from '@yinqi/errors';
import { currentCorrelationId } from '@yinqi/logger';
import type { AuditRecord } from './clients/audit-client';
import type { GatewayContext } from './context';

/**
 * Mutations recorded whoever calls them (API-CONTRACT-ACCOUNTS.md "Audit trail"), by name: one not
 * in the schema yet (the accounts operations arrive with their own change) is recorded from the
 * moment it is. Every other mutation is recorded when a FINANCE_CENTER caller does it.
 */
export const ALWAYS_AUDITED: ReadonlySet<string> = new Set([
  // accounts and sessions
  'login',
  'logout',
  'changePassword',
  'resetPassword',
  'setUserDisabled',
  'unlockUser',
  'createUser',
  'createInstitution',
  'registerEnterprise',
  // steps that commit money or change a loan
  'makeOffer',
  'acceptOffer',
  'selectGuaranteeQuote',
  'disburseLoan',
  'recordRepayment',
  'requestRelief',
  'decideRelief',
]);

/** Argument and input keys never written to the trail, at any depth. */
const SECRET_KEY = /pass(word)?|secret|token|credential|api_?key|private/i;
const DETAIL_MAX = 2_000;

interface Target {
  type: string;
  id: string | null;
}
type Args = Record<string, unknown>;
type Result = Record<string, unknown> | null | undefined;

const str = (v: unknown): string | null => (typeof v === 'string' || typeof v === 'number' ? String(v) : null);
const resultId = (r: Result) => str(r?.id);
const payloadUser = (r: Result) => (r?.user ?? null) as { id?: string; role?: Principal['role']; orgId?: string | null } | null;

/**
 * What each mutation acted on, where the default (the mutation's result type and the result's id,
 * or for a refused call its first id argument) would name something less useful. `result` is
 * undefined for a refused call.
 */
const TARGETS: Record<string, (args: Args, result: Result, actor: Principal | null) => Target> = {
  login: (_a, r) => ({ type: 'User', id: str(payloadUser(r)?.id) }),
  registerEnterprise: (_a, r) => ({ type: 'Enterprise', id: str(payloadUser(r)?.orgId) }),
  renewToken: (_a, _r, actor) => ({ type: 'User', id: actor?.userId ?? null }),
  changePassword: (_a, _r, actor) => ({ type: 'User', id: actor?.userId ?? null }),
  logout: (_a, _r, actor) => ({ type: 'User', id: actor?.userId ?? null }),
  resetPassword: (a) => ({ type: 'User', id: str(a.userId) }),
  setUserDisabled: (a) => ({ type: 'User', id: str(a.userId) }),
  unlockUser: (a) => ({ type: 'User', id: str(a.userId) }),
  createUser: (_a, r) => ({ type: 'User', id: resultId(r) }),
  createInstitution: (_a, r) => ({ type: 'Institution', id: resultId(r) }),
  certifyEnterprise: (a) => ({ type: 'Enterprise', id: str(a.enterpriseId) }),
  updateEnterpriseProfile: (_a, r, actor) => ({ type: 'Enterprise', id: resultId(r) ?? actor?.orgId ?? null }),
  setListingStage: (a) => ({ type: 'ListingCandidate', id: str(a.enterpriseId) }),
  assignListingCoach: (a) => ({ type: 'ListingCandidate', id: str(a.enterpriseId) }),
  markListingRewardPaid: (a) => ({ type: 'ListingCandidate', id: str(a.enterpriseId) }),
  selectGuaranteeQuote: (a) => ({ type: 'GuaranteeQuote', id: str(a.quoteId) }),
  disburseLoan: (a, r) => (r ? { type: 'Loan', id: resultId(r) } : { type: 'Match', id: str(a.matchId) }),
  requestRelief: (a, r) => (r ? { type: 'Relief', id: resultId(r) } : { type: 'Loan', id: str(a.loanId) }),
  setPolicy: () => ({ type: 'Policy', id: null }),
  setWorkingCalendarYear: (a) => ({ type: 'WorkingCalendarYear', id: str((a.input as Args | undefined)?.year) }),
};

function defaultTarget(returnType: string, args: Args, result: Result): Target {
  const idArg = str(args.id) ?? Object.entries(args).find(([k, v]) => k.endsWith('Id') && typeof v === 'string')?.[1];
  return { type: returnType, id: (result ? resultId(result) : null) ?? str(idArg) };
}

/** The arguments without secrets, as compact JSON, cut to DETAIL_MAX characters. */
export function scrubbedDetail(args: unknown): string | null {
  const scrub = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(scrub);
    if (v && typeof v === 'object')
      return Object.fromEntries(
        Object.entries(v)
          .filter(([k]) => !SECRET_KEY.test(k))
          .map(([k, x]) => [k, scrub(x)]),
      );
    return v;
  };
  const json = JSON.stringify(scrub(args ?? {}));
  if (json === '{}') return null;
  return json.length > DETAIL_MAX ? `${json.slice(0, DETAIL_MAX - 1)}…` : json;
}

const errorCode = (err: unknown): string | undefined => {
  if (isAppError(err)) return err.code;
  if (err instanceof GraphQLError) {
    const original = err.originalError;
    if (isAppError(original)) return original.code;
    return typeof err.extensions?.code === 'string' ? err.extensions.code : undefined;
  }
  return undefined;
};

/** The verified caller, or null (no token, or one that does not verify: not this trail's business). */
async function callerOf(ctx: GatewayContext): Promise<Principal | null> {
  try {
    // awaited: principal() may look the session up asynchronously one day.
    return await Promise.resolve().then(() => ctx.principal());
  } catch {
    return null;
  }
}

/** Where the recorded entries go (audit-recorder.ts). */
export interface TrailSink {
  record(entry: AuditRecord): Promise<void>;
  /** Throws when audited operations must not run now (their entries could not be recorded). */
  gate(): void;
}

const entry = (
  action: string,
  actor: Principal | { userId: string | null; role: Principal['role'] | null; orgId?: string | null } | null,
  target: Target,
  detail: string | null,
): AuditRecord => ({
  id: randomUUID(),
  actorId: actor?.userId ?? null,
  actorRole: actor?.role ?? null,
  actorOrgId: actor?.orgId ?? null,
  action,
  targetType: target.type,
  targetId: target.id,
  correlationId: currentCorrelationId() ?? null,
  detail,
});

/**
 * Wraps every root field: a mutation that succeeds is recorded when it is audited (ALWAYS_AUDITED,
 * or a FINANCE_CENTER caller), after it ran and before its answer leaves; a failed `login` is
 * recorded as `login.failed` (the email in detail, never the password); any query or mutation
 * refused with FORBIDDEN as `<name>.denied`. Results are never written to the trail (they hold
 * tokens and temporary passwords); arguments only without secret keys.
 */
export function withAuditTrail(schema: GraphQLSchema, sink: TrailSink): GraphQLSchema {
  const wrap =
    (kind: 'query' | 'mutation') =>
    (field: GraphQLFieldConfig<unknown, GatewayContext>, name: string): GraphQLFieldConfig<unknown, GatewayContext> => {
      const resolve = field.resolve ?? defaultFieldResolver;
      const returnType = getNamedType(field.type).name;
      const targetOf = (args: Args, result: Result, actor: Principal | null) =>
        (TARGETS[name] ?? ((a: Args, r: Result) => defaultTarget(returnType, a, r)))(args, result, actor);
      return {
        ...field,
        resolve: async (source, args: Args, ctx, info) => {
          // A query needs the caller only when refused; a mutation before it runs (logout ends the session).
          let caller = kind === 'mutation' ? await callerOf(ctx) : null;
          // Every mutation of an API client is recorded, its id as the actor (API-CONTRACT-OPEN.md).
          const audited =
            kind === 'mutation' && (ALWAYS_AUDITED.has(name) || caller?.role === 'FINANCE_CENTER' || caller?.scopes !== undefined);
          let result: Result;
          try {
            if (audited) sink.gate();
            result = (await resolve(source, args, ctx, info)) as Result;
          } catch (err) {
            const code = errorCode(err);
            if (code === 'FORBIDDEN' && kind === 'query') caller = await callerOf(ctx);
            if (code === 'FORBIDDEN')
              await sink.record(
                entry(
                  `${name}.denied`,
                  caller,
                  targetOf(args, undefined, caller),
                  scrubbedDetail({ ...args, reason: (err as Error).message }),
                ),
              );
            else if (name === 'login' && code !== undefined && code !== 'INTERNAL_SERVER_ERROR') {
              await sink.record(entry('login.failed', null, { type: 'User', id: null }, JSON.stringify({ email: str(args.email), code })));
            }
            throw err;
          }
          if (audited) {
            // Signing in or registering: the actor is who signed in (there was no caller before).
            const user = name === 'login' || name === 'registerEnterprise' ? payloadUser(result) : null;
            const actor = user ? { userId: str(user.id), role: user.role ?? null, orgId: user.orgId ?? null } : caller;
            await sink.record(entry(name, actor, targetOf(args, result, caller), scrubbedDetail(args)));
          }
          return result;
        },
      };
    };
  return mapSchema(schema, {
    [MapperKind.QUERY_ROOT_FIELD]: (field, name) => wrap('query')(field as GraphQLFieldConfig<unknown, GatewayContext>, name),
    [MapperKind.MUTATION_ROOT_FIELD]: (field, name) => wrap('mutation')(field as GraphQLFieldConfig<unknown, GatewayContext>, name),
  });
}
