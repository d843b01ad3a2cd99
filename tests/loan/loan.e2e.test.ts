import { collectMessages, errorCode, gql, waitFor } from '@yinqi/testing';
import { createOfficer, signInAdmin } from '../support/actors';
import {
  accept,
  disburse,
  DISBURSE,
  LOAN_FIELDS,
  loanAs,
  offeredMatch,
  plusMonths,
  type AcceptedMatch,
  type LoanView,
} from './loan-journey';

const REPAY = `mutation($id:ID!,$a:Int!,$at:DateTime!){ recordRepayment(loanId:$id, amount:$a, paidAt:$at){ ${LOAN_FIELDS} } }`;
const FOLLOW = `mutation($id:ID!,$n:String!,$r:RiskLevel!){ recordFollowUp(loanId:$id, note:$n, riskLevel:$r){ ${LOAN_FIELDS} } }`;
const REQUEST =
  'mutation($id:ID!,$k:ReliefKind!,$r:String!,$m:Int,$a:Int){ requestRelief(loanId:$id, kind:$k, reason:$r, months:$m, amount:$a){ id kind status reason months amount } }';
const DECIDE = 'mutation($id:ID!,$ok:Boolean!,$n:String){ decideRelief(reliefId:$id, approve:$ok, note:$n){ id kind status } }';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const LOAN_TOPIC = `${process.env.YINQI_TOPIC_PREFIX}.loan`;

let admin: string;
beforeAll(async () => {
  admin = await signInAdmin();
});

