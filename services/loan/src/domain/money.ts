/**
 * The one rounding rule for money (人民币元): half-up to whole yuan, symmetric for negatives.
 * The epsilon absorbs binary noise such as 2.4999999999 standing for 2.5.
 */
export function roundYuan(x: number): number {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite amount: ${x}`);
  const sign = x < 0 ? -1 : 1;
  return sign * Math.floor(Math.abs(x) + 0.5 + 1e-9);
}
