import type { DemandDto, DemandSnapshot, EnterpriseDto, EnterpriseSnapshot } from '@yinqi/contracts';
import type { Demand, Enterprise } from './records';

type EnterpriseState = Omit<Enterprise, 'certifications' | 'bankIds' | 'guarantorIds' | 'createdAt' | 'version'>;

export const enterpriseView = (e: EnterpriseState): EnterpriseDto => ({
  id: e._id,
  name: e.name,
  uscc: e.uscc,
  industry: e.industry,
  town: e.town,
  tier: e.tier,
  whitelisted: e.whitelisted,
  annualRevenue: e.annualRevenue ?? null,
  employees: e.employees ?? null,
  rdSuperDeductionFiled: e.rdSuperDeductionFiled ?? null,
  highValuePatents: e.highValuePatents ?? null,
});

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

type DemandState = Omit<Demand, 'matches' | 'bankIds' | 'guarantorIds' | 'version'>;

export const demandView = (d: DemandState): DemandDto => ({
  id: d._id,
  enterpriseId: d.enterpriseId,
  amount: d.amount,
  termMonths: d.termMonths,
  purpose: d.purpose,
  collateral: d.collateral,
  maxAnnualRate: d.maxAnnualRate ?? null,
  needsGuarantee: d.needsGuarantee,
  description: d.description ?? null,
  status: d.status,
  createdAt: new Date(d.createdAt).toISOString(),
});

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
