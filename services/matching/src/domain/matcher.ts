import { BitsetIndex } from '@yinqi/engine';
import { fitsRanges, isEligible, type Applicant } from './eligibility';
import { productScore, scoreMatch } from './score';
import type { Demand, Enterprise, Product } from './types';

/** An eligible product and its score; the per-rule reasons are built only when a match is written (the strings cost more than the checks). */
export interface Candidate {
  product: Product;
  score: number;
}

const LIVE_DEMAND = new Set(['OPEN', 'MATCHED']);

/**
 * The in-memory side of matching: published products in an inverted bitset index (tier,
 * industry, purpose, collateral, white list), open demands and enterprise profiles by id. A
 * demand is matched by ANDing one bitset per categorical rule and then checking the numeric
 * ranges only on the survivors; the full rule evaluation (with reasons) runs on those that
 * pass. Rebuilt from the service's own database at start; kept current by the consumers.
 */
export class Matcher {
  private readonly products = new BitsetIndex<Product>(
    (p) => p.productId,
    (p) => ({
      tier: p.eligibleTiers,
      industry: p.industries,
      purpose: p.purposes,
      collateral: p.collateralAccepted,
      // Products that require the white list answer only to "yes"; the others to anything.
      whitelist: p.requiresWhitelist ? ['yes'] : [],
    }),
  );
  /** The product-only part of each published product's score. */
  private readonly fixedScore = new Map<string, number>();
  private readonly enterprises = new Map<string, Enterprise>();
  private readonly demands = new Map<string, Demand>();
  private readonly demandsByEnterprise = new Map<string, Set<string>>();

  get productCount() {
    return this.products.size;
  }
  get openDemandCount() {
    return this.demands.size;
  }

  putProduct(p: Product): void {
    if (p.status === 'PUBLISHED') {
      this.products.upsert(p);
      this.fixedScore.set(p.productId, productScore(p));
    } else {
      this.products.remove(p.productId);
      this.fixedScore.delete(p.productId);
    }
  }
  product(id: string): Product | undefined {
    return this.products.get(id);
  }

  putEnterprise(e: Enterprise): void {
    this.enterprises.set(e.enterpriseId, e);
  }
  enterprise(id: string): Enterprise | undefined {
    return this.enterprises.get(id);
  }

  /** Only demands that can still be matched are kept in memory. */
  putDemand(d: Demand): void {
    if (LIVE_DEMAND.has(d.status)) {
      this.demands.set(d.demandId, d);
      let set = this.demandsByEnterprise.get(d.enterpriseId);
      if (!set) this.demandsByEnterprise.set(d.enterpriseId, (set = new Set()));
      set.add(d.demandId);
    } else {
      this.demands.delete(d.demandId);
      this.demandsByEnterprise.get(d.enterpriseId)?.delete(d.demandId);
    }
  }
  demand(id: string): Demand | undefined {
    return this.demands.get(id);
  }
  openDemandsOf(enterpriseId: string): Demand[] {
    return [...(this.demandsByEnterprise.get(enterpriseId) ?? [])].map((id) => this.demands.get(id)!).filter(Boolean);
  }

  applicant(demand: Demand): Applicant | undefined {
    const enterprise = this.enterprises.get(demand.enterpriseId);
    return enterprise ? { demand, enterprise } : undefined;
  }

  /** Every published product eligible for this demand (unordered: lists sort when they are read). */
  candidatesFor(applicant: Applicant): Candidate[] {
    const { demand, enterprise } = applicant;
    if (!LIVE_DEMAND.has(demand.status)) return [];
    const out: Candidate[] = [];
    const dims = { tier: enterprise.tier, industry: enterprise.industry, purpose: demand.purpose, collateral: demand.collateral, whitelist: enterprise.whitelisted ? 'yes' : 'no' };
    // The index holds published products only and leaves those that pass the categorical rules
    // (tier, industry, purpose, collateral, white list); the ranges settle the rest.
    this.products.forEachMatching(dims, (p) => {
      if (fitsRanges(applicant, p)) out.push({ product: p, score: scoreMatch(applicant, p, this.fixedScore.get(p.productId)) });
    });
    return out;
  }

  /**
   * Open demands this product is eligible for. Open demands are far fewer than products (most
   * demands in a store are matched, funded or closed), so this direction scans them.
   */
  applicantsFor(product: Product): { applicant: Applicant; score: number }[] {
    if (product.status !== 'PUBLISHED') return [];
    const out: { applicant: Applicant; score: number }[] = [];
    const fixed = productScore(product);
    for (const d of this.demands.values()) {
      const enterprise = this.enterprises.get(d.enterpriseId);
      if (!enterprise) continue;
      const applicant = { demand: d, enterprise };
      if (isEligible(applicant, product)) out.push({ applicant, score: scoreMatch(applicant, product, fixed) });
    }
    return out;
  }
}
