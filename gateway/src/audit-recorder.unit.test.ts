import { AppError } from '@yinqi/errors';
import { createLogger } from '@yinqi/logger';
import type { AuditClient, AuditRecord } from './clients/audit-client';
import { AuditRecorder } from './audit-recorder';

const entry = (n: number): AuditRecord => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  actorId: null,
  actorRole: null,
  actorOrgId: null,
  action: 'login',
  targetType: 'User',
  targetId: null,
  correlationId: null,
  detail: null,
});

/** An audit service that is down until `up()` is called, keeping what it accepted by id (as the real one does). */
function fakeAudit() {
  const stored = new Map<string, AuditRecord>();
  let down = false;
  const calls: string[][] = [];
  const client = {
    append: async (_key: string, entries: AuditRecord[]) => {
      calls.push(entries.map((e) => e.id));
      if (down) throw new AppError('INTERNAL_SERVER_ERROR', 'audit service unavailable', { retriable: true });
      for (const e of entries) if (!stored.has(e.id)) stored.set(e.id, e);
      return { entries: [] };
    },
  } as unknown as AuditClient;
  return { client, stored, calls, setDown: (v: boolean) => (down = v) };
}

const logger = createLogger('test', 'silent');

describe('AuditRecorder when the audit service is unreachable', () => {
  it('spools the entry after its bounded retries, pauses audited operations, then delivers each entry once and resumes', async () => {
    const audit = fakeAudit();
    const recorder = new AuditRecorder({ client: audit.client, ingestKey: 'k', logger, timeoutMs: 200, spoolMax: 10 });
    audit.setDown(true);
    await recorder.record(entry(1));
    expect(audit.calls.length).toBeGreaterThan(1); // retried before giving up
    expect(recorder.closed).toBe(true);
    expect(() => recorder.gate()).toThrow(/audit trail is unavailable/);
    // Entries recorded while paused (denials, failed logins) queue behind it, in order.
    await recorder.record(entry(2));
    audit.setDown(false);
    const deadline = Date.now() + 5_000;
    while (recorder.closed && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(recorder.closed).toBe(false);
    expect(() => recorder.gate()).not.toThrow();
    expect([...audit.stored.keys()]).toEqual([entry(1).id, entry(2).id]);
    expect(recorder.stats).toMatchObject({ recorded: 2, spooled: 2, dropped: 0 });
    recorder.stop();
  });

  it('drops (and logs) an entry the audit service refuses for good instead of pausing forever', async () => {
    const client = { append: async () => Promise.reject(new AppError('BAD_USER_INPUT', 'bad entry')) } as unknown as AuditClient;
    const recorder = new AuditRecorder({ client, ingestKey: 'k', logger, timeoutMs: 200, spoolMax: 10 });
    await recorder.record(entry(3));
    expect(recorder.closed).toBe(false);
    expect(recorder.stats.dropped).toBe(1);
  });
});
