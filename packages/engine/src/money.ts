/** Money (人民币元) in one place: the rounding rule every amount goes through, and how reason texts show amounts. */

/**
 * The one rounding rule for money (人民币元): half-up to whole yuan, symmetric for negatives.
 * The epsilon absorbs binary noise such as 2.4999999999 standing for 2.5.
 */
export function roundYuan(x: number): number {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite amount: ${x}`);
  const sign = x < 0 ? -1 : 1;
  return sign * Math.floor(Math.abs(x) + 0.5 + 1e-9);
}

/** 万元 formatting for reason texts: 5000000 → "500万元". */
export function yuan(amount: number): string {
  if (amount >= 10_000 && amount % 100 === 0) {
    const wan = amount / 10_000;
    return `${Number.isInteger(wan) ? wan : wan.toFixed(2).replace(/0+$/, '')}万元`;
  }
  return `${amount}元`;
}
