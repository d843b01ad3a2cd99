import type { Principal } from '@yinqi/auth';
import type { FundMandateDto } from '@yinqi/contracts';
import { forbidden } from '@yinqi/errors';
import type { EquityDeps } from './deps';
import { byNewest, mandateDto } from './equity-dtos';

/** The fund's mandates, newest first. */
export async function listMyFundMandates({ repo }: EquityDeps, p: Principal): Promise<FundMandateDto[]> {
  if (p.role !== 'FUND_OFFICER' || !p.orgId) throw forbidden('Only fund officers have mandates');
  const ms = await repo.mandates.findMany({ fundId: p.orgId });
  return ms.sort(byNewest).map(mandateDto);
}
