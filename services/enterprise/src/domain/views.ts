import type { DemandSnapshot, EnterpriseSnapshot } from '@yinqi/contracts';
import type { Demand, Enterprise } from '../data/repository';

/** The REST shape the gateway's EnterpriseDto expects. */
export interface EnterpriseView {
  id: string;
  name: string;
  uscc: string;
  industry: string;
  town: string;
  tier: Enterprise['tier'];
  whitelisted: boolean;
  annualRevenue: number | null;
  employees: number | null;
  rdSuperDeductionFiled: number | null;
  highValuePatents: number | null;
}

/** The REST shape the gateway's DemandDto expects. */
export interface DemandView {
  id: string;
  enterpriseId: string;
  amount: number;
  termMonths: number;
  purpose: Demand['purpose'];
  collateral: Demand['collateral'];
  maxAnnualRate: number | null;
  needsGuarantee: boolean;
  description: string | null;
  status: Demand['status'];
  createdAt: string;
}

type EnterpriseState = Omit<Enterprise, 'certifications' | 'bankIds' | 'guarantorIds' | 'createdAt' | 'version'>;

export const enterpriseView = (e: EnterpriseState): EnterpriseView => ({
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

export const demandView = (d: DemandState): DemandView => ({
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
