import type { Instalment } from './schedule';

export interface Allocation {
  schedule: Instalment[];
  principalPaid: number;
  interestPaid: number;
}

/**
 * Applies a repayment (还款) to the schedule. Rule: unpaid instalments are settled strictly in
 * due-date order; within each, interest first and then principal (the usual bank order, so a short
 * payment never leaves interest behind while principal shrinks); an instalment is `paid` once both
 * parts are covered. Paying ahead simply settles future instalments as scheduled, their interest
 * included (no prepayment recalculation). More than everything still owed is refused: returns null.
 */
export function allocateRepayment(schedule: Instalment[], amount: number): Allocation | null {
  let left = amount;
  let principalPaid = 0;
  let interestPaid = 0;
  const next = schedule.map((inst) => {
    if (inst.paid || left === 0) return { ...inst };
    const toInterest = Math.min(left, inst.interest - inst.paidInterest);
    left -= toInterest;
    const toPrincipal = Math.min(left, inst.principal - inst.paidPrincipal);
    left -= toPrincipal;
    interestPaid += toInterest;
    principalPaid += toPrincipal;
    const paidInterest = inst.paidInterest + toInterest;
    const paidPrincipal = inst.paidPrincipal + toPrincipal;
    return { ...inst, paidInterest, paidPrincipal, paid: paidInterest === inst.interest && paidPrincipal === inst.principal };
  });
  if (left > 0) return null;
  return { schedule: next, principalPaid, interestPaid };
}
