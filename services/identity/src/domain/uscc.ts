/**
 * The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from a
 * 31-character alphabet (no I, O, S, V, Z); the last one is a check character computed from the
 * first 17 with weights 3^i mod 31.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function usccCheckCharacter(first17: string): string | undefined {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    const v = ALPHABET.indexOf(first17[i] ?? '');
    if (v < 0) return undefined;
    sum += v * WEIGHTS[i]!;
  }
  return ALPHABET[(31 - (sum % 31)) % 31];
}

/** Why a code is not a valid USCC, or undefined when it is. */
export function usccProblem(code: string): string | undefined {
  if (code.length !== 18) return 'must be 18 characters';
  if (![...code].every((c) => ALPHABET.includes(c))) return 'contains a character outside 0-9 and A-Y without I, O, S, V, Z';
  if (!/^\d{6}$/.test(code.slice(2, 8))) return 'characters 3 to 8 must be the administrative division code (digits)';
  if (usccCheckCharacter(code.slice(0, 17)) !== code[17]) return 'check character does not match (GB 32100-2015)';
  return undefined;
}
