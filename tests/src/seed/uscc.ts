// Deterministic unified social credit codes (统一社会信用代码) for the demo enterprises, so a re-run
// registers the same enterprise, never a second one.
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character of a 17-character body, per GB 32100-2015. */
export function usccCheckChar(body: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += ALPHABET.indexOf(body[i]!) * WEIGHTS[i]!;
  return ALPHABET[(31 - (sum % 31)) % 31]!;
}

/**
 * The demo code of enterprise number `n`: 9 (工商) 1 (企业) 500111 (大足区), then an organisation code
 * "MA6D" + five base-31 digits of n (fictional, never a real register entry).
 */
export function demoUscc(n: number): string {
  let digits = '';
  let rest = n;
  for (let i = 0; i < 5; i += 1) {
    digits = ALPHABET[rest % 31]! + digits;
    rest = Math.floor(rest / 31);
  }
  const body = `91500111MA6D${digits}`;
  return body + usccCheckChar(body);
}
