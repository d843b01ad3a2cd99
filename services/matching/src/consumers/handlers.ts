import {
  CREDIT_TOPICS,
  guaranteeQuoteSelected,
  loanDisbursed,
  policyChanged,
  workingCalendarChanged,
  type WorkingCalendarSnapshotData,
  type GuaranteeRequestSnapshot,
  type PolicySnapshot,
  demandPosted,
  demandStatusChanged,
  demandWithdrawn,
  enterpriseCertified,
  enterpriseProfileUpdated,
  enterpriseRegistered,
  MATCHMAKING_TOPICS,
  productPublished,
  productSuspended,
  type DemandSnapshot,
  type EnterpriseRegistered,
  type EnterpriseSnapshot,
  type ProductSnapshot,
} from '@yinqi/contracts';
import type { EventHandler } from '@yinqi/events';
import type { MatchingUseCases } from '../domain/matching';

/** Thin: each event hands its snapshot and version to the use case. */
export function matchingConsumers(useCases: MatchingUseCases) {
  const quoteSelected: EventHandler = async (e) => {
    const { request } = e.data as { request: GuaranteeRequestSnapshot };
    const quote = request.quotes.find((q) => q.quoteId === request.selectedQuoteId);
    await useCases.onGuaranteeSelected(request.matchId, quote ? quote.feeRate : null);
  };
  const enterprise: EventHandler = (e) => useCases.onEnterprise((e.data as { enterprise: EnterpriseSnapshot }).enterprise, e.version);
  const demand: EventHandler = (e) => useCases.onDemand((e.data as { demand: DemandSnapshot }).demand, e.version);
  const product: EventHandler = (e) => useCases.onProduct((e.data as { product: ProductSnapshot }).product, e.version);
  return {
    topics: [
      MATCHMAKING_TOPICS.enterprise,
      MATCHMAKING_TOPICS.demand,
      MATCHMAKING_TOPICS.product,
      CREDIT_TOPICS.guarantee,
      CREDIT_TOPICS.policy,
      CREDIT_TOPICS.loan,
    ],
    handlers: {
      // A new enterprise starts untiered and off the white list until the finance centre certifies it.
      [enterpriseRegistered.type]: (e) => {
        const d = e.data as EnterpriseRegistered;
        return useCases.onEnterprise(
          {
            enterpriseId: d.enterpriseId,
            name: d.name,
            industry: d.industry,
            town: d.town,
            tier: 'NONE',
            whitelisted: false,
            annualRevenue: null,
            employees: null,
            rdSuperDeductionFiled: null,
            highValuePatents: null,
          },
          e.version,
        );
      },
      [enterpriseProfileUpdated.type]: enterprise,
      [enterpriseCertified.type]: enterprise,
      [demandPosted.type]: demand,
      [demandWithdrawn.type]: demand,
      [demandStatusChanged.type]: demand,
      [productPublished.type]: product,
      [productSuspended.type]: product,
      [guaranteeQuoteSelected.type]: quoteSelected,
      [loanDisbursed.type]: (e) => useCases.onLoanDisbursed((e.data as { loan: { matchId: string } }).loan.matchId),
      [policyChanged.type]: (e) => useCases.onPolicy((e.data as { policy: PolicySnapshot }).policy, e.version),
      [workingCalendarChanged.type]: (e) => useCases.onCalendar((e.data as { calendar: WorkingCalendarSnapshotData }).calendar, e.version),
    } satisfies Record<string, EventHandler>,
  };
}
