// Tampering with the stored trail behind the platform's back (straight in the audit service's
// database) is caught by verifyAuditLog, which names the first broken seq. Solo: it breaks the
// chain on purpose, which no other file running at the same time should see.
import { createHash } from 'node:crypto';
import { mongoose } from '@yinqi/db';
import { gql } from '@yinqi/testing';
import { signInAdmin } from '../support/actors';
import { auditLog, verifyAuditLog } from './audit-support';

let admin: string;
let conn: mongoose.Connection;
type Stored = { _id: string; [field: string]: unknown };
let entries: mongoose.mongo.Collection<Stored>;

beforeAll(async () => {
  if (!process.env.MONGO_URL || !process.env.YINQI_DB_PREFIX)
    throw new Error('MONGO_URL and YINQI_DB_PREFIX are not set: run this test through npm test');
  admin = await signInAdmin();
  for (let i = 0; i < 6; i += 1) {
    const r = await gql(
      'mutation($input:CreateInstitutionInput!){ createInstitution(input:$input){ id } }',
      { input: { kind: 'BANK', name: `篡改测试银行-${i}` } },
      admin,
    );
    expect(r.errors).toBeUndefined();
  }
  conn = await mongoose
    .createConnection(process.env.MONGO_URL, { dbName: `${process.env.YINQI_DB_PREFIX}_audit`, retryWrites: false })
    .asPromise();
  entries = conn.db!.collection<Stored>('audit_entries');
}, 60_000);
afterAll(() => conn?.close());

/**
 * README "Audit trail": SHA-256 of prevHash followed by the canonical JSON of every field but
 * hash (the id as `id`), keys sorted, `at` as ISO-8601 UTC with milliseconds, absent as null.
 */
function documentedHash(d: Stored): string {
  const fields: Record<string, unknown> = { ...d, id: d._id, at: (d.at as Date).toISOString() };
  delete fields._id;
  delete fields.hash;
  const json = `{${Object.keys(fields)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${JSON.stringify(fields[k] ?? null)}`)
    .join(',')}}`;
  return createHash('sha256')
    .update(`${d.prevHash as string}${json}`)
    .digest('hex');
}

/** A seq in the middle of the chain and the stored document there. */
async function middle() {
  const total = (await auditLog(admin, {}, 1)).totalCount;
  const seq = Math.max(2, Math.floor(total / 2));
  const doc = (await entries.findOne({ seq }))!;
  return { total, seq, doc };
}

describe("verifyAuditLog against an audit database changed behind the platform's back", () => {
  it('reports ok on the clean chain, with every entry checked', async () => {
    const total = (await auditLog(admin, {}, 1)).totalCount;
    expect(await verifyAuditLog(admin)).toEqual({ ok: true, checked: total, firstBrokenSeq: null });
  });

  it('reports the seq of an entry whose field was changed, and ok again once it is put back', async () => {
    const { seq, doc } = await middle();
    await entries.updateOne({ seq }, { $set: { actorRole: 'FINANCE_CENTER', targetId: 'someone-else' } });
    expect(await verifyAuditLog(admin)).toMatchObject({ ok: false, firstBrokenSeq: seq, checked: seq - 1 });
    await entries.replaceOne({ seq }, doc);
    expect((await verifyAuditLog(admin)).ok).toBe(true);
  });

  it('stores hashes that follow the documented rule, recomputed here independently of the service', async () => {
    const all = await entries.find({}).sort({ seq: 1 }).toArray();
    let prev = '0'.repeat(64);
    for (const d of all) {
      expect(d.prevHash).toBe(prev);
      expect(d.hash).toBe(documentedHash(d));
      prev = d.hash as string;
    }
  });

  it('reports a changed entry whose hash was recomputed too, at the next entry (which no longer links to it)', async () => {
    const { seq, doc } = await middle();
    const changed = { ...doc, detail: 'rewritten' };
    await entries.replaceOne({ seq }, { ...changed, hash: documentedHash(changed) });
    expect(await verifyAuditLog(admin)).toMatchObject({ ok: false, firstBrokenSeq: seq + 1 });
    await entries.replaceOne({ seq }, doc);
    expect((await verifyAuditLog(admin)).ok).toBe(true);
  });

  it('reports a removed entry, in the middle or the last one', async () => {
    const { total, seq, doc } = await middle();
    await entries.deleteOne({ seq });
    expect(await verifyAuditLog(admin)).toMatchObject({ ok: false, firstBrokenSeq: seq });
    await entries.insertOne(doc);
    expect((await verifyAuditLog(admin)).ok).toBe(true);

    const last = (await entries.findOne({ seq: total }))!;
    await entries.deleteOne({ seq: total });
    expect(await verifyAuditLog(admin)).toMatchObject({ ok: false, firstBrokenSeq: total });
    await entries.insertOne(last);
    expect((await verifyAuditLog(admin)).ok).toBe(true);
  });

  it('reports an entry slipped in between two others', async () => {
    const { seq, doc } = await middle();
    const forged = { ...doc, _id: '00000000-0000-4000-8000-00000000f0f0', seq: seq + 0.5, action: 'setPolicy' };
    await entries.insertOne(forged);
    expect(await verifyAuditLog(admin)).toMatchObject({ ok: false, firstBrokenSeq: seq + 1 });
    await entries.deleteOne({ _id: forged._id });
    expect((await verifyAuditLog(admin)).ok).toBe(true);
  });
});
