/** 万元 formatting for reason texts: 5000000 → "500万元". */
export function yuan(amount: number): string {
  if (amount >= 10_000 && amount % 100 === 0) {
    const wan = amount / 10_000;
    return `${Number.isInteger(wan) ? wan : wan.toFixed(2).replace(/0+$/, '')}万元`;
  }
  return `${amount}元`;
}