describe('loans and follow-up (贷后) through the gateway', () => {
  let a: AcceptedMatch;
  let loan: LoanView;
  let otherBank: { token: string };
  const disbursedAt = new Date(Date.UTC(2026, 0, 31, 2, 0, 0)).toISOString();

  beforeAll(async () => {
    a = await offeredMatch(admin);
    otherBank = await createOfficer(admin, 'BANK_OFFICER');
  });

  it('refuses to disburse a match that is not accepted, and writes nothing', async () => {
    const r = await gql(DISBURSE, { m: a.matchId, input: { disbursedAt, repaymentMethod: 'EQUAL_INSTALLMENT' } }, a.bank.token);
    expect(errorCode(r)).toBe('CONFLICT');
    await accept(a);
  });

  it('disburses an accepted match on the offer terms with a 等额本息 schedule adding up to the amount', async () => {
    loan = await disburse(a, { disbursedAt, repaymentMethod: 'EQUAL_INSTALLMENT' });
    expect(loan).toMatchObject({
      match: { id: a.matchId },
      enterprise: { id: a.ent.enterpriseId },
      bank: { id: a.bank.institutionId },
      amount: 1_200_000,
      annualRate: 3.6,
      termMonths: 12,
      repaymentMethod: 'EQUAL_INSTALLMENT',
      disbursedAt,
      outstandingPrincipal: 1_200_000,
      status: 'ACTIVE',
      guaranteeFeeRate: null,
      riskShare: null,
    });
    expect(loan.schedule).toHaveLength(12);
    expect(sum(loan.schedule.map((i) => i.principal))).toBe(1_200_000);
    // Jan 31 → Feb 28, then back on the 31st where the month has one.
    expect(loan.schedule.slice(0, 3).map((i) => i.dueDate)).toEqual([
      plusMonths(disbursedAt, 1),
      plusMonths(disbursedAt, 2),
      plusMonths(disbursedAt, 3),
    ]);
    expect(loan.schedule[0]!.dueDate.slice(0, 10)).toBe('2026-02-28');
    expect(loan.schedule[0]!.interest).toBe(3_600); // 1,200,000 × 3.6% / 12
    expect(loan.schedule.every((i) => !i.paid)).toBe(true);
  });

  it('makes exactly one loan per match: a retry gets the same loan, another disbursement is CONFLICT, another bank is FORBIDDEN', async () => {
    const again = await gql(DISBURSE, { m: a.matchId, input: { disbursedAt, repaymentMethod: 'EQUAL_INSTALLMENT' } }, a.bank.token);
    expect(again.data!.disburseLoan.id).toBe(loan.id);
    const different = await gql(DISBURSE, { m: a.matchId, input: { disbursedAt, repaymentMethod: 'INTEREST_ONLY_BULLET' } }, a.bank.token);
    expect(errorCode(different)).toBe('CONFLICT');
    expect(
      errorCode(await gql(DISBURSE, { m: a.matchId, input: { disbursedAt, repaymentMethod: 'EQUAL_INSTALLMENT' } }, otherBank.token)),
    ).toBe('FORBIDDEN');
    expect(
      errorCode(await gql(DISBURSE, { m: a.matchId, input: { disbursedAt, repaymentMethod: 'EQUAL_INSTALLMENT' } }, a.ent.token)),
    ).toBe('FORBIDDEN');
  });

  it('shows the loan to the borrower, the lending bank and the finance centre only', async () => {
    expect((await loanAs(a.ent.token, loan.id))?.id).toBe(loan.id);
    expect((await loanAs(admin, loan.id))?.id).toBe(loan.id);
    expect(await loanAs(otherBank.token, loan.id)).toBeNull();
    const mine = await gql('{ loans(first: 100) { totalCount edges { node { id status } } } }', {}, a.bank.token);
    expect(mine.data!.loans.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([loan.id]);
    const theirs = await gql('{ loans(status: ACTIVE, first: 100) { edges { node { id } } } }', {}, otherBank.token);
    expect(theirs.data!.loans.edges).toEqual([]);
    const ent = await gql('{ loans { totalCount edges { node { id bank { id } } } } }', {}, a.ent.token);
    expect(ent.data!.loans.totalCount).toBe(1);
  });

  it('applies a repayment interest first, marks the covered instalment paid and reduces the outstanding principal', async () => {
    const first = loan.schedule[0]!;
    expect(errorCode(await gql(REPAY, { id: loan.id, a: 1_000, at: first.dueDate }, otherBank.token))).toBe('FORBIDDEN');
    expect(errorCode(await gql(REPAY, { id: loan.id, a: 1_000, at: first.dueDate }, a.ent.token))).toBe('FORBIDDEN');
    expect(errorCode(await gql(REPAY, { id: loan.id, a: 0, at: first.dueDate }, a.bank.token))).toBe('BAD_USER_INPUT');
    const owed = sum(loan.schedule.map((i) => i.principal + i.interest));
    expect(errorCode(await gql(REPAY, { id: loan.id, a: owed + 1, at: first.dueDate }, a.bank.token))).toBe('BAD_USER_INPUT');

    const r = await gql(REPAY, { id: loan.id, a: first.principal + first.interest, at: first.dueDate }, a.bank.token);
    const after = r.data!.recordRepayment as LoanView;
    expect(after.schedule[0]!.paid).toBe(true);
    expect(after.schedule[1]!.paid).toBe(false);
    expect(after.outstandingPrincipal).toBe(1_200_000 - first.principal);
    loan = after;
  });

  it('records a follow-up with its risk level, from the lending bank only', async () => {
    expect(errorCode(await gql(FOLLOW, { id: loan.id, n: '走访', r: 'LOW' }, otherBank.token))).toBe('FORBIDDEN');
    expect(errorCode(await gql(FOLLOW, { id: loan.id, n: '', r: 'LOW' }, a.bank.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(FOLLOW, { id: loan.id, n: 'x'.repeat(2_001), r: 'LOW' }, a.bank.token))).toBe('BAD_USER_INPUT');
    const r = await gql(FOLLOW, { id: loan.id, n: '实地走访：订单饱满，现金流正常', r: 'MEDIUM' }, a.bank.token);
    expect(r.data!.recordFollowUp.followUps).toEqual([
      expect.objectContaining({ note: '实地走访：订单饱满，现金流正常', riskLevel: 'MEDIUM' }),
    ]);
  });

  it('runs a 延期还本付息 deferral: requested by the borrower, decided by the lending bank, shifting the next instalments', async () => {
    expect(errorCode(await gql(REQUEST, { id: loan.id, k: 'DEFERRAL', r: '疫情影响', m: 2 }, a.bank.token))).toBe('FORBIDDEN');
    expect(errorCode(await gql(REQUEST, { id: loan.id, k: 'DEFERRAL', r: '疫情影响' }, a.ent.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(REQUEST, { id: loan.id, k: 'DEFERRAL', r: '疫情影响', m: 13 }, a.ent.token))).toBe('BAD_USER_INPUT');
    const req = await gql(REQUEST, { id: loan.id, k: 'DEFERRAL', r: '订单回款延迟', m: 2 }, a.ent.token);
    expect(req.data!.requestRelief).toMatchObject({ kind: 'DEFERRAL', status: 'PENDING', months: 2, amount: null });
    const reliefId = req.data!.requestRelief.id as string;
    expect(errorCode(await gql(REQUEST, { id: loan.id, k: 'DEFERRAL', r: '再次申请', m: 1 }, a.ent.token))).toBe('CONFLICT');
    // 应急转贷 far from maturity is outside the policy window.
    expect(errorCode(await gql(REQUEST, { id: loan.id, k: 'BRIDGE_FUND', r: '转贷', a: 1_000 }, a.ent.token))).toBe('POLICY_VIOLATION');

    expect(errorCode(await gql(DECIDE, { id: reliefId, ok: true }, otherBank.token))).toBe('FORBIDDEN');
    expect(errorCode(await gql(DECIDE, { id: reliefId, ok: true }, a.ent.token))).toBe('FORBIDDEN');
    const ok = await gql(DECIDE, { id: reliefId, ok: true, n: '同意延期两个月' }, a.bank.token);
    expect(ok.data!.decideRelief).toEqual({ id: reliefId, kind: 'DEFERRAL', status: 'APPROVED' });
    expect(errorCode(await gql(DECIDE, { id: reliefId, ok: false }, a.bank.token))).toBe('CONFLICT');

    const after = (await loanAs(a.ent.token, loan.id))!;
    expect(after.reliefs).toEqual([{ id: reliefId, kind: 'DEFERRAL', status: 'APPROVED' }]);
    // Instalments 2 and 3 (Mar 31, Apr 30) now fall due two months later, with the accrued interest on the first.
    const moved = after.schedule.filter((i) => !i.paid).slice(0, 2);
    const dues = after.schedule.map((i) => i.dueDate);
    expect(dues).toContain(plusMonths(plusMonths(disbursedAt, 2), 2));
    expect(dues).toContain(plusMonths(plusMonths(disbursedAt, 3), 2));
    expect(dues).not.toContain(plusMonths(disbursedAt, 2));
    expect(sum(after.schedule.map((i) => i.principal))).toBe(1_200_000);
    expect(after.outstandingPrincipal).toBe(loan.outstandingPrincipal);
    expect(sum(after.schedule.map((i) => i.interest))).toBeGreaterThan(sum(loan.schedule.map((i) => i.interest)));
    expect(moved.length).toBe(2);
  });

  it('closes the loan once everything owed is repaid', async () => {
    const cur = (await loanAs(a.bank.token, loan.id))!;
    // Unpaid = everything except the first instalment (fully paid above).
    const owed = sum(cur.schedule.filter((i) => !i.paid).map((i) => i.principal + i.interest));
    const r = await gql(REPAY, { id: loan.id, a: owed, at: new Date().toISOString() }, a.bank.token);
    expect(r.data!.recordRepayment).toMatchObject({ status: 'CLOSED', outstandingPrincipal: 0 });
    expect(errorCode(await gql(REPAY, { id: loan.id, a: 1, at: new Date().toISOString() }, a.bank.token))).toBe('CONFLICT');
  });
});

describe('a loan near maturity (先息后本)', () => {
  it('goes OVERDUE when instalments pass unpaid, gets 应急转贷 from the finance centre and 无还本续贷 from its bank', async () => {
    const collector = await collectMessages([LOAN_TOPIC]);
    try {
      await nearMaturity(collector);
    } finally {
      await collector.stop();
    }
  });
});

async function nearMaturity(collector: { messages: { key: string | null; value: string | null }[] }) {
  // The relay publishes at least once (again when its removal loses to a write): one event per id.
  const eventsOf = (loanId: string) => {
    const seen = new Set<string>();
    return collector.messages
      .filter((m) => m.key === loanId)
      .map(
        (m) =>
          JSON.parse(m.value!) as {
            id: string;
            type: string;
            version: number;
            data: { loan: { matchId: string; status: string }; daysLeft?: number };
          },
      )
      .filter((e) => !seen.has(e.id) && Boolean(seen.add(e.id)));
  };
  const a = await offeredMatch(admin, { amount: 2_000_000, annualRate: 4.2, termMonths: 12 });
  await accept(a);
  // Disbursed 12 months less 10 days ago: maturity is 10 days away and 11 interest instalments are past due.
  const disbursedAt = new Date(new Date(plusMonths(new Date().toISOString(), -12)).getTime() + 10 * 86_400_000).toISOString();
  const loan = await disburse(a, { disbursedAt, repaymentMethod: 'INTEREST_ONLY_BULLET' });
  expect(loan.schedule.slice(0, 11).every((i) => i.principal === 0 && i.interest === 7_000)).toBe(true);
  expect(loan.schedule[11]).toMatchObject({ principal: 2_000_000, interest: 7_000 });

  // The scheduler's sweep marks it overdue.
  await waitFor(async () => (await loanAs(a.bank.token, loan.id))?.status === 'OVERDUE', {
    timeoutMs: 30_000,
    intervalMs: 500,
    message: 'the loan to go OVERDUE',
  });

  // The same sweep raises the maturity notice (10 days ahead), once.
  const notice = await waitFor(() => eventsOf(loan.id).find((e) => e.type === 'loan.maturity-approaching'), {
    timeoutMs: 30_000,
    message: 'loan.maturity-approaching',
  });
  expect(notice.data.daysLeft).toBeLessThanOrEqual(11);

  // 应急转贷: at most the principal falling due; the finance centre decides, not the bank.
  expect(errorCode(await gql(REQUEST, { id: loan.id, k: 'BRIDGE_FUND', r: '续贷前过桥', a: 2_000_001 }, a.ent.token))).toBe(
    'BAD_USER_INPUT',
  );
  const bridge = await gql(REQUEST, { id: loan.id, k: 'BRIDGE_FUND', r: '续贷前过桥', a: 2_000_000 }, a.ent.token);
  expect(bridge.data!.requestRelief).toMatchObject({ kind: 'BRIDGE_FUND', status: 'PENDING', amount: 2_000_000 });
  expect(errorCode(await gql(DECIDE, { id: bridge.data!.requestRelief.id, ok: true }, a.bank.token))).toBe('FORBIDDEN');
  expect((await gql(DECIDE, { id: bridge.data!.requestRelief.id, ok: true }, admin)).data!.decideRelief.status).toBe('APPROVED');

  // 无还本续贷: the bank rolls the principal into a new 12-month term from the current maturity.
  const renewal = await gql(REQUEST, { id: loan.id, k: 'RENEWAL_WITHOUT_REPAYMENT', r: '经营正常，申请无还本续贷' }, a.ent.token);
  expect(errorCode(await gql(DECIDE, { id: renewal.data!.requestRelief.id, ok: true }, admin))).toBe('FORBIDDEN');
  expect((await gql(DECIDE, { id: renewal.data!.requestRelief.id, ok: true }, a.bank.token)).data!.decideRelief.status).toBe('APPROVED');
  const renewed = (await loanAs(a.ent.token, loan.id))!;
  const maturity = loan.schedule[11]!.dueDate;
  expect(renewed.schedule).toHaveLength(12);
  expect(renewed.schedule[0]!.dueDate).toBe(plusMonths(maturity, 1));
  expect(renewed.schedule[11]).toMatchObject({ dueDate: plusMonths(maturity, 12), principal: 2_000_000 });
  // The unpaid interest of the replaced instalments is carried, not forgiven.
  expect(renewed.schedule[0]!.interest).toBe(7_000 + 12 * 7_000);
  expect(renewed).toMatchObject({ status: 'ACTIVE', outstandingPrincipal: 2_000_000 });

  // Every change was published on the loan topic, in version order, the alerts once each.
  const events = await waitFor(
    () => {
      const es = eventsOf(loan.id);
      return es.filter((e) => e.type === 'loan.relief-decided').length === 2 ? es : null;
    },
    { timeoutMs: 20_000, message: 'the loan events' },
  );
  expect(events[0]).toMatchObject({ type: 'loan.disbursed', version: 1, data: { loan: { matchId: a.matchId, status: 'ACTIVE' } } });
  expect(events.filter((e) => e.type === 'loan.overdue')).toHaveLength(1);
  expect(events.filter((e) => e.type === 'loan.maturity-approaching')).toHaveLength(1);
  expect(events.filter((e) => e.type === 'loan.relief-requested')).toHaveLength(2);
  expect(events.map((e) => e.version)).toEqual([...events.map((e) => e.version)].sort((x, y) => x - y));
}
