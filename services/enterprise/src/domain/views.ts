import type { DemandDto, DemandSnapshot, EnterpriseDto, EnterpriseSnapshot } from '@yinqi/contracts';
import type { Demand, Enterprise } from './records';

type EnterpriseState = Omit<Enterprise, 'certifications' | 'bankIds' | 'guarantorIds' | 'createdAt' | 'version'>;

export const enterpriseSnapshot = (e: EnterpriseState): EnterpriseSnapshot => ({
  enterpriseId: e._id,
  name: e.name,
  industry: e.industry,
  town: e.town,
  tier: e.tier,
  whitelisted: e.whitelisted,
  annualRevenue: e.annualRevenue ?? null,
  employees: e.employees ?? null,
  rdSuperDeductionFiled: e.rdSuperDeductionFiled ?? null,
  highValuePatents: e.highValuePatents ?? null,
});

/** The API view: the event snapshot (one list of fields for both) under `id`, with the USCC only the view shows. */
export const enterpriseView = (e: EnterpriseState): EnterpriseDto => {
  const { enterpriseId, ...fields } = enterpriseSnapshot(e);
  return { id: enterpriseId, uscc: e.uscc, ...fields };
};

type DemandState = Omit<Demand, 'matches' | 'bankIds' | 'guarantorIds' | 'version'>;

export const demandSnapshot = (d: DemandState): DemandSnapshot => ({
  demandId: d._id,
  enterpriseId: d.enterpriseId,
  amount: d.amount,
  termMonths: d.termMonths,
  purpose: d.purpose,
  collateral: d.collateral,
  maxAnnualRate: d.maxAnnualRate ?? null,
  needsGuarantee: d.needsGuarantee,
  status: d.status,
  createdAt: new Date(d.createdAt).toISOString(),
});

/** The API view: the event snapshot under `id`, with the description only the view shows. */
export const demandView = (d: DemandState): DemandDto => {
  const { demandId, ...fields } = demandSnapshot(d);
  return { id: demandId, ...fields, description: d.description ?? null };
};
