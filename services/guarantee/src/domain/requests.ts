import type { Principal } from '@yinqi/auth';
import type { DemandSnapshot, MatchSnapshot } from '@yinqi/contracts';
import { closeForGoneMatch } from './close-request';
import { withDefaults, type RequestDeps } from './deps';
import { expireDue } from './expire-requests';
import { openRequest } from './open-request';
import { getRequest, listRequests } from './read-requests';
import type { QuoteInput } from './schemas';
import { selectQuote } from './select-quote';
import { submitQuote } from './submit-quote';

/** Every guarantee-request use case bound to one set of dependencies: the object routes, consumers and the sweep call. */
export function requestUseCases(input: RequestDeps) {
  const deps = withDefaults(input);
  return {
    /**
     * Keeps our demand copy current; re-delivery and old versions change nothing. Requests read
     * it by id when shown (request-dto.ts), so no request document is written here: a write to a request
     * outside its document lock could undo a concurrent command on FerretDB.
     */
    onDemand: async (d: DemandSnapshot, version: number): Promise<void> => {
      await deps.repo.saveDemand(d, version);
    },
    onMatchAccepted: (m: MatchSnapshot, matchVersion: number) => openRequest(deps, m, matchVersion),
    onMatchGone: (m: MatchSnapshot, matchVersion: number, why: string) => closeForGoneMatch(deps, m, matchVersion, why),
    expireDue: (batch?: number) => expireDue(deps, batch),
    list: (p: Principal, status: string | undefined, page: { first?: unknown; after?: unknown }) => listRequests(deps, p, status, page),
    get: (p: Principal, id: string) => getRequest(deps, p, id),
    submitQuote: (p: Principal, requestId: string, quoteInput: QuoteInput) => submitQuote(deps, p, requestId, quoteInput),
    selectQuote: (p: Principal, quoteId: string) => selectQuote(deps, p, quoteId),
  };
}
export type RequestUseCases = ReturnType<typeof requestUseCases>;
