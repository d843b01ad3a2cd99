import { BitsetIndex } from '@yinqi/engine';
import { isEligible, type Applicant } from './eligibility';
import { ProductColumns } from './product-columns';
import { clamp01, productScore, scoreMatch } from './score';
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
  /**
   * Per-slot columns of the numbers the range rules and the score read (slots of `products`):
   * the hot loop reads typed arrays instead of chasing product objects around the heap. Written
   * in `putProduct`; a slot's values are stale only while the slot is free (never visited).
   */
  private cols = new ProductColumns(1024);
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
      const slot = this.products.upsert(p);
      if (slot >= this.cols.capacity) this.cols = this.cols.grown(Math.max(slot + 1, this.cols.capacity * 2));
      this.cols.write(slot, p);
    } else {
      this.products.remove(p.productId);
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
    const dims = {
      tier: enterprise.tier,
      industry: enterprise.industry,
      purpose: demand.purpose,
      collateral: demand.collateral,
      whitelist: enterprise.whitelisted ? 'yes' : 'no',
    };
    // The index holds published products only and leaves those that pass the categorical rules
    // (tier, industry, purpose, collateral, white list); the ranges (rules 2, 3, 6 — as
    // `fitsRanges`) and the score (as `scoreMatch`) are computed from the columns. A unit test
    // holds both equal to `isEligible` and `scoreMatch` on random catalogues.
    const { amount, termMonths: term } = demand;
    const maxRate = demand.maxAnnualRate ?? Infinity;
    const filed = enterprise.rdSuperDeductionFiled ?? -Infinity;
    const c = this.cols;
    const products = this.products;
    products.forEachMatchingSlot(dims, (s) => {
      if (term < c.minTerm[s]! || term > c.maxTerm[s]! || amount < c.minAmount[s]! || c.rateMin[s]! > maxRate) return;
      const cap = filed >= c.upliftThreshold[s]! ? c.upliftCap[s]! : c.maxAmount[s]!;
      if (amount > c.maxAmount[s]! && amount > cap) return;
      const amountFit = 15 * clamp01(amount / cap);
      const half = c.halfTerm[s]!;
      const termFit = half === 0 ? 10 : 10 - 5 * clamp01(Math.abs(term - c.midTerm[s]!) / half);
      out.push({ product: products.itemAt(s)!, score: Math.round((c.fixed[s]! + amountFit + termFit) * 10) / 10 });
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
