/** A copy of `keys` of `from` and nothing else, in the order of `keys` (a stored or sent shape keeps its field order). */
export function pickFields<T, K extends keyof T>(from: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const k of keys) out[k] = from[k];
  return out;
}
