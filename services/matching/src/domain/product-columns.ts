import { upliftedCap } from './eligibility';
import { productScore } from './score';
import type { Product } from './types';

/** Numeric columns of the published products, by index slot (≈ 80 bytes a product). */
export class ProductColumns {
  readonly minAmount: Float64Array;
  readonly maxAmount: Float64Array;
  /** The filed R&D super-deduction from which the uplift applies (Infinity: no uplift). */
  readonly upliftThreshold: Float64Array;
  /** The cap when uplifted (`upliftedCap`). */
  readonly upliftCap: Float64Array;
  readonly minTerm: Float64Array;
  readonly maxTerm: Float64Array;
  readonly midTerm: Float64Array;
  readonly halfTerm: Float64Array;
  readonly rateMin: Float64Array;
  /** `productScore`: the product-only part of the score. */
  readonly fixed: Float64Array;
  constructor(readonly capacity: number) {
    this.minAmount = new Float64Array(capacity);
    this.maxAmount = new Float64Array(capacity);
    this.upliftThreshold = new Float64Array(capacity);
    this.upliftCap = new Float64Array(capacity);
    this.minTerm = new Float64Array(capacity);
    this.maxTerm = new Float64Array(capacity);
    this.midTerm = new Float64Array(capacity);
    this.halfTerm = new Float64Array(capacity);
    this.rateMin = new Float64Array(capacity);
    this.fixed = new Float64Array(capacity);
  }
  grown(capacity: number): ProductColumns {
    const next = new ProductColumns(capacity);
    for (const k of [
      'minAmount',
      'maxAmount',
      'upliftThreshold',
      'upliftCap',
      'minTerm',
      'maxTerm',
      'midTerm',
      'halfTerm',
      'rateMin',
      'fixed',
    ] as const)
      next[k].set(this[k]);
    return next;
  }
  write(s: number, p: Product): void {
    const uplift = p.rdUpliftThreshold !== null && p.rdUpliftRatio !== null;
    this.minAmount[s] = p.minAmount;
    this.maxAmount[s] = p.maxAmount;
    this.upliftThreshold[s] = uplift ? p.rdUpliftThreshold! : Infinity;
    this.upliftCap[s] = uplift ? upliftedCap(p) : p.maxAmount;
    this.minTerm[s] = p.minTermMonths;
    this.maxTerm[s] = p.maxTermMonths;
    this.midTerm[s] = (p.minTermMonths + p.maxTermMonths) / 2;
    this.halfTerm[s] = (p.maxTermMonths - p.minTermMonths) / 2;
    this.rateMin[s] = p.annualRateMin;
    this.fixed[s] = productScore(p);
  }
}
