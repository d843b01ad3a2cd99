import type { Principal } from '@yinqi/auth';
import { loanDisbursed, type LoanDto, type RepaymentMethod } from '@yinqi/contracts';
import { conflict, forbidden } from '@yinqi/errors';
import { awaitCopy, newEvent } from '@yinqi/events';
import type { GuaranteeCopy, MatchCopy } from './copies';
import type { LoanDeps } from './deps';
import { isLender } from './loan-access';
import { loanIdOf, scheduleState, type Loan, type LoanRecord } from './loan-record';
import { snapshotOf, toLoanDto } from './loan-view';
import { currentPolicy } from './policy';
import { buildSchedule } from './schedule';
import { SOURCE } from './transition';

export interface DisburseInput {
  disbursedAt: Date;
  repaymentMethod: RepaymentMethod;
}

type GuaranteeTerms = Pick<LoanRecord, 'guaranteeFeeRate' | 'coverageRatio' | 'riskShare'>;
type AcceptedMatch = MatchCopy & { offer: NonNullable<MatchCopy['offer']> };

/** Match states an acceptOffer in flight may still move to ACCEPTED. */
const MAY_BECOME_ACCEPTED = new Set(['PROPOSED', 'INTERESTED', 'OFFERED']);

const waitClock = ({ sleep }: LoanDeps) => (sleep ? { sleep } : {});

const sameDisbursement = (l: Loan, input: DisburseInput) =>
  new Date(l.disbursedAt).getTime() === input.disbursedAt.getTime() && l.repaymentMethod === input.repaymentMethod;

/** A second disburse of a match: the same input is a retry and gets the same loan; anything else is CONFLICT. */
function existingDisbursement(p: Principal, l: Loan, input: DisburseInput): LoanDto {
  if (!isLender(p, l)) throw forbidden('Only an officer of the lending bank disburses');
  if (!sameDisbursement(l, input)) throw conflict('This match has already been disbursed');
  return toLoanDto(l);
}

/**
 * The match, ACCEPTED and the caller's bank's. The enterprise may have accepted a moment ago: wait,
 * bounded, for that event to reach our copy before judging on it.
 */
async function acceptedMatch(deps: LoanDeps, p: Principal, matchId: string): Promise<AcceptedMatch> {
  const match = await awaitCopy(() => deps.repo.findMatchCopy(matchId), {
    timeoutMs: deps.copyWaitMs,
    ready: (m) => !MAY_BECOME_ACCEPTED.has(m.status),
    ...waitClock(deps),
  });
  if (!match) throw conflict('The match is not known as ACCEPTED (yet); only an accepted offer can be disbursed');
  if (match.bankId !== p.orgId) throw forbidden('Only an officer of the matched bank disburses');
  if (match.status !== 'ACCEPTED' || !match.offer) throw conflict(`The match is ${match.status}; only an ACCEPTED match can be disbursed`);
  return { ...match, offer: match.offer };
}

const selectedOf = (requests: GuaranteeCopy[]) => requests.flatMap((r) => r.quotes.filter((q) => q.quoteId === r.selectedQuoteId))[0];

/** 政银担: the selected quote's fee rate and coverage with the policy's risk shares in force now. */
async function guaranteeTerms(deps: LoanDeps, matchId: string, match: MatchCopy): Promise<GuaranteeTerms> {
  if (!match.needsGuarantee) return { guaranteeFeeRate: null, coverageRatio: null, riskShare: null };
  // A selection may still come while a request is open (or before the first one is opened).
  const requests = await awaitCopy(() => deps.repo.guaranteesOfMatch(matchId), {
    timeoutMs: deps.copyWaitMs,
    ready: (rs) => Boolean(selectedOf(rs)) || (rs.length > 0 && rs.every((r) => r.status === 'CLOSED')),
    ...waitClock(deps),
  });
  const selected = selectedOf(requests ?? []);
  if (!selected) throw conflict('The loan needs a guarantee (政银担) and no guarantee quote has been selected yet');
  const pol = await currentPolicy(deps.repo);
  return {
    guaranteeFeeRate: selected.feeRate,
    coverageRatio: selected.coverageRatio,
    riskShare: { guarantor: pol.riskShareGuarantor, bank: pol.riskShareBank, government: pol.riskShareGovernment },
  };
}

interface NewLoan {
  p: Principal;
  matchId: string;
  match: AcceptedMatch;
  input: DisburseInput;
  terms: GuaranteeTerms;
  at: Date;
}

/** The new loan on the accepted offer's terms, with loan.disbursed in its outbox. */
function newLoanRecord({ p, matchId, match, input, terms, at }: NewLoan): LoanRecord {
  const { amount, annualRate, termMonths } = match.offer;
  const id = loanIdOf(matchId);
  const record: LoanRecord = {
    _id: id,
    matchId,
    demandId: match.demandId,
    enterpriseId: match.enterpriseId,
    bankId: match.bankId,
    amount,
    annualRate,
    termMonths,
    repaymentMethod: input.repaymentMethod,
    disbursedAt: input.disbursedAt,
    status: 'ACTIVE',
    ...scheduleState(buildSchedule(amount, annualRate, termMonths, input.repaymentMethod, input.disbursedAt)),
    reliefs: [],
    followUps: [],
    repayments: [],
    ...terms,
    bridge: null,
    maturityNoticed: false,
    disbursedBy: p.userId,
    createdAt: at,
    updatedAt: at,
    version: 1,
    outbox: [],
  };
  record.outbox = [newEvent(loanDisbursed, { key: id, version: 1, source: SOURCE, data: { loan: snapshotOf(record) } })];
  return record;
}

/**
 * 放款: the lending bank disburses an ACCEPTED match on the accepted offer's terms. When a
 * guarantee is needed (政银担), its request must have a selected quote, whose fee rate and
 * coverage the loan keeps together with the policy's risk shares in force now.
 */
export async function disburseLoan(deps: LoanDeps, p: Principal, matchId: string, input: DisburseInput): Promise<LoanDto> {
  if (p.role !== 'BANK_OFFICER' || !p.orgId) throw forbidden('Only a bank officer disburses');
  const id = loanIdOf(matchId);
  const existing = await deps.repo.findLoan(id);
  if (existing) return existingDisbursement(p, existing, input);
  const match = await acceptedMatch(deps, p, matchId);
  const terms = await guaranteeTerms(deps, matchId, match);
  const record = newLoanRecord({ p, matchId, match, input, terms, at: deps.now() });
  if (!(await deps.repo.insertLoan(record))) {
    // Lost a race with another disburse of the same match: exactly one loan exists.
    const winner = await deps.repo.findLoan(id);
    if (!winner) throw conflict('The match is being disbursed; try again');
    return existingDisbursement(p, winner, input);
  }
  deps.published(id);
  const { outbox: _outbox, ...loan } = record;
  return toLoanDto(loan);
}
