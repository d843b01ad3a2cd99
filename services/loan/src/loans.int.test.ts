import type { Principal } from '@yinqi/auth';
import type { EventEnvelope, GuaranteeRequestSnapshot, MatchSnapshot } from '@yinqi/contracts';
import { OutboxRelay, type EventPublisher } from '@yinqi/events';
import { connectDatabase, type Connection } from '@yinqi/db';
import { createLogger } from '@yinqi/logger';
import { aPolicy, freshDatabaseName, infraUrls, waitFor } from '@yinqi/testing';
import { loanModels, type LoanModels } from './data/models';
import { loanRepository } from './data/repository';
import { loanIdOf } from './domain/loan-record';
import { OFFICIAL_2026 } from '@yinqi/calendar';
import { loanUseCases } from './domain/loan-use-cases';

// The loan use cases against the real FerretDB, with a clock the test moves.
let db: Connection;
let models: LoanModels;

beforeAll(async () => {
  db = await connectDatabase({ url: infraUrls().mongoUrl, dbName: freshDatabaseName('loan') });
  models = loanModels(db);
  await Promise.all(Object.values(models).map((m) => m.init()));
});
afterAll(() => db.close());

/** The platform's shared outbox relay over the loans, removing what it published at once. */
const sharedRelay = (publisher: EventPublisher, pollIntervalMs: number) =>
  new OutboxRelay({
    collections: [models.Loan.collection as never],
    publisher,
    logger: createLogger('test', 'silent'),
    pollIntervalMs,
    cleanupDelayMs: 0,
  });

let n = 0;
function setup(start = new Date('2026-03-10T00:00:00.000Z'), copyWaitMs = 300, published: (id?: string) => void = () => undefined) {
  n += 1;
  const ids = { match: `m-${n}-${Date.now()}`, bank: `b-${n}`, ent: `e-${n}` };
  let clock = start;
  const uc = loanUseCases({
    repo: loanRepository(models),
    logger: createLogger('test', 'silent'),
    published,
    now: () => clock,
    copyWaitMs,
  });
  const officer: Principal = { userId: 'u-bank', role: 'BANK_OFFICER', orgId: ids.bank };
  const aMatch = (over: Partial<MatchSnapshot> = {}): MatchSnapshot => ({
    matchId: ids.match,
    demandId: `d-${n}`,
    enterpriseId: ids.ent,
    productId: `p-${n}`,
    bankId: ids.bank,
    score: 80,
    status: 'ACCEPTED',
    offer: { amount: 1_000_000, annualRate: 4, termMonths: 12, conditions: null },
    amount: 1_000_000,
    needsGuarantee: false,
    createdAt: start.toISOString(),
    ...over,
  });
  const outbox = async () => ((await models.Loan.findById(loanIdOf(ids.match)).lean().exec())?.outbox ?? []).map((e) => e.type);
  return { ids, uc, officer, aMatch, outbox, setClock: (d: Date) => (clock = d) };
}

