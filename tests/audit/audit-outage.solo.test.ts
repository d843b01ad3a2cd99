// When the audit service cannot answer, an audited mutation has already happened downstream: the
// gateway keeps its entry (spool) and pauses every further audited mutation until the entry is
// delivered (gateway/src/audit-recorder.ts). Proven by freezing the audit processes (SIGSTOP: the
// port stays open and nothing answers, the worst kind of outage) and thawing them. Solo: every
// audited mutation of the platform is refused meanwhile.
import { randomUUID } from 'node:crypto';
import { errorCode, gql, waitFor } from '@yinqi/testing';
import { signInAdmin } from '../support/actors';
import { auditLog, verifyAuditLog } from './audit-support';

const CREATE = 'mutation($input:CreateInstitutionInput!){ createInstitution(input:$input){ id name } }';

/** The pids of this stack's audit replicas (the launcher passes every unit's pid). */
function auditPids(): number[] {
  const pids = (process.env.YINQI_STACK_PIDS ?? '')
    .split(',')
    .map((p) => p.split(':'))
    .filter(([name]) => name === 'audit' || /^audit-\d+$/.test(name ?? ''))
    .map(([, pid]) => Number(pid));
  if (pids.length === 0) throw new Error('YINQI_STACK_PIDS names no audit process: run this test through npm test');
  return pids;
}

let admin: string;
let frozen: number[] = [];
beforeAll(async () => {
  admin = await signInAdmin();
}, 30_000);
// Never leave the audit processes frozen, whatever failed.
afterAll(() => {
  for (const pid of frozen) process.kill(pid, 'SIGCONT');
});

describe('an audit service that stops answering', () => {
  it('lets the mutation in flight finish (its entry kept), pauses further audited mutations, and records the kept entry once it is back', async () => {
    frozen = auditPids();
    for (const pid of frozen) process.kill(pid, 'SIGSTOP');

    const nameA = `审计中断测试-A-${randomUUID().slice(0, 6)}`;
    const started = Date.now();
    const a = await gql<{ createInstitution: { id: string } }>(CREATE, { input: { kind: 'BANK', name: nameA } }, admin);
    const heldMs = Date.now() - started;
    // The institution exists: the mutation ran before its record was attempted.
    expect(a.errors).toBeUndefined();
    const idA = a.data!.createInstitution.id;

    // Paused: the next audited mutation is refused before it runs.
    const nameB = `审计中断测试-B-${randomUUID().slice(0, 6)}`;
    const b = await gql(CREATE, { input: { kind: 'BANK', name: nameB } }, admin);
    expect(errorCode(b)).toBe('INTERNAL_SERVER_ERROR');
    expect(b.errors![0]!.message).toMatch(/audit trail is unavailable/);
    const institutions = await gql<{ institutions: { name: string }[] }>('{ institutions(kind: BANK) { name } }', {}, admin);
    expect(institutions.data!.institutions.map((i) => i.name)).not.toContain(nameB);

    for (const pid of frozen) process.kill(pid, 'SIGCONT');
    frozen = [];

    // Back: the kept entry is delivered, and audited mutations run again.
    const c = await waitFor(
      async () => {
        const r = await gql<{ createInstitution: { id: string } }>(
          CREATE,
          { input: { kind: 'BANK', name: `审计中断测试-C-${randomUUID().slice(0, 6)}` } },
          admin,
        );
        return r.data?.createInstitution;
      },
      { timeoutMs: 30_000, intervalMs: 250, message: 'audited mutations did not resume after the audit service came back' },
    );
    for (const id of [idA, c.id]) expect((await auditLog(admin, { action: 'createInstitution', targetId: id })).totalCount).toBe(1);
    expect((await verifyAuditLog(admin)).ok).toBe(true);

    console.log(
      `audit outage: the mutation in flight answered after ${heldMs} ms (AUDIT_RECORD_TIMEOUT_MS bound), the next was refused, all resumed after the thaw`,
    );
  }, 90_000);
});
