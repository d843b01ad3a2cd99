import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  DateTime: { input: string; output: string; }
};

export type ApiScope =
  | 'FUND_MATCHES_READ'
  | 'FUND_MATCHES_RESPOND'
  | 'GUARANTEES_READ'
  | 'GUARANTEES_WRITE'
  | 'LOANS_READ'
  | 'LOANS_WRITE'
  | 'MATCHES_READ'
  | 'MATCHES_RESPOND'
  | 'OFFERS_WRITE'
  | 'PRODUCTS_WRITE';

export type AuditFilter = {
  action?: InputMaybe<Scalars['String']['input']>;
  actorId?: InputMaybe<Scalars['ID']['input']>;
  from?: InputMaybe<Scalars['DateTime']['input']>;
  targetId?: InputMaybe<Scalars['ID']['input']>;
  targetType?: InputMaybe<Scalars['String']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
};

export type BondReserveInput = {
  amount: Scalars['Int']['input'];
  enterpriseId: Scalars['ID']['input'];
  plannedQuarter: Scalars['String']['input'];
  purpose: Scalars['String']['input'];
};

export type Collateral =
  | 'CREDIT'
  | 'GUARANTEE'
  | 'IP_PLEDGE'
  | 'MORTGAGE'
  | 'RECEIVABLES';

export type CreateInstitutionInput = {
  kind: InstitutionKind;
  name: Scalars['String']['input'];
};

export type CreateUserInput = {
  email: Scalars['String']['input'];
  institutionId?: InputMaybe<Scalars['ID']['input']>;
  password: Scalars['String']['input'];
  role: Role;
};

export type DeliveryStatus =
  | 'DELIVERED'
  | 'FAILED'
  | 'PENDING';

export type DemandInput = {
  amount: Scalars['Int']['input'];
  collateral: Collateral;
  description?: InputMaybe<Scalars['String']['input']>;
  maxAnnualRate?: InputMaybe<Scalars['Float']['input']>;
  needsGuarantee: Scalars['Boolean']['input'];
  purpose: Purpose;
  termMonths: Scalars['Int']['input'];
};

export type DemandStatus =
  | 'ACCEPTED'
  | 'CLOSED'
  | 'FUNDED'
  | 'MATCHED'
  | 'OFFERED'
  | 'OPEN'
  | 'WITHDRAWN';

export type DisburseLoanInput = {
  disbursedAt: Scalars['DateTime']['input'];
  repaymentMethod: RepaymentMethod;
};

export type EnterpriseProfileInput = {
  annualRevenue?: InputMaybe<Scalars['Int']['input']>;
  employees?: InputMaybe<Scalars['Int']['input']>;
  highValuePatents?: InputMaybe<Scalars['Int']['input']>;
  rdSuperDeductionFiled?: InputMaybe<Scalars['Int']['input']>;
};

export type EnterpriseTier =
  | 'INNOVATIVE_SME'
  | 'MUNICIPAL_SRDI'
  | 'NATIONAL_LITTLE_GIANT'
  | 'NONE'
  | 'SINGLE_CHAMPION';

export type EquityRoundInput = {
  amount: Scalars['Int']['input'];
  preMoneyValuation: Scalars['Float']['input'];
  useOfFunds: Scalars['String']['input'];
};

export type EquityRoundStatus =
  | 'CLOSED'
  | 'OPEN';

export type FundMandateInput = {
  eligibleTiers?: InputMaybe<Array<EnterpriseTier>>;
  industries?: InputMaybe<Array<Scalars['String']['input']>>;
  maxTicket: Scalars['Int']['input'];
  minTicket: Scalars['Int']['input'];
  name: Scalars['String']['input'];
  stages?: InputMaybe<Array<ListingStage>>;
};

export type GuaranteeQuoteInput = {
  conditions?: InputMaybe<Scalars['String']['input']>;
  coverageRatio: Scalars['Float']['input'];
  feeRate: Scalars['Float']['input'];
};

export type GuaranteeRequestStatus =
  | 'CLOSED'
  | 'OPEN'
  | 'SELECTED';

export type InstitutionKind =
  | 'BANK'
  | 'FUND'
  | 'GUARANTOR';

export type ListingStage =
  | 'BSE_FILED'
  | 'LISTED'
  | 'NEEQ_BASIC'
  | 'NEEQ_INNOVATION'
  | 'RESERVE'
  | 'TUTORING';

export type LoanStatus =
  | 'ACTIVE'
  | 'CLOSED'
  | 'OVERDUE';

export type MatchEventType =
  | 'ACCEPTED'
  | 'FUNDED'
  | 'OFFERED'
  | 'PROPOSED'
  | 'REJECTED'
  | 'RESPONDED'
  | 'WITHDRAWN';

export type MatchStatus =
  | 'ACCEPTED'
  | 'DECLINED'
  | 'FUNDED'
  | 'INTERESTED'
  | 'OFFERED'
  | 'PROPOSED'
  | 'REJECTED'
  | 'WITHDRAWN';

export type OfferInput = {
  amount: Scalars['Int']['input'];
  annualRate: Scalars['Float']['input'];
  conditions?: InputMaybe<Scalars['String']['input']>;
  termMonths: Scalars['Int']['input'];
};

export type PolicyInput = {
  bankResponseSlaHours?: InputMaybe<Scalars['Int']['input']>;
  guaranteeFeeRateCap?: InputMaybe<Scalars['Float']['input']>;
  guaranteeFeeRateTarget?: InputMaybe<Scalars['Float']['input']>;
  riskShareBank?: InputMaybe<Scalars['Float']['input']>;
  riskShareGovernment?: InputMaybe<Scalars['Float']['input']>;
  riskShareGuarantor?: InputMaybe<Scalars['Float']['input']>;
};

export type PolicyTag =
  | 'GOV_BANK_GUARANTEE'
  | 'REDISCOUNT'
  | 'RELENDING'
  | 'RENEWAL_WITHOUT_REPAYMENT'
  | 'SRDI_LOAN'
  | 'WHITELIST';

export type ProductInput = {
  annualRateMax: Scalars['Float']['input'];
  annualRateMin: Scalars['Float']['input'];
  collateralAccepted?: InputMaybe<Array<Collateral>>;
  eligibleTiers?: InputMaybe<Array<EnterpriseTier>>;
  industries?: InputMaybe<Array<Scalars['String']['input']>>;
  maxAmount: Scalars['Int']['input'];
  maxTermMonths: Scalars['Int']['input'];
  minAmount: Scalars['Int']['input'];
  minTermMonths: Scalars['Int']['input'];
  name: Scalars['String']['input'];
  policyTags?: InputMaybe<Array<PolicyTag>>;
  purposes?: InputMaybe<Array<Purpose>>;
  rdUpliftRatio?: InputMaybe<Scalars['Float']['input']>;
  rdUpliftThreshold?: InputMaybe<Scalars['Int']['input']>;
  requiresGuarantee?: InputMaybe<Scalars['Boolean']['input']>;
  requiresWhitelist?: InputMaybe<Scalars['Boolean']['input']>;
};

export type ProductStatus =
  | 'PUBLISHED'
  | 'SUSPENDED';

export type Purpose =
  | 'BRIDGE'
  | 'EQUIPMENT'
  | 'PRE_IPO'
  | 'RND'
  | 'TECH_UPGRADE'
  | 'WORKING_CAPITAL';

export type RegisterEnterpriseInput = {
  email: Scalars['String']['input'];
  industry: Scalars['String']['input'];
  name: Scalars['String']['input'];
  password: Scalars['String']['input'];
  town: Scalars['String']['input'];
  uscc: Scalars['String']['input'];
};

export type ReliefKind =
  | 'BRIDGE_FUND'
  | 'DEFERRAL'
  | 'RENEWAL_WITHOUT_REPAYMENT';

export type ReliefStatus =
  | 'APPROVED'
  | 'DECLINED'
  | 'PENDING';

export type RepaymentMethod =
  | 'EQUAL_INSTALLMENT'
  | 'INTEREST_ONLY_BULLET';

export type RiskLevel =
  | 'HIGH'
  | 'LOW'
  | 'MEDIUM';

export type RoadshowInput = {
  capacity: Scalars['Int']['input'];
  industries?: InputMaybe<Array<Scalars['String']['input']>>;
  startsAt: Scalars['DateTime']['input'];
  title: Scalars['String']['input'];
};

export type Role =
  | 'BANK_OFFICER'
  | 'ENTERPRISE'
  | 'FINANCE_CENTER'
  | 'FUND_OFFICER'
  | 'GUARANTOR_OFFICER';

