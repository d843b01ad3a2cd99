// Keeps the session alive while the officer works: renews the access token at RENEW_AT_SHARE of its
// life, and at once when the window comes back after the computer slept through that moment (timers
// do not run during sleep). The session itself ends at MAX_SESSION_SECONDS or logout: the gateway then
// answers renewToken with UNAUTHENTICATED, and the console signs out.
import { useEffect, useRef } from 'react';
import { ApiError, request } from './api';
import { TypedDocumentString } from './gql/generated';
import type { Session } from './session';
import { RETRY_RENEW_MS, renewDelay, renewalSchedule } from './token-lifetime';

// renewToken is a gateway addition (gateway/schema/identity.graphql), outside the contract SDL codegen reads.
type RenewResult = { renewToken: { token: string; user: Session['user'] } };
const RenewTokenDocument = new TypedDocumentString<RenewResult, Record<string, never>>(
  'mutation RenewToken { renewToken { token user { id email role orgId } } }',
);

/** setTimeout takes a signed 32-bit delay; a longer one would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface RenewalHandlers {
  /** A fresh token for the same session. */
  onRenewed: (s: Session) => void;
  /** The session is over (expired at MAX_SESSION_SECONDS, logged out elsewhere, user disabled). */
  onEnded: () => void;
  /** Renewal refused until the password is changed (the change itself returns a new session). */
  onPasswordChangeRequired: () => void;
}

export function useTokenRenewal(session: Session | null, handlers: RenewalHandlers): void {
  const cbs = useRef(handlers);
  cbs.current = handlers;
  const token = session?.token ?? null;
  const receivedAt = session?.receivedAt;
  useEffect(() => {
    if (!token) return;
    const times = renewalSchedule(token, receivedAt);
    if (!times) return;
    let stopped = false;
    let busy = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = (ms: number) => {
      clearTimeout(timer);
      timer = setTimeout(() => void renew(), Math.min(ms, MAX_TIMER_MS));
    };
    const renew = async () => {
      if (busy || stopped) return;
      busy = true;
      try {
        // quiet: this hook says why the session ended, more precisely than the generic handler would.
        const r = await request(RenewTokenDocument, {}, { token, quiet: true });
        if (!stopped) cbs.current.onRenewed({ token: r.renewToken.token, user: r.renewToken.user, receivedAt: Date.now() });
      } catch (err) {
        if (stopped) return;
        if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') cbs.current.onEnded();
        else if (err instanceof ApiError && err.passwordChangeRequired) cbs.current.onPasswordChangeRequired();
        // Network trouble or a busy service: the token is still good for a while, try again soon.
        else if (Date.now() < times.expiresAt) schedule(RETRY_RENEW_MS);
      } finally {
        busy = false;
      }
    };
    schedule(renewDelay(times, Date.now()));
    const wake = () => {
      if (document.visibilityState === 'visible' && Date.now() >= times.renewAt) void renew();
    };
    window.addEventListener('focus', wake);
    document.addEventListener('visibilitychange', wake);
    return () => {
      stopped = true;
      clearTimeout(timer);
      window.removeEventListener('focus', wake);
      document.removeEventListener('visibilitychange', wake);
    };
  }, [token, receivedAt]);
}
