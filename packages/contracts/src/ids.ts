/**
 * The shapes of the ids the platform issues. IDs are opaque to clients, but the services mint
 * only three kinds, and anything else names nothing:
 * - `uuid`: `randomUUID()` — users, enterprises, institutions, demands, products, quotes, equity
 *   rounds, mandates, bond items, roadshows;
 * - `derived`: the first 32 hex digits of a sha256 over the ids it derives from, so a pair can
 *   only ever have one — matches, guarantee requests, loans, fund matches;
 * - `relief`: `<loan id>-<12 hex digits>`, so a relief names its loan.
 * Checking the shape before an id goes anywhere (an internal URL, a query) means an id such as
 * "", "." or ".." can never name a route, only "no such thing".
 */
export const ID_SHAPES = {
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  derived: /^[0-9a-f]{32}$/,
  relief: /^[0-9a-f]{32}-[0-9a-f]{12}$/,
} as const;

export type IdKind = keyof typeof ID_SHAPES;

/** Whether `value` has the shape of an id of `kind` (or, without a kind, of any id the platform issues). */
export function isPlatformId(value: unknown, kind?: IdKind): value is string {
  if (typeof value !== 'string') return false;
  if (kind) return ID_SHAPES[kind].test(value);
  return ID_SHAPES.uuid.test(value) || ID_SHAPES.derived.test(value) || ID_SHAPES.relief.test(value);
}
