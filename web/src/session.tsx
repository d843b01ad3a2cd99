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
}

const KEY = 'yinqi.session';
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

export const SessionContext = createContext<{ session: Session; logout: () => void; navigate: (to: string) => void } | null>(null);
export function useSession() {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside a signed-in page');
  return ctx;
}
