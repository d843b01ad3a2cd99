import { loadConfig, z } from '@yinqi/config';
import { DEFAULT_COPY_WAIT_MS } from '@yinqi/events';
import { DEFAULT_RENEWAL_WINDOW_DAYS } from './domain/deps';

/** Settings of the loan service beyond what every service shares (service-kit). */
export const loanEnvSchema = z.object({
  /** Days before maturity at which loan.maturity-approaching is raised (到期提醒). */
  MATURITY_NOTICE_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** How often the maturity/overdue sweep runs; every replica sweeps, the writes are conditional. */
  LOAN_SWEEP_INTERVAL_MS: z.coerce.number().int().min(100).max(86_400_000).default(5_000),
  /** 无还本续贷 only "at or near maturity": requested no earlier than this many days before it (else POLICY_VIOLATION). */
  RENEWAL_WINDOW_DAYS: z.coerce.number().int().min(0).max(366).default(DEFAULT_RENEWAL_WINDOW_DAYS),
  /** How long disburseLoan waits for an acceptance or a quote selection made a moment ago to reach this service. */
  LOAN_COPY_WAIT_MS: z.coerce.number().int().min(0).max(60_000).default(DEFAULT_COPY_WAIT_MS),
});
export type LoanConfig = z.infer<typeof loanEnvSchema>;

export const loadLoanConfig = (env: NodeJS.ProcessEnv = process.env): LoanConfig => loadConfig(loanEnvSchema, env);
