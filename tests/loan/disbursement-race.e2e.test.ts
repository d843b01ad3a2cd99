import { gql } from '@yinqi/testing';
import { createOfficer, signInAdmin } from '../support/actors';
import { accept, DISBURSE, offeredMatch } from './loan-journey';

describe('officers racing to disburse the same accepted match', () => {
  it('leaves exactly one loan: every request gets that loan or CONFLICT, never a second loan', async () => {
    const admin = await signInAdmin();
    const a = await offeredMatch(admin);
    await accept(a);
    const colleague = await createOfficer(admin, 'BANK_OFFICER', a.bank.institutionId);
    const disbursedAt = new Date(Date.UTC(2026, 2, 1, 2, 0, 0)).toISOString();
    // Two officers of the lending bank, each clicking five times, with two different repayment methods.
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        gql<{ disburseLoan: { id: string; repaymentMethod: string } }>(
          DISBURSE,
          { m: a.matchId, input: { disbursedAt, repaymentMethod: i % 3 === 0 ? 'INTEREST_ONLY_BULLET' : 'EQUAL_INSTALLMENT' } },
          i % 2 === 0 ? a.bank.token : colleague.token,
        ),
      ),
    );
    const loanIds = new Set(answers.flatMap((r) => (r.data?.disburseLoan ? [r.data.disburseLoan.id] : [])));
    const codes = answers.flatMap((r) => (r.errors ?? []).map((e) => e.extensions?.code));
    expect(loanIds.size).toBe(1);
    expect(codes.filter((c) => c !== 'CONFLICT')).toEqual([]);
    // The bank's book agrees: one loan for this match.
    const book = await gql<{ loans: { edges: { node: { match: { id: string } } }[] } }>(
      '{ loans(first: 100) { edges { node { match { id } } } } }',
      {},
      a.bank.token,
    );
    expect(book.data!.loans.edges.filter((e) => e.node.match.id === a.matchId)).toHaveLength(1);
  });
});
