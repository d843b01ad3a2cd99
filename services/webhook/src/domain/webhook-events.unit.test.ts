import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@yinqi/contracts';
import { EVENTS_BY_KIND, kindOfRole, noticeOf } from './webhook-events';

const at = '2026-03-01T08:00:00.000Z';
const envelope = (type: string, key: string, data: Record<string, unknown>, version = 3): EventEnvelope => ({
  id: randomUUID(),
  type,
  version,
  occurredAt: at,
  source: 'test',
  key,
  correlationId: 'c',
  data,
});
const match = {
  matchId: 'm1',
  demandId: 'd1',
  enterpriseId: 'e1',
  productId: 'p1',
  bankId: 'bank-1',
  score: 80,
  status: 'PROPOSED',
  offer: null,
  amount: 1,
  needsGuarantee: false,
  createdAt: at,
};
const request = {
  requestId: 'r1',
  matchId: 'm1',
  demandId: 'd1',
  enterpriseId: 'e1',
  bankId: 'bank-1',
  amount: 1,
  status: 'SELECTED',
  createdAt: at,
  quotes: [
    { quoteId: 'q1', guarantorId: 'g-1', feeRate: 0.8, coverageRatio: 80, conditions: null, quotedAt: at },
    { quoteId: 'q2', guarantorId: 'g-2', feeRate: 0.9, coverageRatio: 80, conditions: null, quotedAt: at },
  ],
  selectedQuoteId: 'q2',
};
const loan = { loanId: 'l1', matchId: 'm1', demandId: 'd1', enterpriseId: 'e1', bankId: 'bank-9' };

describe('who hears of which platform event', () => {
  it('tells the bank whose product matched about its match, with ids only, keyed for order by the match', () => {
    const e = envelope('match.proposed', 'm1', { match });
    expect(noticeOf(e)).toEqual({
      event: 'MATCH_PROPOSED',
      sourceEventId: e.id,
      occurredAt: at,
      aggregateKey: 'm1',
      seq: 3,
      data: { matchId: 'm1', demandId: 'd1', productId: 'p1' },
      institutionIds: ['bank-1'],
    });
    expect(noticeOf(envelope('match.accepted', 'm1', { match }))?.event).toBe('MATCH_ACCEPTED');
    expect(noticeOf(envelope('match.withdrawn', 'm1', { match }))?.event).toBe('MATCH_WITHDRAWN');
  });

  it('tells every guarantor about a new request (any may quote on an open one), and only the selected guarantor and the bank about a selection', () => {
    expect(
      noticeOf(envelope('guarantee.request-opened', 'r1', { request: { ...request, status: 'OPEN', quotes: [], selectedQuoteId: null } })),
    ).toMatchObject({
      event: 'GUARANTEE_REQUESTED',
      institutionIds: [],
      everyInstitutionOfKind: 'GUARANTOR',
      data: { requestId: 'r1', matchId: 'm1', demandId: 'd1' },
    });
    expect(noticeOf(envelope('guarantee.quote-selected', 'r1', { request }))).toMatchObject({
      event: 'GUARANTEE_SELECTED',
      institutionIds: ['bank-1', 'g-2'],
      data: { quoteId: 'q2' },
    });
  });

  it('tells the lending bank about reliefs asked for and overdue loans, and the fund about its matches', () => {
    expect(noticeOf(envelope('loan.relief-requested', 'l1', { loan, relief: { reliefId: 'rl1' } }))).toMatchObject({
      event: 'RELIEF_REQUESTED',
      institutionIds: ['bank-9'],
      data: { loanId: 'l1', reliefId: 'rl1' },
    });
    expect(noticeOf(envelope('loan.overdue', 'l1', { loan, dueDate: at }))).toMatchObject({
      event: 'LOAN_OVERDUE',
      institutionIds: ['bank-9'],
    });
    expect(noticeOf(envelope('fund-match.proposed', 'fm1', { match: { matchId: 'fm1', roundId: 'rd1', fundId: 'fund-1' } }))).toMatchObject(
      { event: 'FUND_MATCH_PROPOSED', institutionIds: ['fund-1'], data: { matchId: 'fm1', roundId: 'rd1' } },
    );
  });

  it('tells nobody about events outside the contract (responses, offers, repayments)', () => {
    for (const type of ['match.responded', 'match.offered', 'guarantee.quoted', 'loan.repaid', 'demand.posted'])
      expect(noticeOf(envelope(type, 'x', {}))).toBeUndefined();
  });

  it('lets each kind of institution subscribe to its own events only', () => {
    expect(kindOfRole('BANK_OFFICER')).toBe('BANK');
    expect(kindOfRole('ENTERPRISE')).toBeUndefined();
    expect(kindOfRole('FINANCE_CENTER')).toBeUndefined();
    expect(EVENTS_BY_KIND.GUARANTOR).toEqual(['GUARANTEE_REQUESTED', 'GUARANTEE_SELECTED']);
    expect(EVENTS_BY_KIND.FUND).toEqual(['FUND_MATCH_PROPOSED']);
  });
});
