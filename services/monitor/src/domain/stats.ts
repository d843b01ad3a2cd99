/** Small statistics used by the dashboard; pure and unit-tested. */

/** The median of `xs` (mean of the two middle values for an even count); null for none. */
export function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Σ(value × weight) / Σ weight; null when the weights add up to nothing. */
export function weightedMean(pairs: readonly { value: number; weight: number }[]): number | null {
  let num = 0;
  let den = 0;
  for (const p of pairs) {
    num += p.value * p.weight;
    den += p.weight;
  }
  return den > 0 ? num / den : null;
}

/** Rounds to `digits` decimals (half away from zero), to keep float noise out of money sums. */
export function round(x: number, digits: number): number {
  // Shift by the decimal exponent, not by multiplying (1.005 × 100 = 100.49999…).
  const shifted = Number(`${Math.abs(x)}e${digits}`);
  if (!Number.isFinite(shifted)) return x;
  return Math.sign(x) * Number(`${Math.round(shifted)}e-${digits}`) || 0;
}

export const HOUR_MS = 3_600_000;

/** A half-open period [from, to); a missing end is unbounded ("all time"). */
export interface Period {
  from: number | null;
  to: number | null;
}

export const ALL_TIME: Period = { from: null, to: null };

export function inPeriod(p: Period, at: number | null | undefined): boolean {
  if (at === null || at === undefined || Number.isNaN(at)) return false;
  return (p.from === null || at >= p.from) && (p.to === null || at < p.to);
}

/**
 * The government's share of an active guaranteed loan's outstanding risk, in yuan (政银担: principal ×
 * the guarantor's coverage % × the government's share %); null for a loan that carries none. The
 * dashboard sums it, the loans export shows it per loan.
 */
export function governmentExposure(l: {
  status: string;
  outstandingPrincipal: number;
  coverageRatio: number | null;
  governmentShare: number | null;
}): number | null {
  return l.status === 'ACTIVE' && l.coverageRatio !== null && l.governmentShare !== null
    ? (l.outstandingPrincipal * l.coverageRatio * l.governmentShare) / 10_000
    : null;
}
