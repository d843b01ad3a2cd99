// The signed-in user (token + role), kept in localStorage so a reload stays signed in.
import { createContext, useContext } from 'react';
import type { Role } from './gql/generated';

export interface SessionUser {
  id: string;
  email: string;
  role: Role;
  orgId?: string | null;
}
export interface Session {
  token: string;
  user: SessionUser;
  /** When the console received the token (ms): the renewal schedule's start when the token has no iat. */
  receivedAt?: number;
  /** A reset password must be changed first (me.mustChangePassword, or an operation refused for it). */
  mustChangePassword?: boolean;
}

/** localStorage key; other tabs follow it (a renewal or a sign-out in one tab reaches the others). */
export const SESSION_KEY = 'yinqi.session';
const KEY = SESSION_KEY;
export function loadSession(): Session | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}
export function saveSession(s: Session | null) {
  if (s) localStorage.setItem(KEY, JSON.stringify(s));
  else localStorage.removeItem(KEY);
}

export interface SessionContextValue {
  session: Session;
  /** Ends the session on the server (logout) and here. */
  logout: () => void;
  navigate: (to: string) => void;
  /** After changePassword: the new session replaces the old one (whose other sessions the server ended). */
  passwordChanged: (s: Session) => void;
  /** True until a reset password has been changed: the console shows the change page and nothing else. */
  mustChangePassword: boolean;
}
export const SessionContext = createContext<SessionContextValue | null>(null);
export function useSession() {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside a signed-in page');
  return ctx;
}
