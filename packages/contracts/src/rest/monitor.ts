import type { PolicySnapshot } from '../credit-events';
import type { Tier } from '../domain';
import type { ReliefKind } from '../loan-events';

/** A bank named in the dashboard; the gateway resolves the Institution from `bankId`. */
export interface BankRefDto {
  bankId: string;
  /** From institution.created; null until that event has been seen. */
  bankName: string | null;
}

/** One plan target (规划目标) beside its live number. */
export interface PlanTargetDto {
  key: string;
  name: string;
  target: number;
  actual: number | null;
  unit: string;
  comparison: string;
  due: string | null;
  met: boolean | null;
}

/** The finance centre's dashboard as the monitor answers it (definitions: services/monitor/README.md). */
export interface DashboardDto {
  demandsPosted: number;
  demandsMatched: number;
  matchRate: number;
  amountRequested: number;
  amountOffered: number;
  amountDisbursed: number;
  medianHoursToFirstMatch: number | null;
  medianHoursToBankResponse: number | null;
  averageGuaranteeFeeRate: number | null;
  guaranteeFeeRateTarget: number;
  banksOverSla: (BankRefDto & { overdueMatches: number })[];
  byTier: { tier: Tier; demands: number; amountDisbursed: number }[];
  byBank: (BankRefDto & { matches: number; offers: number; amountDisbursed: number })[];
  loansActive: number;
  loansOverdue: number;
  reliefRequests: { kind: ReliefKind; pending: number; approved: number; declined: number }[];
  governmentRiskExposure: number;
  listingByStage: { stage: string; count: number }[];
  bondReserveAmount: number;
  equityRoundsOpen: number;
  roadshowLeads: number;
  /** Beyond the contract (which allows added fields): the plan's targets beside their live numbers. */
  planTargets: PlanTargetDto[];
  /** Beyond the contract: the period and the "now" the numbers were computed for, and the SLA used. */
  from: string | null;
  to: string | null;
  asOf: string;
  bankResponseSlaHours: number;
  /** How the SLA was counted, and the working days when by WORKING_DAYS. */
  bankResponseSlaBasis: PolicySnapshot['bankResponseSlaBasis'];
  bankResponseSlaWorkingDays: number;
}