export type WebhookEvent =
  | 'FUND_MATCH_PROPOSED'
  | 'GUARANTEE_REQUESTED'
  | 'GUARANTEE_SELECTED'
  | 'LOAN_OVERDUE'
  | 'MATCH_ACCEPTED'
  | 'MATCH_PROPOSED'
  | 'MATCH_WITHDRAWN'
  | 'RELIEF_REQUESTED';

export type ApiClientFieldsFragment = { id: string, name: string, clientId: string, scopes: Array<ApiScope>, disabled: boolean, createdAt: string, lastUsedAt?: string | null };

export type WebhookFieldsFragment = { id: string, url: string, events: Array<WebhookEvent>, active: boolean, createdAt: string };

export type ApiClientsQueryVariables = Exact<{ [key: string]: never; }>;


export type ApiClientsQuery = { apiClients: Array<{ id: string, name: string, clientId: string, scopes: Array<ApiScope>, disabled: boolean, createdAt: string, lastUsedAt?: string | null }> };

export type CreateApiClientMutationVariables = Exact<{
  name: Scalars['String']['input'];
  scopes: Array<ApiScope> | ApiScope;
}>;


export type CreateApiClientMutation = { createApiClient: { clientSecret: string, client: { id: string, name: string, clientId: string, scopes: Array<ApiScope>, disabled: boolean, createdAt: string, lastUsedAt?: string | null } } };

export type RotateApiClientSecretMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type RotateApiClientSecretMutation = { rotateApiClientSecret: { clientSecret: string, client: { id: string, name: string, clientId: string, scopes: Array<ApiScope>, disabled: boolean, createdAt: string, lastUsedAt?: string | null } } };

export type SetApiClientDisabledMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  disabled: Scalars['Boolean']['input'];
}>;


export type SetApiClientDisabledMutation = { setApiClientDisabled: { id: string, name: string, clientId: string, scopes: Array<ApiScope>, disabled: boolean, createdAt: string, lastUsedAt?: string | null } };

export type WebhooksQueryVariables = Exact<{ [key: string]: never; }>;


export type WebhooksQuery = { webhooks: Array<{ id: string, url: string, events: Array<WebhookEvent>, active: boolean, createdAt: string }> };

export type RegisterWebhookMutationVariables = Exact<{
  url: Scalars['String']['input'];
  events: Array<WebhookEvent> | WebhookEvent;
}>;


export type RegisterWebhookMutation = { registerWebhook: { signingSecret: string, webhook: { id: string, url: string, events: Array<WebhookEvent>, active: boolean, createdAt: string } } };

export type SetWebhookActiveMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  active: Scalars['Boolean']['input'];
}>;


export type SetWebhookActiveMutation = { setWebhookActive: { id: string, url: string, events: Array<WebhookEvent>, active: boolean, createdAt: string } };

export type WebhookDeliveriesQueryVariables = Exact<{
  webhookId?: InputMaybe<Scalars['ID']['input']>;
  status?: InputMaybe<DeliveryStatus>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type WebhookDeliveriesQuery = { webhookDeliveries: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ node: { id: string, eventId: string, event: WebhookEvent, status: DeliveryStatus, attempts: number, lastStatusCode?: number | null, lastError?: string | null, nextAttemptAt?: string | null, deliveredAt?: string | null, createdAt: string, webhook: { id: string, url: string } } }> } };

export type RedeliverWebhookMutationVariables = Exact<{
  deliveryId: Scalars['ID']['input'];
}>;


export type RedeliverWebhookMutation = { redeliverWebhook: { id: string, eventId: string, status: DeliveryStatus } };

export type ReasonFieldsFragment = { rule: string, passed: boolean, detail: string };

export type OfferFieldsFragment = { amount: number, annualRate: number, termMonths: number, conditions?: string | null, allInAnnualRate: number };

export type ProductFieldsFragment = { id: string, name: string, status: ProductStatus, minAmount: number, maxAmount: number, minTermMonths: number, maxTermMonths: number, annualRateMin: number, annualRateMax: number, eligibleTiers: Array<EnterpriseTier>, industries: Array<string>, purposes: Array<Purpose>, collateralAccepted: Array<Collateral>, requiresWhitelist: boolean, requiresGuarantee: boolean, rdUpliftThreshold?: number | null, rdUpliftRatio?: number | null, policyTags: Array<PolicyTag>, bank: { id: string, name: string } };

export type LoanFieldsFragment = { id: string, amount: number, annualRate: number, termMonths: number, repaymentMethod: RepaymentMethod, disbursedAt: string, outstandingPrincipal: number, status: LoanStatus, guaranteeFeeRate?: number | null, enterprise: { id: string, name: string }, bank: { id: string, name: string }, match: { id: string }, schedule: Array<{ dueDate: string, principal: number, interest: number, paid: boolean }>, reliefs: Array<{ id: string, kind: ReliefKind, status: ReliefStatus, reason?: string | null, months?: number | null, amount?: number | null }>, followUps: Array<{ note: string, riskLevel: RiskLevel, at: string }>, riskShare?: { guarantor: number, bank: number, government: number } | null };

export type LoginMutationVariables = Exact<{
  email: Scalars['String']['input'];
  password: Scalars['String']['input'];
}>;


export type LoginMutation = { login: { token: string, user: { id: string, email: string, role: Role, orgId?: string | null } } };

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { me?: { id: string, email: string, role: Role, orgId?: string | null } | null };

export type PolicyQQueryVariables = Exact<{ [key: string]: never; }>;


export type PolicyQQuery = { policy: { guaranteeFeeRateCap: number, guaranteeFeeRateTarget: number, riskShareGuarantor: number, riskShareBank: number, riskShareGovernment: number, bankResponseSlaHours: number } };

export type EnterpriseProfileQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type EnterpriseProfileQuery = { enterprise?: { id: string, name: string, uscc: string, industry: string, town: string, tier: EnterpriseTier, whitelisted: boolean, annualRevenue?: number | null, employees?: number | null, rdSuperDeductionFiled?: number | null, highValuePatents?: number | null } | null };

export type UpdateProfileMutationVariables = Exact<{
  input: EnterpriseProfileInput;
}>;


export type UpdateProfileMutation = { updateEnterpriseProfile: { id: string, annualRevenue?: number | null, employees?: number | null, rdSuperDeductionFiled?: number | null, highValuePatents?: number | null, tier: EnterpriseTier, whitelisted: boolean } };

export type MyDemandsQueryVariables = Exact<{ [key: string]: never; }>;


export type MyDemandsQuery = { myDemands: Array<{ id: string, amount: number, termMonths: number, purpose: Purpose, collateral: Collateral, maxAnnualRate?: number | null, needsGuarantee: boolean, description?: string | null, status: DemandStatus, createdAt: string, matches: Array<{ id: string, status: MatchStatus, score: number }> }> };

export type PostDemandMutationVariables = Exact<{
  input: DemandInput;
}>;


export type PostDemandMutation = { postDemand: { id: string, status: DemandStatus } };

export type WithdrawDemandMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type WithdrawDemandMutation = { withdrawDemand: { id: string, status: DemandStatus } };

export type DemandDetailQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type DemandDetailQuery = { demand?: { id: string, amount: number, termMonths: number, purpose: Purpose, collateral: Collateral, maxAnnualRate?: number | null, needsGuarantee: boolean, description?: string | null, status: DemandStatus, createdAt: string, matches: Array<{ id: string, score: number, status: MatchStatus, createdAt: string, bank: { id: string, name: string }, product: { id: string, name: string, policyTags: Array<PolicyTag>, annualRateMin: number, annualRateMax: number }, reasons: Array<{ rule: string, passed: boolean, detail: string }>, offer?: { amount: number, annualRate: number, termMonths: number, conditions?: string | null, allInAnnualRate: number } | null }> } | null };

export type AcceptOfferMutationVariables = Exact<{
  matchId: Scalars['ID']['input'];
}>;


export type AcceptOfferMutation = { acceptOffer: { id: string, status: MatchStatus } };

export type MyGuaranteeRequestsQueryVariables = Exact<{
  status?: InputMaybe<GuaranteeRequestStatus>;
}>;