describe('loan use cases on the real database', () => {
  it('refuses a guaranteed loan until a quote is selected, then keeps its fee, coverage and the risk shares in force', async () => {
    const { ids, uc, officer, aMatch } = setup();
    await uc.onMatch(aMatch({ needsGuarantee: true }), 5);
    const input = { disbursedAt: new Date('2026-03-10T00:00:00.000Z'), repaymentMethod: 'EQUAL_INSTALLMENT' as const };
    // Another match's request with a selected quote must not count for this one.
    const elsewhere: GuaranteeRequestSnapshot = {
      requestId: `g-other-${ids.match}`,
      matchId: `other-${ids.match}`,
      demandId: 'd-other',
      enterpriseId: 'e-other',
      bankId: ids.bank,
      amount: 1_000_000,
      status: 'SELECTED',
      quotes: [
        {
          quoteId: 'q-other',
          guarantorId: 'g9',
          feeRate: 0.9,
          coverageRatio: 60,
          conditions: null,
          quotedAt: input.disbursedAt.toISOString(),
        },
      ],
      selectedQuoteId: 'q-other',
      createdAt: input.disbursedAt.toISOString(),
    };
    await uc.onGuarantee(elsewhere, 3);
    await expect(uc.disburse(officer, ids.match, input)).rejects.toMatchObject({ code: 'CONFLICT' });
    const request: GuaranteeRequestSnapshot = {
      requestId: `g-${ids.match}`,
      matchId: ids.match,
      demandId: 'd',
      enterpriseId: ids.ent,
      bankId: ids.bank,
      amount: 1_000_000,
      status: 'SELECTED',
      quotes: [
        { quoteId: 'q1', guarantorId: 'g1', feeRate: 1.2, coverageRatio: 80, conditions: null, quotedAt: input.disbursedAt.toISOString() },
        { quoteId: 'q2', guarantorId: 'g2', feeRate: 0.8, coverageRatio: 70, conditions: null, quotedAt: input.disbursedAt.toISOString() },
      ],
      selectedQuoteId: 'q2',
      createdAt: input.disbursedAt.toISOString(),
    };
    await uc.onGuarantee(request, 3);
    const loan = await uc.disburse(officer, ids.match, input);
    expect(loan).toMatchObject({ guaranteeFeeRate: 0.8, coverageRatio: 70, riskShare: { guarantor: 50, bank: 20, government: 30 } });
  });

  it('waits for an acceptance that reaches its copy a moment after the disburse, and refuses one that never comes', async () => {
    const { ids, uc, officer, aMatch } = setup(undefined, 5_000);
    await uc.onMatch(aMatch({ status: 'OFFERED' }), 4);
    const input = { disbursedAt: new Date('2026-03-10T00:00:00.000Z'), repaymentMethod: 'EQUAL_INSTALLMENT' as const };
    const started = Date.now();
    const disbursing = uc.disburse(officer, ids.match, input);
    // The acceptance event arrives while the disburse waits (as when another replica consumes it).
    await new Promise((r) => setTimeout(r, 150));
    await uc.onMatch(aMatch({ status: 'ACCEPTED' }), 5);
    await expect(disbursing).resolves.toMatchObject({ amount: 1_000_000, termMonths: 12 });
    expect(Date.now() - started).toBeLessThan(2_000);

    const other = setup(undefined, 300);
    await other.uc.onMatch(other.aMatch({ status: 'OFFERED' }), 4);
    await expect(other.uc.disburse(other.officer, other.ids.match, input)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('OFFERED'),
    });
    // A match that can no longer become ACCEPTED is refused at once.
    const gone = setup(undefined, 60_000);
    await gone.uc.onMatch(gone.aMatch({ status: 'REJECTED' }), 6);
    const t0 = Date.now();
    await expect(gone.uc.disburse(gone.officer, gone.ids.match, input)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(Date.now() - t0).toBeLessThan(1_000);
  });

  it('makes exactly one loan when the same match is disbursed concurrently', async () => {
    const { ids, uc, officer, aMatch, outbox } = setup();
    await uc.onMatch(aMatch(), 5);
    const input = { disbursedAt: new Date('2026-03-10T00:00:00.000Z'), repaymentMethod: 'INTEREST_ONLY_BULLET' as const };
    const results = await Promise.allSettled([1, 2, 3, 4].map(() => uc.disburse(officer, ids.match, input)));
    const ok = results.filter((r) => r.status === 'fulfilled').map((r) => (r as PromiseFulfilledResult<{ id: string }>).value.id);
    expect(new Set(ok).size).toBe(1);
    expect(await models.Loan.countDocuments({ matchId: ids.match }).exec()).toBe(1);
    expect(await outbox()).toEqual(['loan.disbursed']);
    await expect(uc.disburse({ ...officer, orgId: 'another-bank' }, ids.match, input)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('ignores an older match event that arrives after a newer one', async () => {
    const { ids, uc, officer, aMatch } = setup();
    await uc.onMatch(aMatch({ status: 'ACCEPTED' }), 5);
    await uc.onMatch(aMatch({ status: 'OFFERED' }), 4);
    const loan = await uc.disburse(officer, ids.match, {
      disbursedAt: new Date('2026-03-10T00:00:00.000Z'),
      repaymentMethod: 'EQUAL_INSTALLMENT',
    });
    expect(loan.status).toBe('ACTIVE');
  });

  it('raises the maturity notice once and marks the loan OVERDUE once, however many sweeps run', async () => {
    const { ids, uc, officer, aMatch, outbox, setClock } = setup();
    await uc.onMatch(aMatch(), 5);
    const loan = await uc.disburse(officer, ids.match, {
      disbursedAt: new Date('2026-03-10T00:00:00.000Z'),
      repaymentMethod: 'INTEREST_ONLY_BULLET',
    });
    setClock(new Date('2026-04-01T00:00:00.000Z'));
    await uc.sweep();
    expect(await outbox()).toEqual(['loan.disbursed']);

    // The first instalment (Apr 10) passes unpaid.
    setClock(new Date('2026-04-11T00:00:00.000Z'));
    const counts = await Promise.all([uc.sweep(), uc.sweep(), uc.sweep()]);
    // Each loan in this database (the earlier tests' too) went OVERDUE once, whichever sweep did it.
    expect(counts.reduce((a, b) => a + b, 0)).toBe(await models.Loan.countDocuments({ status: 'OVERDUE' }).exec());
    expect(await outbox()).toEqual(['loan.disbursed', 'loan.overdue']);
    expect((await uc.get(officer, loan.id)).status).toBe('OVERDUE');

    // Paying the late instalment brings it back to ACTIVE.
    await uc.repay(officer, loan.id, loan.schedule[0]!.interest, new Date('2026-04-11T00:00:00.000Z'));
    expect((await uc.get(officer, loan.id)).status).toBe('ACTIVE');

    // 30 days before maturity (2027-03-10): one notice, even from concurrent sweeps.
    setClock(new Date('2027-02-09T00:00:00.000Z'));
    const owedSoFar = (await uc.get(officer, loan.id)).schedule.filter(
      (i) => new Date(i.dueDate) < new Date('2027-02-09T00:00:00.000Z') && !i.paid,
    );
    await uc.repay(
      officer,
      loan.id,
      owedSoFar.reduce((s, i) => s + i.interest, 0),
      new Date('2027-02-09T00:00:00.000Z'),
    );
    await Promise.all([uc.sweep(), uc.sweep()]);
    await uc.sweep();
    const types = await outbox();
    expect(types.filter((t) => t === 'loan.maturity-approaching')).toHaveLength(1);
    expect(types.filter((t) => t === 'loan.overdue')).toHaveLength(1);
    expect((await uc.get(officer, loan.id)).status).toBe('ACTIVE');
  });

  it('loses no repayment when several are recorded at once (each either applies or is refused)', async () => {
    const { ids, uc, officer, aMatch } = setup();
    await uc.onMatch(aMatch(), 5);
    const loan = await uc.disburse(officer, ids.match, {
      disbursedAt: new Date('2026-03-10T00:00:00.000Z'),
      repaymentMethod: 'INTEREST_ONLY_BULLET',
    });
    const results = await Promise.allSettled(
      [1, 2, 3, 4, 5].map(() => uc.repay(officer, loan.id, 1_000, new Date('2026-04-10T00:00:00.000Z'))),
    );
    const applied = results.filter((r) => r.status === 'fulfilled').length;
    expect(applied).toBeGreaterThan(0);
    const stored = await models.Loan.findById(loan.id).lean().exec();
    expect(stored!.repayments).toHaveLength(applied);
    expect(stored!.schedule.reduce((s, i) => s + i.paidInterest, 0)).toBe(1_000 * applied);
    expect(stored!.version).toBe(1 + applied);
  });

  // Last: it changes the one policy document this database holds.
  it('applies the bridge-fund window and duration of the policy in force (应急转贷)', async () => {
    const { ids, uc, officer, aMatch, setClock } = setup();
    await uc.onMatch(aMatch({ offer: { amount: 1_000_000, annualRate: 4, termMonths: 1, conditions: null } }), 5);
    const loan = await uc.disburse(officer, ids.match, {
      disbursedAt: new Date('2026-03-10T00:00:00.000Z'),
      repaymentMethod: 'INTEREST_ONLY_BULLET',
    });
    const borrower: Principal = { userId: 'u-ent', role: 'ENTERPRISE', orgId: ids.ent };
    const centre: Principal = { userId: 'u-fc', role: 'FINANCE_CENTER' };
    // Maturity 2026-04-10; 25 days before is outside the default 20-day window.
    setClock(new Date('2026-03-16T00:00:00.000Z'));
    await expect(uc.requestRelief(borrower, loan.id, { kind: 'BRIDGE_FUND', reason: '过桥', amount: 500_000 })).rejects.toMatchObject({
      code: 'POLICY_VIOLATION',
    });
    await uc.onPolicy(aPolicy({ riskShareGuarantor: 40, riskShareBank: 30, bridgeRequestWindowDays: 30, bridgeMaxWorkingDays: 3 }), 100);
    await expect(uc.requestRelief(borrower, loan.id, { kind: 'BRIDGE_FUND', reason: '过桥', amount: 1_000_001 })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    const relief = await uc.requestRelief(borrower, loan.id, { kind: 'BRIDGE_FUND', reason: '过桥', amount: 500_000 });
    await expect(uc.requestRelief(borrower, loan.id, { kind: 'BRIDGE_FUND', reason: '又一次', amount: 1 })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(uc.decideRelief(officer, relief.id, true, null)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    setClock(new Date('2026-03-20T09:00:00.000Z')); // a Friday
    expect(await uc.decideRelief(centre, relief.id, true, '同意')).toMatchObject({ status: 'APPROVED', amount: 500_000 });
    const after = await models.Loan.findById(loan.id).lean().exec();
    expect(after!.bridge).toMatchObject({
      amount: 500_000,
      from: new Date('2026-03-20T09:00:00.000Z'),
      until: new Date('2026-03-25T09:00:00.000Z'),
    });
    expect(after!.schedule).toEqual(loan.schedule.map((i) => expect.objectContaining({ principal: i.principal, interest: i.interest })));
  });

  it('publishes every event exactly as written while the relay races the writes (no change undone)', async () => {
    const seen: EventEnvelope[] = [];
    const publisher = { publish: async (events: EventEnvelope[]) => void seen.push(...events) } as unknown as EventPublisher;
    const relay = sharedRelay(publisher, 5);
    // As in the service: every write tells the relay which loan has new events.
    const { ids, uc, officer, aMatch } = setup(undefined, undefined, (id) => relay.kick(id));
    await uc.onMatch(aMatch(), 5);
    const loan = await uc.disburse(officer, ids.match, {
      disbursedAt: new Date('2026-03-10T00:00:00.000Z'),
      repaymentMethod: 'INTEREST_ONLY_BULLET',
    });
    relay.start();
    try {
      for (let i = 0; i < 15; i += 1) {
        await uc.repay(officer, loan.id, 100, new Date('2026-04-10T00:00:00.000Z'));
      }
      await waitFor(async () => (await models.Loan.findById(loan.id).lean().exec())!.outbox.length === 0, {
        message: 'the outbox to drain',
      });
    } finally {
      await relay.stop();
    }
    const stored = (await models.Loan.findById(loan.id).lean().exec())!;
    expect(stored.version).toBe(16);
    expect(stored.repayments).toHaveLength(15);
    const versions = new Set(seen.filter((e) => e.key === loan.id).map((e) => e.version));
    expect([...versions].sort((a, b) => a - b)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
  });

  it('applies every one of N concurrent repayments on one loan while the relay runs: none lost, every event published', async () => {
    const seen: EventEnvelope[] = [];
    const publisher = { publish: async (events: EventEnvelope[]) => void seen.push(...events) } as unknown as EventPublisher;
    // Polls every 2 ms and removes at once: as many overlaps with the writes as it can make.
    const relay = sharedRelay(publisher, 2);
    const { ids, uc, officer, aMatch } = setup(undefined, undefined, (id) => relay.kick(id));
    await uc.onMatch(aMatch(), 5);
    const loan = await uc.disburse(officer, ids.match, {
      disbursedAt: new Date('2026-03-10T00:00:00.000Z'),
      repaymentMethod: 'EQUAL_INSTALLMENT',
    });
    const N = 12;
    const amount = 20_000;
    relay.start();
    try {
      const results = await Promise.allSettled(
        Array.from({ length: N }, async () => {
          return uc.repay(officer, loan.id, amount, new Date('2026-04-10T00:00:00.000Z'));
        }),
      );
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
      await waitFor(async () => (await models.Loan.findById(loan.id).lean().exec())!.outbox.length === 0, {
        message: 'the outbox to drain',
      });
    } finally {
      await relay.stop();
    }
    const stored = (await models.Loan.findById(loan.id).lean().exec())!;
    const paidPrincipal = stored.schedule.reduce((s, i) => s + i.paidPrincipal, 0);
    const paidInterest = stored.schedule.reduce((s, i) => s + i.paidInterest, 0);
    expect(stored.version).toBe(1 + N);
    expect(stored.repayments).toHaveLength(N);
    expect(paidPrincipal + paidInterest).toBe(N * amount);
    expect(stored.outstandingPrincipal).toBe(1_000_000 - paidPrincipal);
    expect(paidPrincipal).toBeGreaterThan(N * amount - 3 * 3_334); // at most three months of interest came first
    const repaid = new Set(seen.filter((e) => e.key === loan.id && e.type === 'loan.repaid').map((e) => e.version));
    expect([...repaid].sort((a, b) => a - b)).toEqual(Array.from({ length: N }, (_, i) => i + 2));
  });

  it('takes 无还本续贷 only at or near maturity (the renewal window), with the clock moved', async () => {
    const { ids, aMatch } = setup();
    let clock = new Date('2026-03-10T00:00:00.000Z');
    const uc = loanUseCases({
      repo: loanRepository(models),
      logger: createLogger('test', 'silent'),
      published: () => undefined,
      now: () => clock,
      renewalWindowDays: 30,
    });
    const officer: Principal = { userId: 'u-bank', role: 'BANK_OFFICER', orgId: ids.bank };
    const borrower: Principal = { userId: 'u-ent', role: 'ENTERPRISE', orgId: ids.ent };
    await uc.onMatch(aMatch({ offer: { amount: 1_000_000, annualRate: 4, termMonths: 3, conditions: null } }), 5);
    const loan = await uc.disburse(officer, ids.match, {
      disbursedAt: new Date('2026-03-10T00:00:00.000Z'),
      repaymentMethod: 'INTEREST_ONLY_BULLET',
    });
    // Maturity 2026-06-10: 31 days before is too early, and nothing is written.
    clock = new Date('2026-05-10T00:00:00.000Z');
    await expect(uc.requestRelief(borrower, loan.id, { kind: 'RENEWAL_WITHOUT_REPAYMENT', reason: '续贷' })).rejects.toMatchObject({
      code: 'POLICY_VIOLATION',
    });
    expect((await models.Loan.findById(loan.id).lean().exec())!.version).toBe(1);
    // 30 days before: in the window.
    clock = new Date('2026-05-11T00:00:00.000Z');
    const relief = await uc.requestRelief(borrower, loan.id, { kind: 'RENEWAL_WITHOUT_REPAYMENT', reason: '续贷' });
    expect(relief).toMatchObject({ kind: 'RENEWAL_WITHOUT_REPAYMENT', status: 'PENDING' });
    clock = new Date('2026-06-12T00:00:00.000Z'); // after maturity is still "at maturity"
    expect(await uc.decideRelief(officer, relief.id, true, null)).toMatchObject({ status: 'APPROVED' });
    const renewed = await uc.get(officer, loan.id);
    expect(renewed.maturityDate).toBe('2026-09-10T00:00:00.000Z');
    expect(renewed.outstandingPrincipal).toBe(1_000_000);
  });

  it('counts 国庆 2026 by the working calendar, and follows a calendar change at once, without a restart', async () => {
    // Disbursed 3 Sep 10:00 Beijing for one month: matures on Saturday 3 Oct, in 国庆, payable Thursday 8 Oct.
    const { ids, uc, officer, aMatch, setClock } = setup(new Date('2026-09-03T02:00:00.000Z'));
    await uc.onMatch(aMatch({ offer: { amount: 800_000, annualRate: 4, termMonths: 1, conditions: null } }), 5);
    const loan = await uc.disburse(officer, ids.match, {
      disbursedAt: new Date('2026-09-03T02:00:00.000Z'),
      repaymentMethod: 'INTEREST_ONLY_BULLET',
    });
    const borrower: Principal = { userId: 'u-ent', role: 'ENTERPRISE', orgId: ids.ent };
    const centre: Principal = { userId: 'u-fc', role: 'FINANCE_CENTER' };
    const stored = async () => (await models.Loan.findById(loan.id).lean().exec())!;
    // The policy copy is shared by this file's tests (another sets a 3-day bridge): the default 7 days here.
    await uc.onPolicy(aPolicy({ riskShareGuarantor: 40, riskShareBank: 30 }), 1_000);

    // 7 Oct 10:00 Beijing, still 国庆: not overdue; the maturity notice names the payable day.
    setClock(new Date('2026-10-07T02:00:00.000Z'));
    await uc.sweep();
    expect((await stored()).status).toBe('ACTIVE');
    const notice = (await stored()).outbox.find((e) => e.type === 'loan.maturity-approaching');
    expect(notice?.data).toMatchObject({ daysLeft: 0, workingDaysLeft: 1, payableOn: '2026-10-08' });

    // 应急转贷 may still be requested in the holiday; 7 working days: 8, 9, 10 (Sat, worked), 12, 13, 14, 15 Oct.
    const first = await uc.requestRelief(borrower, loan.id, { kind: 'BRIDGE_FUND', reason: '过桥', amount: 800_000 });
    await uc.decideRelief(centre, first.id, true, null);
    expect((await stored()).bridge).toMatchObject({ until: new Date('2026-10-15T02:00:00.000Z') });

    // The finance centre makes Friday 9 Oct a day off: the next bridge is counted with it.
    await uc.onCalendar(
      { years: [{ ...OFFICIAL_2026, holidays: [...OFFICIAL_2026.holidays, { date: '2026-10-09', name: '临时休假' }] }] },
      10,
    );
    const second = await uc.requestRelief(borrower, loan.id, { kind: 'BRIDGE_FUND', reason: '再过桥', amount: 800_000 });
    await uc.decideRelief(centre, second.id, true, null);
    expect((await stored()).bridge).toMatchObject({ until: new Date('2026-10-16T02:00:00.000Z') });
    // An older calendar event delivered late changes nothing.
    await uc.onCalendar({ years: [OFFICIAL_2026] }, 9);
    expect((await models.Calendar.findById('working-calendar').lean().exec())!.version).toBe(10);

    // Overdue only once the payable day (8 Oct) is over in Beijing.
    setClock(new Date('2026-10-08T15:59:00.000Z'));
    await uc.sweep();
    expect((await stored()).status).toBe('ACTIVE');
    setClock(new Date('2026-10-08T16:00:00.000Z'));
    await uc.sweep();
    expect((await stored()).status).toBe('OVERDUE');
  });
});
