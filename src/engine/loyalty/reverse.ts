// The credit a refund takes back (SPEC section 3). Returning r more units of a line after p were
// returned takes back that line's unrounded contribution x r / qty. Like refundValue in
// ../refund.ts the amount telescopes at the sale level: a refund reverses
// round(C(after)) - round(C(before)), where C(x) is the exact credit of everything returned by
// then, so any sequence of refunds reverses round(C(all returned)), which never exceeds what the
// sale earned and equals it once everything is back. A line that earned nothing adds 0 to C.
import { roundHalfAwayFromZero } from '../rounding.js';
import { LOYALTY_ERR, loyaltyAssert } from './errors.js';
import type { Cents } from '../types.js';
import type { EarningBasis } from './earn.js';

export interface ReturnedQty {
  lineNo: number;
  qty: number;
}

export interface ReverseInput {
  /** What the sale earned, as kept with it (earningBasis of its SaleEarning). */
  earning: EarningBasis;
  /** Every line returned by earlier refunds of this sale (several entries per line add up). */
  before: readonly ReturnedQty[];
  /** The lines this refund returns. */
  returning: readonly ReturnedQty[];
}

export interface SaleReversal {
  /** Credits taken back by this refund (>= 0; the reversal row's amount is its negative). */
  reversed: Cents;
  /** Cumulative credit reversed over all refunds of the sale, this one included. */
  reversedInTotal: Cents;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

function totals(returns: readonly ReturnedQty[], basis: EarningBasis): Map<number, number> {
  const sold = new Map(basis.lines.map((l) => [l.lineNo, l.qty]));
  const out = new Map<number, number>();
  for (const r of returns) {
    loyaltyAssert(sold.has(r.lineNo), LOYALTY_ERR.BAD_LINE,
      `The sale has no line ${String(r.lineNo)} (lines ${[...sold.keys()].join(', ') || 'none'})`);
    loyaltyAssert(Number.isInteger(r.qty) && r.qty >= 1, LOYALTY_ERR.BAD_LINE,
      `Line ${r.lineNo}: quantity returned must be a whole number of 1 or more (got ${String(r.qty)})`);
    out.set(r.lineNo, (out.get(r.lineNo) ?? 0) + r.qty);
  }
  return out;
}

/** round(C(returned)): the credit of `returned` units per line, rounded once. */
function creditOfReturned(basis: EarningBasis, returned: Map<number, number>): Cents {
  // Common denominator: 10000 x share.den x lcm(qty of every line returned from).
  let lcm = 1n;
  for (const l of basis.lines) {
    if (!returned.has(l.lineNo)) continue;
    const q = BigInt(l.qty);
    lcm = (lcm / gcd(lcm, q)) * q;
  }
  let numerator = 0n;
  for (const l of basis.lines) {
    const units = returned.get(l.lineNo);
    if (units === undefined) continue;
    const contribution = BigInt(l.value) * BigInt(l.rate) * BigInt(basis.share.num);
    numerator += contribution * BigInt(units) * (lcm / BigInt(l.qty));
  }
  return roundHalfAwayFromZero(numerator, 10000n * BigInt(basis.share.den) * lcm);
}

export function reverseForRefund(input: ReverseInput): SaleReversal {
  const { earning } = input;
  loyaltyAssert(Number.isSafeInteger(earning.share.den) && earning.share.den >= 1
    && Number.isSafeInteger(earning.share.num) && earning.share.num >= 0 && earning.share.num <= earning.share.den,
  LOYALTY_ERR.BAD_LINE, 'The sale\'s loyalty share must be whole cents with 0 <= num <= den and den >= 1');
  const before = totals(input.before, earning);
  const now = totals(input.returning, earning);
  loyaltyAssert(now.size > 0, LOYALTY_ERR.BAD_LINE, 'A refund returns at least one line');
  const after = new Map(before);
  for (const [lineNo, qty] of now) after.set(lineNo, (after.get(lineNo) ?? 0) + qty);
  for (const l of earning.lines) {
    const done = after.get(l.lineNo) ?? 0;
    loyaltyAssert(done <= l.qty, LOYALTY_ERR.OVER_REFUND,
      `Line ${l.lineNo}: ${done} returned in all but only ${l.qty} sold`);
  }
  const reversedBefore = creditOfReturned(earning, before);
  const reversedInTotal = creditOfReturned(earning, after);
  return { reversed: reversedInTotal - reversedBefore, reversedInTotal };
}