export type MyGuaranteeRequestsQuery = { guaranteeRequests: { totalCount: number, edges: Array<{ node: { id: string, status: GuaranteeRequestStatus, match: { id: string, bank: { name: string }, product: { name: string }, offer?: { amount: number } | null }, demand: { id: string, amount: number, termMonths: number, enterprise: { id: string, name: string, tier: EnterpriseTier } }, quotes: Array<{ id: string, feeRate: number, coverageRatio: number, conditions?: string | null, guarantor: { id: string, name: string } }>, selectedQuote?: { id: string } | null } }> } };

export type SelectQuoteMutationVariables = Exact<{
  quoteId: Scalars['ID']['input'];
}>;


export type SelectQuoteMutation = { selectGuaranteeQuote: { id: string, status: GuaranteeRequestStatus, selectedQuote?: { id: string } | null } };

export type LoansQueryVariables = Exact<{
  status?: InputMaybe<LoanStatus>;
}>;


export type LoansQuery = { loans: { totalCount: number, edges: Array<{ node: { id: string, amount: number, annualRate: number, termMonths: number, repaymentMethod: RepaymentMethod, disbursedAt: string, outstandingPrincipal: number, status: LoanStatus, guaranteeFeeRate?: number | null, enterprise: { id: string, name: string }, bank: { id: string, name: string }, match: { id: string }, schedule: Array<{ dueDate: string, principal: number, interest: number, paid: boolean }>, reliefs: Array<{ id: string, kind: ReliefKind, status: ReliefStatus, reason?: string | null, months?: number | null, amount?: number | null }>, followUps: Array<{ note: string, riskLevel: RiskLevel, at: string }>, riskShare?: { guarantor: number, bank: number, government: number } | null } }> } };

export type RequestReliefMutationVariables = Exact<{
  loanId: Scalars['ID']['input'];
  kind: ReliefKind;
  reason: Scalars['String']['input'];
  months?: InputMaybe<Scalars['Int']['input']>;
  amount?: InputMaybe<Scalars['Int']['input']>;
}>;


export type RequestReliefMutation = { requestRelief: { id: string, kind: ReliefKind, status: ReliefStatus } };

export type ProductsQueryVariables = Exact<{
  bankId?: InputMaybe<Scalars['ID']['input']>;
}>;


export type ProductsQuery = { products: { totalCount: number, edges: Array<{ node: { id: string, name: string, status: ProductStatus, minAmount: number, maxAmount: number, minTermMonths: number, maxTermMonths: number, annualRateMin: number, annualRateMax: number, eligibleTiers: Array<EnterpriseTier>, industries: Array<string>, purposes: Array<Purpose>, collateralAccepted: Array<Collateral>, requiresWhitelist: boolean, requiresGuarantee: boolean, rdUpliftThreshold?: number | null, rdUpliftRatio?: number | null, policyTags: Array<PolicyTag>, bank: { id: string, name: string } } }> } };

export type PublishProductMutationVariables = Exact<{
  input: ProductInput;
}>;


export type PublishProductMutation = { publishProduct: { id: string, status: ProductStatus } };

export type SuspendProductMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type SuspendProductMutation = { suspendProduct: { id: string, status: ProductStatus } };

export type BankMatchesQueryVariables = Exact<{
  status?: InputMaybe<MatchStatus>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type BankMatchesQuery = { bankMatches: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ node: { id: string, score: number, status: MatchStatus, createdAt: string, product: { id: string, name: string, maxAmount: number, minAmount: number, rdUpliftThreshold?: number | null, rdUpliftRatio?: number | null, annualRateMin: number, annualRateMax: number, minTermMonths: number, maxTermMonths: number }, demand: { id: string, amount: number, termMonths: number, purpose: Purpose, collateral: Collateral, maxAnnualRate?: number | null, needsGuarantee: boolean, enterprise: { id: string, name: string, tier: EnterpriseTier, whitelisted: boolean, industry: string, rdSuperDeductionFiled?: number | null } }, reasons: Array<{ rule: string, passed: boolean, detail: string }>, offer?: { amount: number, annualRate: number, termMonths: number, conditions?: string | null, allInAnnualRate: number } | null } }> } };

export type RespondToMatchMutationVariables = Exact<{
  matchId: Scalars['ID']['input'];
  interested: Scalars['Boolean']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
}>;


export type RespondToMatchMutation = { respondToMatch: { id: string, status: MatchStatus } };

export type MakeOfferMutationVariables = Exact<{
  matchId: Scalars['ID']['input'];
  input: OfferInput;
}>;


export type MakeOfferMutation = { makeOffer: { id: string, status: MatchStatus, offer?: { amount: number, annualRate: number, termMonths: number, conditions?: string | null, allInAnnualRate: number } | null } };

export type DisburseLoanMutationVariables = Exact<{
  matchId: Scalars['ID']['input'];
  input: DisburseLoanInput;
}>;


export type DisburseLoanMutation = { disburseLoan: { id: string, status: LoanStatus } };

export type RecordRepaymentMutationVariables = Exact<{
  loanId: Scalars['ID']['input'];
  amount: Scalars['Int']['input'];
  paidAt: Scalars['DateTime']['input'];
}>;


export type RecordRepaymentMutation = { recordRepayment: { id: string, outstandingPrincipal: number, status: LoanStatus } };

export type RecordFollowUpMutationVariables = Exact<{
  loanId: Scalars['ID']['input'];
  note: Scalars['String']['input'];
  riskLevel: RiskLevel;
}>;


export type RecordFollowUpMutation = { recordFollowUp: { id: string } };

export type DecideReliefMutationVariables = Exact<{
  reliefId: Scalars['ID']['input'];
  approve: Scalars['Boolean']['input'];
  note?: InputMaybe<Scalars['String']['input']>;
}>;


export type DecideReliefMutation = { decideRelief: { id: string, status: ReliefStatus } };

export type GuarantorRequestsQueryVariables = Exact<{
  status?: InputMaybe<GuaranteeRequestStatus>;
}>;


export type GuarantorRequestsQuery = { guaranteeRequests: { totalCount: number, edges: Array<{ node: { id: string, status: GuaranteeRequestStatus, match: { id: string, bank: { id: string, name: string }, product: { id: string, name: string }, offer?: { amount: number, annualRate: number, termMonths: number } | null }, demand: { id: string, amount: number, termMonths: number, purpose: Purpose, collateral: Collateral }, quotes: Array<{ id: string, feeRate: number, coverageRatio: number, conditions?: string | null }> } }> } };

export type GuaranteeDemandEnterpriseQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type GuaranteeDemandEnterpriseQuery = { demand?: { id: string, enterprise: { id: string, name: string, tier: EnterpriseTier } } | null };

export type SubmitQuoteMutationVariables = Exact<{
  requestId: Scalars['ID']['input'];
  input: GuaranteeQuoteInput;
}>;


export type SubmitQuoteMutation = { submitGuaranteeQuote: { id: string, feeRate: number } };

export type DashboardQueryVariables = Exact<{
  from?: InputMaybe<Scalars['DateTime']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
}>;


export type DashboardQuery = { dashboard: { demandsPosted: number, demandsMatched: number, matchRate: number, amountRequested: number, amountOffered: number, amountDisbursed: number, medianHoursToFirstMatch?: number | null, medianHoursToBankResponse?: number | null, averageGuaranteeFeeRate?: number | null, guaranteeFeeRateTarget: number, loansActive: number, loansOverdue: number, governmentRiskExposure: number, bondReserveAmount: number, equityRoundsOpen: number, roadshowLeads: number, banksOverSla: Array<{ overdueMatches: number, bank: { id: string, name: string } }>, byTier: Array<{ tier: EnterpriseTier, demands: number, amountDisbursed: number }>, byBank: Array<{ matches: number, offers: number, amountDisbursed: number, bank: { id: string, name: string } }>, reliefRequests: Array<{ kind: ReliefKind, pending: number, approved: number, declined: number }>, listingByStage: Array<{ stage: ListingStage, count: number }> } };

export type EnterprisesQueryVariables = Exact<{
  tier?: InputMaybe<EnterpriseTier>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type EnterprisesQuery = { enterprises: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ node: { id: string, name: string, uscc: string, industry: string, town: string, tier: EnterpriseTier, whitelisted: boolean, annualRevenue?: number | null, employees?: number | null, rdSuperDeductionFiled?: number | null, highValuePatents?: number | null } }> } };

export type CertifyMutationVariables = Exact<{
  enterpriseId: Scalars['ID']['input'];
  tier: EnterpriseTier;
  whitelisted: Scalars['Boolean']['input'];
}>;


export type CertifyMutation = { certifyEnterprise: { id: string, tier: EnterpriseTier, whitelisted: boolean } };

export type SetPolicyMutationVariables = Exact<{
  input: PolicyInput;
}>;


