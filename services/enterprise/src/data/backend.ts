import type { Connection } from '@yinqi/db';

const known = new WeakMap<object, Promise<boolean>>();

/**
 * Whether the database behind this connection is FerretDB (it answers buildInfo with
 * `ferretdbVersion`; MongoDB does not). Asked once per connection. On FerretDB 1.24 only a bare
 * `{_id}` filter is served by an index, so version-checked writes read the version by `_id`
 * first (under the document lock) instead of filtering on `{_id, version}`, which would scan the
 * collection; on MongoDB the atomic `{_id, version}` filter is kept.
 */
export function isFerretDb(db: Connection): Promise<boolean> {
  let p = known.get(db);
  if (!p) {
    p = (async () => {
      const info = (await db.db!.admin().command({ buildInfo: 1 })) as { ferretdbVersion?: unknown };
      return info.ferretdbVersion !== undefined;
    })().catch(() => false);
    known.set(db, p);
  }
  return p;
}
