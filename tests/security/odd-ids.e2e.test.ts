// Ids no service issues (issue 21): "", "." and ".." answered INTERNAL_SERVER_ERROR from eight
// operations, and ".." in an id moved the gateway's internal call to another route. Every operation
// that takes an id, called by a role allowed to call it, must answer "no such thing": null from the
// nullable reads, NOT_FOUND from the mutations — never a server error, never another route's answer.
// (The fuzz stage, tests/fuzz, searches for more of these; this file pins down the ones found.)
import { gql } from '@yinqi/testing';
import { createOfficer, registerEnterprise, signInAdmin } from '../support/actors';

const ODD_IDS = ['', '.', '..', '../..', '%2e%2e', '.%2E', 'a/../b', '?x=1', '#', '\\..', ' ', '65f0c0ffee0000000000dead'];

type Caller = 'admin' | 'enterprise' | 'bank' | 'guarantor' | 'fund';
/** Each id-taking operation, called as a role that may call it (API-CONTRACT "Operations"). */
const MUTATIONS: { caller: Caller; doc: string }[] = [
  { caller: 'admin', doc: 'mutation($id:ID!){ r: certifyEnterprise(enterpriseId:$id, tier:NONE, whitelisted:false){ id } }' },
  { caller: 'admin', doc: 'mutation($id:ID!){ r: setListingStage(enterpriseId:$id, stage:RESERVE){ stage } }' },
  { caller: 'admin', doc: 'mutation($id:ID!){ r: assignListingCoach(enterpriseId:$id, coach:"张老师"){ stage } }' },
  { caller: 'admin', doc: 'mutation($id:ID!){ r: markListingRewardPaid(enterpriseId:$id, stage:RESERVE){ stage } }' },
  { caller: 'admin', doc: 'mutation($id:ID!){ r: decideRelief(reliefId:$id, approve:true){ id } }' },
  { caller: 'bank', doc: 'mutation($id:ID!){ r: decideRelief(reliefId:$id, approve:false, note:"x"){ id } }' },
  { caller: 'enterprise', doc: 'mutation($id:ID!){ r: withdrawDemand(id:$id){ id } }' },
  { caller: 'enterprise', doc: 'mutation($id:ID!){ r: acceptOffer(matchId:$id){ id } }' },
  { caller: 'enterprise', doc: 'mutation($id:ID!){ r: selectGuaranteeQuote(quoteId:$id){ id } }' },
  { caller: 'enterprise', doc: 'mutation($id:ID!){ r: requestRelief(loanId:$id, kind:DEFERRAL, reason:"订单回款延迟", months:2){ id } }' },
  { caller: 'enterprise', doc: 'mutation($id:ID!){ r: joinRoadshow(roadshowId:$id, pitch:"扩产"){ id } }' },
  { caller: 'enterprise', doc: 'mutation($id:ID!){ r: closeEquityRound(roundId:$id){ id } }' },
  { caller: 'bank', doc: 'mutation($id:ID!){ r: suspendProduct(id:$id){ id } }' },
  { caller: 'bank', doc: 'mutation($id:ID!){ r: respondToMatch(matchId:$id, interested:true){ id } }' },
  { caller: 'bank', doc: 'mutation($id:ID!){ r: makeOffer(matchId:$id, input:{amount:1000000, annualRate:3.6, termMonths:12}){ id } }' },
  {
    caller: 'bank',
    doc: 'mutation($id:ID!){ r: disburseLoan(matchId:$id, input:{disbursedAt:"2026-11-01T00:00:00Z", repaymentMethod:EQUAL_INSTALLMENT}){ id } }',
  },
  { caller: 'bank', doc: 'mutation($id:ID!){ r: recordRepayment(loanId:$id, amount:1000, paidAt:"2026-11-01T00:00:00Z"){ id } }' },
  { caller: 'bank', doc: 'mutation($id:ID!){ r: recordFollowUp(loanId:$id, note:"走访", riskLevel:LOW){ id } }' },
  { caller: 'bank', doc: 'mutation($id:ID!){ r: recordRoadshowLead(roadshowId:$id, enterpriseId:$id, note:"意向"){ id } }' },
  { caller: 'guarantor', doc: 'mutation($id:ID!){ r: submitGuaranteeQuote(requestId:$id, input:{feeRate:0.8, coverageRatio:80}){ id } }' },
  { caller: 'fund', doc: 'mutation($id:ID!){ r: respondToFundMatch(matchId:$id, interested:true){ id } }' },
  { caller: 'bank', doc: 'mutation($id:ID!){ r: setWebhookActive(id:$id, active:false){ id } }' },
  { caller: 'guarantor', doc: 'mutation($id:ID!){ r: redeliverWebhook(deliveryId:$id){ id } }' },
];
const READS: { caller: Caller; doc: string }[] = [
  { caller: 'admin', doc: 'query($id:ID!){ r: enterprise(id:$id){ id } }' },
  { caller: 'admin', doc: 'query($id:ID!){ r: demand(id:$id){ id } }' },
  { caller: 'admin', doc: 'query($id:ID!){ r: loan(id:$id){ id } }' },
  { caller: 'enterprise', doc: 'query($id:ID!){ r: enterprise(id:$id){ id } }' },
  { caller: 'bank', doc: 'query($id:ID!){ r: loan(id:$id){ id } }' },
];

let tokens: Record<Caller, string>;

beforeAll(async () => {
  const admin = await signInAdmin();
  const [enterprise, bank, guarantor, fund] = await Promise.all([
    registerEnterprise({ name: '重庆奇异标识测试有限公司' }),
    createOfficer(admin, 'BANK_OFFICER'),
    createOfficer(admin, 'GUARANTOR_OFFICER'),
    createOfficer(admin, 'FUND_OFFICER'),
  ]);
  tokens = { admin, enterprise: enterprise.token, bank: bank.token, guarantor: guarantor.token, fund: fund.token };
}, 60_000);

const nameOf = (doc: string) => /r: (\w+)/.exec(doc)![1];

describe('an id no service issued', () => {
  it('is NOT_FOUND for every mutation that takes an id', async () => {
    const answers = await Promise.all(
      MUTATIONS.flatMap((m) =>
        ODD_IDS.map(async (id) => {
          const r = await gql(m.doc, { id }, tokens[m.caller]);
          return {
            op: `${nameOf(m.doc)} as ${m.caller}`,
            id,
            status: r.status,
            codes: (r.errors ?? []).map((e) => e.extensions?.code),
            data: r.data?.r ?? null,
          };
        }),
      ),
    );
    const wrong = answers.filter((a) => a.status !== 200 || a.data !== null || a.codes.length !== 1 || a.codes[0] !== 'NOT_FOUND');
    expect(wrong).toEqual([]);
  });

  it('is null from enterprise(id), demand(id) and loan(id), with no error', async () => {
    const answers = await Promise.all(
      READS.flatMap((q) =>
        ODD_IDS.map(async (id) => {
          const r = await gql(q.doc, { id }, tokens[q.caller]);
          return { op: `${nameOf(q.doc)} as ${q.caller}`, id, status: r.status, errors: r.errors ?? [], data: r.data?.r };
        }),
      ),
    );
    expect(answers.filter((a) => a.status !== 200 || a.errors.length > 0 || a.data !== null)).toEqual([]);
  });
});