export type SetPolicyMutation = { setPolicy: { guaranteeFeeRateCap: number, guaranteeFeeRateTarget: number, riskShareGuarantor: number, riskShareBank: number, riskShareGovernment: number, bankResponseSlaHours: number } };

export type MatchEventsSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type MatchEventsSubscription = { matchEvents: { type: MatchEventType, at: string, match: { id: string, status: MatchStatus, score: number } } };

export type CandidateFieldsFragment = { stage: ListingStage, coach?: string | null, enterprise: { id: string, name: string, tier: EnterpriseTier, industry: string }, history: Array<{ stage: ListingStage, at: string, note?: string | null }>, rewardsDue: Array<{ stage: ListingStage, amount: number }> };

export type FundMatchFieldsFragment = { id: string, score: number, status: MatchStatus, round: { id: string, amount: number, preMoneyValuation: number, useOfFunds: string, status: EquityRoundStatus }, fund: { id: string, name: string }, mandate: { id: string, name: string, minTicket: number, maxTicket: number }, reasons: Array<{ rule: string, passed: boolean, detail: string }> };

export type RoadshowFieldsFragment = { id: string, title: string, startsAt: string, industries: Array<string>, capacity: number, participants: Array<{ pitch: string, enterprise: { id: string, name: string } }>, leads: Array<{ note: string, institution: { id: string, name: string }, enterprise: { id: string } }> };

export type ListingPipelineQueryVariables = Exact<{
  stage?: InputMaybe<ListingStage>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type ListingPipelineQuery = { listingPipeline: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ node: { stage: ListingStage, coach?: string | null, enterprise: { id: string, name: string, tier: EnterpriseTier, industry: string }, history: Array<{ stage: ListingStage, at: string, note?: string | null }>, rewardsDue: Array<{ stage: ListingStage, amount: number }> } }> } };

export type SetListingStageMutationVariables = Exact<{
  enterpriseId: Scalars['ID']['input'];
  stage: ListingStage;
  note?: InputMaybe<Scalars['String']['input']>;
}>;


export type SetListingStageMutation = { setListingStage: { stage: ListingStage, coach?: string | null, enterprise: { id: string, name: string, tier: EnterpriseTier, industry: string }, history: Array<{ stage: ListingStage, at: string, note?: string | null }>, rewardsDue: Array<{ stage: ListingStage, amount: number }> } };

export type AssignListingCoachMutationVariables = Exact<{
  enterpriseId: Scalars['ID']['input'];
  coach: Scalars['String']['input'];
}>;


export type AssignListingCoachMutation = { assignListingCoach: { stage: ListingStage, coach?: string | null, enterprise: { id: string, name: string, tier: EnterpriseTier, industry: string }, history: Array<{ stage: ListingStage, at: string, note?: string | null }>, rewardsDue: Array<{ stage: ListingStage, amount: number }> } };

export type MarkListingRewardPaidMutationVariables = Exact<{
  enterpriseId: Scalars['ID']['input'];
  stage: ListingStage;
}>;


export type MarkListingRewardPaidMutation = { markListingRewardPaid: { stage: ListingStage, coach?: string | null, enterprise: { id: string, name: string, tier: EnterpriseTier, industry: string }, history: Array<{ stage: ListingStage, at: string, note?: string | null }>, rewardsDue: Array<{ stage: ListingStage, amount: number }> } };

export type RoadshowsQueryVariables = Exact<{
  upcoming?: InputMaybe<Scalars['Boolean']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type RoadshowsQuery = { roadshows: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ node: { id: string, title: string, startsAt: string, industries: Array<string>, capacity: number, participants: Array<{ pitch: string, enterprise: { id: string, name: string } }>, leads: Array<{ note: string, institution: { id: string, name: string }, enterprise: { id: string } }> } }> } };

export type ScheduleRoadshowMutationVariables = Exact<{
  input: RoadshowInput;
}>;


export type ScheduleRoadshowMutation = { scheduleRoadshow: { id: string, title: string, startsAt: string, industries: Array<string>, capacity: number, participants: Array<{ pitch: string, enterprise: { id: string, name: string } }>, leads: Array<{ note: string, institution: { id: string, name: string }, enterprise: { id: string } }> } };

export type JoinRoadshowMutationVariables = Exact<{
  roadshowId: Scalars['ID']['input'];
  pitch: Scalars['String']['input'];
}>;


export type JoinRoadshowMutation = { joinRoadshow: { id: string, title: string, startsAt: string, industries: Array<string>, capacity: number, participants: Array<{ pitch: string, enterprise: { id: string, name: string } }>, leads: Array<{ note: string, institution: { id: string, name: string }, enterprise: { id: string } }> } };

export type MyEquityRoundsQueryVariables = Exact<{ [key: string]: never; }>;


export type MyEquityRoundsQuery = { myEquityRounds: Array<{ id: string, amount: number, preMoneyValuation: number, useOfFunds: string, status: EquityRoundStatus, matches: Array<{ id: string, score: number, status: MatchStatus, round: { id: string, amount: number, preMoneyValuation: number, useOfFunds: string, status: EquityRoundStatus }, fund: { id: string, name: string }, mandate: { id: string, name: string, minTicket: number, maxTicket: number }, reasons: Array<{ rule: string, passed: boolean, detail: string }> }> }> };

export type PostEquityRoundMutationVariables = Exact<{
  input: EquityRoundInput;
}>;


export type PostEquityRoundMutation = { postEquityRound: { id: string, status: EquityRoundStatus } };

export type FundMatchesQueryVariables = Exact<{
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type FundMatchesQuery = { fundMatches: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ node: { id: string, score: number, status: MatchStatus, round: { id: string, amount: number, preMoneyValuation: number, useOfFunds: string, status: EquityRoundStatus }, fund: { id: string, name: string }, mandate: { id: string, name: string, minTicket: number, maxTicket: number }, reasons: Array<{ rule: string, passed: boolean, detail: string }> } }> } };

export type PublishFundMandateMutationVariables = Exact<{
  input: FundMandateInput;
}>;


export type PublishFundMandateMutation = { publishFundMandate: { id: string, name: string, minTicket: number, maxTicket: number, eligibleTiers: Array<EnterpriseTier>, industries: Array<string>, stages: Array<ListingStage> } };

export type RespondToFundMatchMutationVariables = Exact<{
  matchId: Scalars['ID']['input'];
  interested: Scalars['Boolean']['input'];
  note?: InputMaybe<Scalars['String']['input']>;
}>;


export type RespondToFundMatchMutation = { respondToFundMatch: { id: string, status: MatchStatus } };

export type AccountFieldsFragment = { id: string, email: string, role: Role, orgId?: string | null, disabled: boolean, mustChangePassword: boolean, lockedUntil?: string | null, lastLoginAt?: string | null };

export type MeAccountQueryVariables = Exact<{ [key: string]: never; }>;


export type MeAccountQuery = { me?: { id: string, email: string, role: Role, orgId?: string | null, mustChangePassword: boolean } | null };

export type ChangePasswordMutationVariables = Exact<{
  oldPassword: Scalars['String']['input'];
  newPassword: Scalars['String']['input'];
}>;


export type ChangePasswordMutation = { changePassword: { token: string, user: { id: string, email: string, role: Role, orgId?: string | null } } };

export type LogoutMutationVariables = Exact<{ [key: string]: never; }>;


export type LogoutMutation = { logout: boolean };

export type UsersQueryVariables = Exact<{
  role?: InputMaybe<Role>;
  orgId?: InputMaybe<Scalars['ID']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type UsersQuery = { users: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ node: { id: string, email: string, role: Role, orgId?: string | null, disabled: boolean, mustChangePassword: boolean, lockedUntil?: string | null, lastLoginAt?: string | null } }> } };

export type SetUserDisabledMutationVariables = Exact<{
  userId: Scalars['ID']['input'];
  disabled: Scalars['Boolean']['input'];
}>;


export type SetUserDisabledMutation = { setUserDisabled: { id: string, email: string, role: Role, orgId?: string | null, disabled: boolean, mustChangePassword: boolean, lockedUntil?: string | null, lastLoginAt?: string | null } };

export type UnlockUserMutationVariables = Exact<{
  userId: Scalars['ID']['input'];
}>;


export type UnlockUserMutation = { unlockUser: { id: string, email: string, role: Role, orgId?: string | null, disabled: boolean, mustChangePassword: boolean, lockedUntil?: string | null, lastLoginAt?: string | null } };

