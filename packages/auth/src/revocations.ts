import type { RevokedSessions } from './tokens';

/**
 * Sessions ended before their tokens expired, as one process knows them (fed from identity's
 * `session.ended` events). A session is kept only until the last token it could have produced
 * expires (`until`): after that the token's own `exp` refuses it, so memory holds only sessions
 * ended within the last MAX_SESSION_SECONDS + token lifetime.
 */
export class SessionRevocations implements RevokedSessions {
  private readonly ended = new Map<string, number>();
  private readonly listeners = new Set<(sessionId: string, userId: string) => void>();
  private lastSweep = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Records an ended session; `untilMs` is when its last possible token expires. */
  add(sessionId: string, userId: string, untilMs: number): void {
    const t = this.now();
    if (untilMs <= t) return; // replayed from long ago: its tokens are expired anyway
    this.ended.set(sessionId, Math.max(untilMs, this.ended.get(sessionId) ?? 0));
    for (const l of this.listeners) l(sessionId, userId);
    if (t - this.lastSweep > 60_000) this.sweep();
  }

  isRevoked(sessionId: string): boolean {
    const until = this.ended.get(sessionId);
    return until !== undefined && until > this.now();
  }

  /** Called for every session that ends from now on (the gateway closes that session's SSE streams). */
  onEnded(listener: (sessionId: string, userId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get size(): number {
    return this.ended.size;
  }

  sweep(): void {
    const t = this.now();
    this.lastSweep = t;
    for (const [sid, until] of this.ended) if (until <= t) this.ended.delete(sid);
  }
}