export type ResetPasswordMutationVariables = Exact<{
  userId: Scalars['ID']['input'];
}>;


export type ResetPasswordMutation = { resetPassword: { temporaryPassword: string, user: { id: string, email: string, role: Role, orgId?: string | null, disabled: boolean, mustChangePassword: boolean, lockedUntil?: string | null, lastLoginAt?: string | null } } };

export type AuditLogQueryVariables = Exact<{
  filter?: InputMaybe<AuditFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type AuditLogQuery = { auditLog: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ node: { id: string, seq: number, at: string, actorId?: string | null, actorRole?: Role | null, actorOrgId?: string | null, action: string, targetType: string, targetId?: string | null, correlationId?: string | null, detail?: string | null, prevHash: string, hash: string } }> } };

export type VerifyAuditLogQueryVariables = Exact<{ [key: string]: never; }>;


export type VerifyAuditLogQuery = { verifyAuditLog: { ok: boolean, checked: number, firstBrokenSeq?: number | null } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const ApiClientFieldsFragmentDoc = new TypedDocumentString(`
    fragment ApiClientFields on ApiClient {
  id
  name
  clientId
  scopes
  disabled
  createdAt
  lastUsedAt
}
    `, {"fragmentName":"ApiClientFields"}) as unknown as TypedDocumentString<ApiClientFieldsFragment, unknown>;
export const WebhookFieldsFragmentDoc = new TypedDocumentString(`
    fragment WebhookFields on Webhook {
  id
  url
  events
  active
  createdAt
}
    `, {"fragmentName":"WebhookFields"}) as unknown as TypedDocumentString<WebhookFieldsFragment, unknown>;
export const OfferFieldsFragmentDoc = new TypedDocumentString(`
    fragment OfferFields on Offer {
  amount
  annualRate
  termMonths
  conditions
  allInAnnualRate
}
    `, {"fragmentName":"OfferFields"}) as unknown as TypedDocumentString<OfferFieldsFragment, unknown>;
export const ProductFieldsFragmentDoc = new TypedDocumentString(`
    fragment ProductFields on Product {
  id
  name
  status
  minAmount
  maxAmount
  minTermMonths
  maxTermMonths
  annualRateMin
  annualRateMax
  eligibleTiers
  industries
  purposes
  collateralAccepted
  requiresWhitelist
  requiresGuarantee
  rdUpliftThreshold
  rdUpliftRatio
  policyTags
  bank {
    id
    name
  }
}
    `, {"fragmentName":"ProductFields"}) as unknown as TypedDocumentString<ProductFieldsFragment, unknown>;
export const LoanFieldsFragmentDoc = new TypedDocumentString(`
    fragment LoanFields on Loan {
  id
  amount
  annualRate
  termMonths
  repaymentMethod
  disbursedAt
  outstandingPrincipal
  status
  guaranteeFeeRate
  enterprise {
    id
    name
  }
  bank {
    id
    name
  }
  match {
    id
  }
  schedule {
    dueDate
    principal
    interest
    paid
  }
  reliefs {
    id
    kind
    status
    reason
    months
    amount
  }
  followUps {
    note
    riskLevel
    at
  }
  riskShare {
    guarantor
    bank
    government
  }
}
    `, {"fragmentName":"LoanFields"}) as unknown as TypedDocumentString<LoanFieldsFragment, unknown>;
export const CandidateFieldsFragmentDoc = new TypedDocumentString(`
    fragment CandidateFields on ListingCandidate {
  enterprise {
    id
    name
    tier
    industry
  }
  stage
  coach
  history {
    stage
    at
    note
  }
  rewardsDue {
    stage
    amount
  }
}
    `, {"fragmentName":"CandidateFields"}) as unknown as TypedDocumentString<CandidateFieldsFragment, unknown>;
export const ReasonFieldsFragmentDoc = new TypedDocumentString(`
    fragment ReasonFields on MatchReason {
  rule
  passed
  detail
}
    `, {"fragmentName":"ReasonFields"}) as unknown as TypedDocumentString<ReasonFieldsFragment, unknown>;
export const FundMatchFieldsFragmentDoc = new TypedDocumentString(`
    fragment FundMatchFields on FundMatch {
  id
  score
  status
  round {
    id
    amount
    preMoneyValuation
    useOfFunds
    status
  }
  fund {
    id
    name
  }
  mandate {
    id
    name
    minTicket
    maxTicket
  }
  reasons {
    ...ReasonFields
  }
}
    fragment ReasonFields on MatchReason {
  rule
  passed
  detail
}`, {"fragmentName":"FundMatchFields"}) as unknown as TypedDocumentString<FundMatchFieldsFragment, unknown>;
export const RoadshowFieldsFragmentDoc = new TypedDocumentString(`
    fragment RoadshowFields on Roadshow {
  id
  title
  startsAt
  industries
  capacity
  participants {
    enterprise {
      id
      name
    }
    pitch
  }
  leads {
    institution {
      id
      name
    }
    enterprise {
      id
    }
    note
  }
}
    `, {"fragmentName":"RoadshowFields"}) as unknown as TypedDocumentString<RoadshowFieldsFragment, unknown>;
export const AccountFieldsFragmentDoc = new TypedDocumentString(`
    fragment AccountFields on User {
  id
  email
  role
  orgId
  disabled
  mustChangePassword
  lockedUntil
  lastLoginAt
}
    `, {"fragmentName":"AccountFields"}) as unknown as TypedDocumentString<AccountFieldsFragment, unknown>;
export const ApiClientsDocument = new TypedDocumentString(`
    query ApiClients {
  apiClients {
    ...ApiClientFields
  }
}
    fragment ApiClientFields on ApiClient {
  id
  name
  clientId
  scopes
  disabled
  createdAt
  lastUsedAt
}`) as unknown as TypedDocumentString<ApiClientsQuery, ApiClientsQueryVariables>;
export const CreateApiClientDocument = new TypedDocumentString(`
    mutation CreateApiClient($name: String!, $scopes: [ApiScope!]!) {
  createApiClient(name: $name, scopes: $scopes) {
    clientSecret
    client {
      ...ApiClientFields
    }
  }
}
    fragment ApiClientFields on ApiClient {
  id
  name
  clientId
  scopes
  disabled
  createdAt
  lastUsedAt
}`) as unknown as TypedDocumentString<CreateApiClientMutation, CreateApiClientMutationVariables>;
export const RotateApiClientSecretDocument = new TypedDocumentString(`
    mutation RotateApiClientSecret($id: ID!) {
  rotateApiClientSecret(id: $id) {
    clientSecret
    client {
      ...ApiClientFields
    }
  }
}
    fragment ApiClientFields on ApiClient {
  id
  name
  clientId
  scopes
  disabled
  createdAt
  lastUsedAt
}`) as unknown as TypedDocumentString<RotateApiClientSecretMutation, RotateApiClientSecretMutationVariables>;
export const SetApiClientDisabledDocument = new TypedDocumentString(`
    mutation SetApiClientDisabled($id: ID!, $disabled: Boolean!) {
  setApiClientDisabled(id: $id, disabled: $disabled) {
    ...ApiClientFields
  }
}
    fragment ApiClientFields on ApiClient {
  id
  name
  clientId
  scopes
  disabled
  createdAt
  lastUsedAt
}`) as unknown as TypedDocumentString<SetApiClientDisabledMutation, SetApiClientDisabledMutationVariables>;
export const WebhooksDocument = new TypedDocumentString(`
    query Webhooks {
  webhooks {
    ...WebhookFields
  }
}
    fragment WebhookFields on Webhook {
  id
  url
  events
  active
  createdAt
}`) as unknown as TypedDocumentString<WebhooksQuery, WebhooksQueryVariables>;
export const RegisterWebhookDocument = new TypedDocumentString(`
    mutation RegisterWebhook($url: String!, $events: [WebhookEvent!]!) {
  registerWebhook(url: $url, events: $events) {
    signingSecret
    webhook {
      ...WebhookFields
    }
  }
}
    fragment WebhookFields on Webhook {
  id
  url
  events
  active
  createdAt
}`) as unknown as TypedDocumentString<RegisterWebhookMutation, RegisterWebhookMutationVariables>;
export const SetWebhookActiveDocument = new TypedDocumentString(`
    mutation SetWebhookActive($id: ID!, $active: Boolean!) {
  setWebhookActive(id: $id, active: $active) {
    ...WebhookFields
  }
}
    fragment WebhookFields on Webhook {
  id
  url
  events
  active
  createdAt
}`) as unknown as TypedDocumentString<SetWebhookActiveMutation, SetWebhookActiveMutationVariables>;
export const WebhookDeliveriesDocument = new TypedDocumentString(`
    query WebhookDeliveries($webhookId: ID, $status: DeliveryStatus, $first: Int, $after: String) {
  webhookDeliveries(
    webhookId: $webhookId
    status: $status
    first: $first
    after: $after
  ) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        id
        eventId
        event
        status
        attempts
        lastStatusCode
        lastError
        nextAttemptAt
        deliveredAt
        createdAt
        webhook {
          id
          url
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<WebhookDeliveriesQuery, WebhookDeliveriesQueryVariables>;
export const RedeliverWebhookDocument = new TypedDocumentString(`
    mutation RedeliverWebhook($deliveryId: ID!) {
  redeliverWebhook(deliveryId: $deliveryId) {
    id
    eventId
    status
  }
}
    `) as unknown as TypedDocumentString<RedeliverWebhookMutation, RedeliverWebhookMutationVariables>;
export const LoginDocument = new TypedDocumentString(`
    mutation Login($email: String!, $password: String!) {
  login(email: $email, password: $password) {
    token
    user {
      id
      email
      role
      orgId
    }
  }
}
    `) as unknown as TypedDocumentString<LoginMutation, LoginMutationVariables>;
export const MeDocument = new TypedDocumentString(`
    query Me {
  me {
    id
    email
    role
    orgId
  }
}
    `) as unknown as TypedDocumentString<MeQuery, MeQueryVariables>;
export const PolicyQDocument = new TypedDocumentString(`
    query PolicyQ {
  policy {
    guaranteeFeeRateCap
    guaranteeFeeRateTarget
    riskShareGuarantor
    riskShareBank
    riskShareGovernment
    bankResponseSlaHours
  }
}
    `) as unknown as TypedDocumentString<PolicyQQuery, PolicyQQueryVariables>;
export const EnterpriseProfileDocument = new TypedDocumentString(`
    query EnterpriseProfile($id: ID!) {
  enterprise(id: $id) {
    id
    name
    uscc
    industry
    town
    tier
    whitelisted
    annualRevenue
    employees
    rdSuperDeductionFiled
    highValuePatents
  }
}
    `) as unknown as TypedDocumentString<EnterpriseProfileQuery, EnterpriseProfileQueryVariables>;
export const UpdateProfileDocument = new TypedDocumentString(`
    mutation UpdateProfile($input: EnterpriseProfileInput!) {
  updateEnterpriseProfile(input: $input) {
    id
    annualRevenue
    employees
    rdSuperDeductionFiled
    highValuePatents
    tier
    whitelisted
  }
}
    `) as unknown as TypedDocumentString<UpdateProfileMutation, UpdateProfileMutationVariables>;
export const MyDemandsDocument = new TypedDocumentString(`
    query MyDemands {
  myDemands {
    id
    amount
    termMonths
    purpose
    collateral
    maxAnnualRate
    needsGuarantee
    description
    status
    createdAt
    matches {
      id
      status
      score
    }
  }
}
    `) as unknown as TypedDocumentString<MyDemandsQuery, MyDemandsQueryVariables>;
export const PostDemandDocument = new TypedDocumentString(`
    mutation PostDemand($input: DemandInput!) {
  postDemand(input: $input) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<PostDemandMutation, PostDemandMutationVariables>;
export const WithdrawDemandDocument = new TypedDocumentString(`
    mutation WithdrawDemand($id: ID!) {
  withdrawDemand(id: $id) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<WithdrawDemandMutation, WithdrawDemandMutationVariables>;
export const DemandDetailDocument = new TypedDocumentString(`
    query DemandDetail($id: ID!) {
  demand(id: $id) {
    id
    amount
    termMonths
    purpose
    collateral
    maxAnnualRate
    needsGuarantee
    description
    status
    createdAt
    matches {
      id
      score
      status
      createdAt
      bank {
        id
        name
      }
      product {
        id
        name
        policyTags
        annualRateMin
        annualRateMax
      }
      reasons {
        ...ReasonFields
      }
      offer {
        ...OfferFields
      }
    }
  }
}
    fragment ReasonFields on MatchReason {
  rule
  passed
  detail
}
fragment OfferFields on Offer {
  amount
  annualRate
  termMonths
  conditions
  allInAnnualRate
}`) as unknown as TypedDocumentString<DemandDetailQuery, DemandDetailQueryVariables>;
export const AcceptOfferDocument = new TypedDocumentString(`
    mutation AcceptOffer($matchId: ID!) {
  acceptOffer(matchId: $matchId) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<AcceptOfferMutation, AcceptOfferMutationVariables>;
export const MyGuaranteeRequestsDocument = new TypedDocumentString(`
    query MyGuaranteeRequests($status: GuaranteeRequestStatus) {
  guaranteeRequests(status: $status, first: 100) {
    totalCount
    edges {
      node {
        id
        status
        match {
          id
          bank {
            name
          }
          product {
            name
          }
          offer {
            amount
          }
        }
        demand {
          id
          amount
          termMonths
          enterprise {
            id
            name
            tier
          }
        }
        quotes {
          id
          feeRate
          coverageRatio
          conditions
          guarantor {
            id
            name
          }
        }
        selectedQuote {
          id
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<MyGuaranteeRequestsQuery, MyGuaranteeRequestsQueryVariables>;
export const SelectQuoteDocument = new TypedDocumentString(`
    mutation SelectQuote($quoteId: ID!) {
  selectGuaranteeQuote(quoteId: $quoteId) {
    id
    status
    selectedQuote {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<SelectQuoteMutation, SelectQuoteMutationVariables>;
export const LoansDocument = new TypedDocumentString(`
    query Loans($status: LoanStatus) {
  loans(status: $status, first: 100) {
    totalCount
    edges {
      node {
        ...LoanFields
      }
    }
  }
}
    fragment LoanFields on Loan {
  id
  amount
  annualRate
  termMonths
  repaymentMethod
  disbursedAt
  outstandingPrincipal
  status
  guaranteeFeeRate
  enterprise {
    id
    name
  }
  bank {
    id
    name
  }
  match {
    id
  }
  schedule {
    dueDate
    principal
    interest
    paid
  }
  reliefs {
    id
    kind
    status
    reason
    months
    amount
  }
  followUps {
    note
    riskLevel
    at
  }
  riskShare {
    guarantor
    bank
    government
  }
}`) as unknown as TypedDocumentString<LoansQuery, LoansQueryVariables>;
export const RequestReliefDocument = new TypedDocumentString(`
    mutation RequestRelief($loanId: ID!, $kind: ReliefKind!, $reason: String!, $months: Int, $amount: Int) {
  requestRelief(
    loanId: $loanId
    kind: $kind
    reason: $reason
    months: $months
    amount: $amount
  ) {
    id
    kind
    status
  }
}
    `) as unknown as TypedDocumentString<RequestReliefMutation, RequestReliefMutationVariables>;
export const ProductsDocument = new TypedDocumentString(`
    query Products($bankId: ID) {
  products(bankId: $bankId, first: 100) {
    totalCount
    edges {
      node {
        ...ProductFields
      }
    }
  }
}
    fragment ProductFields on Product {
  id
  name
  status
  minAmount
  maxAmount
  minTermMonths
  maxTermMonths
  annualRateMin
  annualRateMax
  eligibleTiers
  industries
  purposes
  collateralAccepted
  requiresWhitelist
  requiresGuarantee
  rdUpliftThreshold
  rdUpliftRatio
  policyTags
  bank {
    id
    name
  }
}`) as unknown as TypedDocumentString<ProductsQuery, ProductsQueryVariables>;
export const PublishProductDocument = new TypedDocumentString(`
    mutation PublishProduct($input: ProductInput!) {
  publishProduct(input: $input) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<PublishProductMutation, PublishProductMutationVariables>;
export const SuspendProductDocument = new TypedDocumentString(`
    mutation SuspendProduct($id: ID!) {
  suspendProduct(id: $id) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<SuspendProductMutation, SuspendProductMutationVariables>;
export const BankMatchesDocument = new TypedDocumentString(`
    query BankMatches($status: MatchStatus, $after: String) {
  bankMatches(status: $status, first: 100, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        id
        score
        status
        createdAt
        product {
          id
          name
          maxAmount
          minAmount
          rdUpliftThreshold
          rdUpliftRatio
          annualRateMin
          annualRateMax
          minTermMonths
          maxTermMonths
        }
        demand {
          id
          amount
          termMonths
          purpose
          collateral
          maxAnnualRate
          needsGuarantee
          enterprise {
            id
            name
            tier
            whitelisted
            industry
            rdSuperDeductionFiled
          }
        }
        reasons {
          ...ReasonFields
        }
        offer {
          ...OfferFields
        }
      }
    }
  }
}
    fragment ReasonFields on MatchReason {
  rule
  passed
  detail
}
fragment OfferFields on Offer {
  amount
  annualRate
  termMonths
  conditions
  allInAnnualRate
}`) as unknown as TypedDocumentString<BankMatchesQuery, BankMatchesQueryVariables>;
export const RespondToMatchDocument = new TypedDocumentString(`
    mutation RespondToMatch($matchId: ID!, $interested: Boolean!, $reason: String) {
  respondToMatch(matchId: $matchId, interested: $interested, reason: $reason) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<RespondToMatchMutation, RespondToMatchMutationVariables>;
export const MakeOfferDocument = new TypedDocumentString(`
    mutation MakeOffer($matchId: ID!, $input: OfferInput!) {
  makeOffer(matchId: $matchId, input: $input) {
    id
    status
    offer {
      ...OfferFields
    }
  }
}
    fragment OfferFields on Offer {
  amount
  annualRate
  termMonths
  conditions
  allInAnnualRate
}`) as unknown as TypedDocumentString<MakeOfferMutation, MakeOfferMutationVariables>;
export const DisburseLoanDocument = new TypedDocumentString(`
    mutation DisburseLoan($matchId: ID!, $input: DisburseLoanInput!) {
  disburseLoan(matchId: $matchId, input: $input) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<DisburseLoanMutation, DisburseLoanMutationVariables>;
export const RecordRepaymentDocument = new TypedDocumentString(`
    mutation RecordRepayment($loanId: ID!, $amount: Int!, $paidAt: DateTime!) {
  recordRepayment(loanId: $loanId, amount: $amount, paidAt: $paidAt) {
    id
    outstandingPrincipal
    status
  }
}
    `) as unknown as TypedDocumentString<RecordRepaymentMutation, RecordRepaymentMutationVariables>;
export const RecordFollowUpDocument = new TypedDocumentString(`
    mutation RecordFollowUp($loanId: ID!, $note: String!, $riskLevel: RiskLevel!) {
  recordFollowUp(loanId: $loanId, note: $note, riskLevel: $riskLevel) {
    id
  }
}
    `) as unknown as TypedDocumentString<RecordFollowUpMutation, RecordFollowUpMutationVariables>;
export const DecideReliefDocument = new TypedDocumentString(`
    mutation DecideRelief($reliefId: ID!, $approve: Boolean!, $note: String) {
  decideRelief(reliefId: $reliefId, approve: $approve, note: $note) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<DecideReliefMutation, DecideReliefMutationVariables>;
export const GuarantorRequestsDocument = new TypedDocumentString(`
    query GuarantorRequests($status: GuaranteeRequestStatus) {
  guaranteeRequests(status: $status, first: 100) {
    totalCount
    edges {
      node {
        id
        status
        match {
          id
          bank {
            id
            name
          }
          product {
            id
            name
          }
          offer {
            amount
            annualRate
            termMonths
          }
        }
        demand {
          id
          amount
          termMonths
          purpose
          collateral
        }
        quotes {
          id
          feeRate
          coverageRatio
          conditions
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<GuarantorRequestsQuery, GuarantorRequestsQueryVariables>;
export const GuaranteeDemandEnterpriseDocument = new TypedDocumentString(`
    query GuaranteeDemandEnterprise($id: ID!) {
  demand(id: $id) {
    id
    enterprise {
      id
      name
      tier
    }
  }
}
    `) as unknown as TypedDocumentString<GuaranteeDemandEnterpriseQuery, GuaranteeDemandEnterpriseQueryVariables>;
export const SubmitQuoteDocument = new TypedDocumentString(`
    mutation SubmitQuote($requestId: ID!, $input: GuaranteeQuoteInput!) {
  submitGuaranteeQuote(requestId: $requestId, input: $input) {
    id
    feeRate
  }
}
    `) as unknown as TypedDocumentString<SubmitQuoteMutation, SubmitQuoteMutationVariables>;
export const DashboardDocument = new TypedDocumentString(`
    query Dashboard($from: DateTime, $to: DateTime) {
  dashboard(from: $from, to: $to) {
    demandsPosted
    demandsMatched
    matchRate
    amountRequested
    amountOffered
    amountDisbursed
    medianHoursToFirstMatch
    medianHoursToBankResponse
    averageGuaranteeFeeRate
    guaranteeFeeRateTarget
    banksOverSla {
      bank {
        id
        name
      }
      overdueMatches
    }
    byTier {
      tier
      demands
      amountDisbursed
    }
    byBank {
      bank {
        id
        name
      }
      matches
      offers
      amountDisbursed
    }
    loansActive
    loansOverdue
    reliefRequests {
      kind
      pending
      approved
      declined
    }
    governmentRiskExposure
    listingByStage {
      stage
      count
    }
    bondReserveAmount
    equityRoundsOpen
    roadshowLeads
  }
}
    `) as unknown as TypedDocumentString<DashboardQuery, DashboardQueryVariables>;
export const EnterprisesDocument = new TypedDocumentString(`
    query Enterprises($tier: EnterpriseTier, $after: String) {
  enterprises(tier: $tier, first: 100, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        id
        name
        uscc
        industry
        town
        tier
        whitelisted
        annualRevenue
        employees
        rdSuperDeductionFiled
        highValuePatents
      }
    }
  }
}
    `) as unknown as TypedDocumentString<EnterprisesQuery, EnterprisesQueryVariables>;
export const CertifyDocument = new TypedDocumentString(`
    mutation Certify($enterpriseId: ID!, $tier: EnterpriseTier!, $whitelisted: Boolean!) {
  certifyEnterprise(
    enterpriseId: $enterpriseId
    tier: $tier
    whitelisted: $whitelisted
  ) {
    id
    tier
    whitelisted
  }
}
    `) as unknown as TypedDocumentString<CertifyMutation, CertifyMutationVariables>;
export const SetPolicyDocument = new TypedDocumentString(`
    mutation SetPolicy($input: PolicyInput!) {
  setPolicy(input: $input) {
    guaranteeFeeRateCap
    guaranteeFeeRateTarget
    riskShareGuarantor
    riskShareBank
    riskShareGovernment
    bankResponseSlaHours
  }
}
    `) as unknown as TypedDocumentString<SetPolicyMutation, SetPolicyMutationVariables>;
export const MatchEventsDocument = new TypedDocumentString(`
    subscription MatchEvents {
  matchEvents {
    type
    at
    match {
      id
      status
      score
    }
  }
}
    `) as unknown as TypedDocumentString<MatchEventsSubscription, MatchEventsSubscriptionVariables>;
export const ListingPipelineDocument = new TypedDocumentString(`
    query ListingPipeline($stage: ListingStage, $after: String) {
  listingPipeline(stage: $stage, first: 100, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        ...CandidateFields
      }
    }
  }
}
    fragment CandidateFields on ListingCandidate {
  enterprise {
    id
    name
    tier
    industry
  }
  stage
  coach
  history {
    stage
    at
    note
  }
  rewardsDue {
    stage
    amount
  }
}`) as unknown as TypedDocumentString<ListingPipelineQuery, ListingPipelineQueryVariables>;
export const SetListingStageDocument = new TypedDocumentString(`
    mutation SetListingStage($enterpriseId: ID!, $stage: ListingStage!, $note: String) {
  setListingStage(enterpriseId: $enterpriseId, stage: $stage, note: $note) {
    ...CandidateFields
  }
}
    fragment CandidateFields on ListingCandidate {
  enterprise {
    id
    name
    tier
    industry
  }
  stage
  coach
  history {
    stage
    at
    note
  }
  rewardsDue {
    stage
    amount
  }
}`) as unknown as TypedDocumentString<SetListingStageMutation, SetListingStageMutationVariables>;
export const AssignListingCoachDocument = new TypedDocumentString(`
    mutation AssignListingCoach($enterpriseId: ID!, $coach: String!) {
  assignListingCoach(enterpriseId: $enterpriseId, coach: $coach) {
    ...CandidateFields
  }
}
    fragment CandidateFields on ListingCandidate {
  enterprise {
    id
    name
    tier
    industry
  }
  stage
  coach
  history {
    stage
    at
    note
  }
  rewardsDue {
    stage
    amount
  }
}`) as unknown as TypedDocumentString<AssignListingCoachMutation, AssignListingCoachMutationVariables>;
export const MarkListingRewardPaidDocument = new TypedDocumentString(`
    mutation MarkListingRewardPaid($enterpriseId: ID!, $stage: ListingStage!) {
  markListingRewardPaid(enterpriseId: $enterpriseId, stage: $stage) {
    ...CandidateFields
  }
}
    fragment CandidateFields on ListingCandidate {
  enterprise {
    id
    name
    tier
    industry
  }
  stage
  coach
  history {
    stage
    at
    note
  }
  rewardsDue {
    stage
    amount
  }
}`) as unknown as TypedDocumentString<MarkListingRewardPaidMutation, MarkListingRewardPaidMutationVariables>;
export const RoadshowsDocument = new TypedDocumentString(`
    query Roadshows($upcoming: Boolean, $after: String) {
  roadshows(upcoming: $upcoming, first: 100, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        ...RoadshowFields
      }
    }
  }
}
    fragment RoadshowFields on Roadshow {
  id
  title
  startsAt
  industries
  capacity
  participants {
    enterprise {
      id
      name
    }
    pitch
  }
  leads {
    institution {
      id
      name
    }
    enterprise {
      id
    }
    note
  }
}`) as unknown as TypedDocumentString<RoadshowsQuery, RoadshowsQueryVariables>;
export const ScheduleRoadshowDocument = new TypedDocumentString(`
    mutation ScheduleRoadshow($input: RoadshowInput!) {
  scheduleRoadshow(input: $input) {
    ...RoadshowFields
  }
}
    fragment RoadshowFields on Roadshow {
  id
  title
  startsAt
  industries
  capacity
  participants {
    enterprise {
      id
      name
    }
    pitch
  }
  leads {
    institution {
      id
      name
    }
    enterprise {
      id
    }
    note
  }
}`) as unknown as TypedDocumentString<ScheduleRoadshowMutation, ScheduleRoadshowMutationVariables>;
export const JoinRoadshowDocument = new TypedDocumentString(`
    mutation JoinRoadshow($roadshowId: ID!, $pitch: String!) {
  joinRoadshow(roadshowId: $roadshowId, pitch: $pitch) {
    ...RoadshowFields
  }
}
    fragment RoadshowFields on Roadshow {
  id
  title
  startsAt
  industries
  capacity
  participants {
    enterprise {
      id
      name
    }
    pitch
  }
  leads {
    institution {
      id
      name
    }
    enterprise {
      id
    }
    note
  }
}`) as unknown as TypedDocumentString<JoinRoadshowMutation, JoinRoadshowMutationVariables>;
export const MyEquityRoundsDocument = new TypedDocumentString(`
    query MyEquityRounds {
  myEquityRounds {
    id
    amount
    preMoneyValuation
    useOfFunds
    status
    matches {
      ...FundMatchFields
    }
  }
}
    fragment ReasonFields on MatchReason {
  rule
  passed
  detail
}
fragment FundMatchFields on FundMatch {
  id
  score
  status
  round {
    id
    amount
    preMoneyValuation
    useOfFunds
    status
  }
  fund {
    id
    name
  }
  mandate {
    id
    name
    minTicket
    maxTicket
  }
  reasons {
    ...ReasonFields
  }
}`) as unknown as TypedDocumentString<MyEquityRoundsQuery, MyEquityRoundsQueryVariables>;
export const PostEquityRoundDocument = new TypedDocumentString(`
    mutation PostEquityRound($input: EquityRoundInput!) {
  postEquityRound(input: $input) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<PostEquityRoundMutation, PostEquityRoundMutationVariables>;
export const FundMatchesDocument = new TypedDocumentString(`
    query FundMatches($after: String) {
  fundMatches(first: 100, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        ...FundMatchFields
      }
    }
  }
}
    fragment ReasonFields on MatchReason {
  rule
  passed
  detail
}
fragment FundMatchFields on FundMatch {
  id
  score
  status
  round {
    id
    amount
    preMoneyValuation
    useOfFunds
    status
  }
  fund {
    id
    name
  }
  mandate {
    id
    name
    minTicket
    maxTicket
  }
  reasons {
    ...ReasonFields
  }
}`) as unknown as TypedDocumentString<FundMatchesQuery, FundMatchesQueryVariables>;
export const PublishFundMandateDocument = new TypedDocumentString(`
    mutation PublishFundMandate($input: FundMandateInput!) {
  publishFundMandate(input: $input) {
    id
    name
    minTicket
    maxTicket
    eligibleTiers
    industries
    stages
  }
}
    `) as unknown as TypedDocumentString<PublishFundMandateMutation, PublishFundMandateMutationVariables>;
export const RespondToFundMatchDocument = new TypedDocumentString(`
    mutation RespondToFundMatch($matchId: ID!, $interested: Boolean!, $note: String) {
  respondToFundMatch(matchId: $matchId, interested: $interested, note: $note) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<RespondToFundMatchMutation, RespondToFundMatchMutationVariables>;
export const MeAccountDocument = new TypedDocumentString(`
    query MeAccount {
  me {
    id
    email
    role
    orgId
    mustChangePassword
  }
}
    `) as unknown as TypedDocumentString<MeAccountQuery, MeAccountQueryVariables>;
export const ChangePasswordDocument = new TypedDocumentString(`
    mutation ChangePassword($oldPassword: String!, $newPassword: String!) {
  changePassword(oldPassword: $oldPassword, newPassword: $newPassword) {
    token
    user {
      id
      email
      role
      orgId
    }
  }
}
    `) as unknown as TypedDocumentString<ChangePasswordMutation, ChangePasswordMutationVariables>;
export const LogoutDocument = new TypedDocumentString(`
    mutation Logout {
  logout
}
    `) as unknown as TypedDocumentString<LogoutMutation, LogoutMutationVariables>;
export const UsersDocument = new TypedDocumentString(`
    query Users($role: Role, $orgId: ID, $first: Int, $after: String) {
  users(role: $role, orgId: $orgId, first: $first, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        ...AccountFields
      }
    }
  }
}
    fragment AccountFields on User {
  id
  email
  role
  orgId
  disabled
  mustChangePassword
  lockedUntil
  lastLoginAt
}`) as unknown as TypedDocumentString<UsersQuery, UsersQueryVariables>;
export const SetUserDisabledDocument = new TypedDocumentString(`
    mutation SetUserDisabled($userId: ID!, $disabled: Boolean!) {
  setUserDisabled(userId: $userId, disabled: $disabled) {
    ...AccountFields
  }
}
    fragment AccountFields on User {
  id
  email
  role
  orgId
  disabled
  mustChangePassword
  lockedUntil
  lastLoginAt
}`) as unknown as TypedDocumentString<SetUserDisabledMutation, SetUserDisabledMutationVariables>;
export const UnlockUserDocument = new TypedDocumentString(`
    mutation UnlockUser($userId: ID!) {
  unlockUser(userId: $userId) {
    ...AccountFields
  }
}
    fragment AccountFields on User {
  id
  email
  role
  orgId
  disabled
  mustChangePassword
  lockedUntil
  lastLoginAt
}`) as unknown as TypedDocumentString<UnlockUserMutation, UnlockUserMutationVariables>;
export const ResetPasswordDocument = new TypedDocumentString(`
    mutation ResetPassword($userId: ID!) {
  resetPassword(userId: $userId) {
    temporaryPassword
    user {
      ...AccountFields
    }
  }
}
    fragment AccountFields on User {
  id
  email
  role
  orgId
  disabled
  mustChangePassword
  lockedUntil
  lastLoginAt
}`) as unknown as TypedDocumentString<ResetPasswordMutation, ResetPasswordMutationVariables>;
export const AuditLogDocument = new TypedDocumentString(`
    query AuditLog($filter: AuditFilter, $first: Int, $after: String) {
  auditLog(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        id
        seq
        at
        actorId
        actorRole
        actorOrgId
        action
        targetType
        targetId
        correlationId
        detail
        prevHash
        hash
      }
    }
  }
}
    `) as unknown as TypedDocumentString<AuditLogQuery, AuditLogQueryVariables>;
export const VerifyAuditLogDocument = new TypedDocumentString(`
    query VerifyAuditLog {
  verifyAuditLog {
    ok
    checked
    firstBrokenSeq
  }
}
    `) as unknown as TypedDocumentString<VerifyAuditLogQuery, VerifyAuditLogQueryVariables>;