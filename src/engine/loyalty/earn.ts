// The credit one sale earns (SPEC section 3 and section 4 rules 1-5).
//
// Exactness: a line contributes value x rate x (total - paid with loyalty) over
// 10000 x total. All lines of a sale share that denominator, so the numerators are summed as
// bigints and the sale is rounded once, half away from zero. Nothing is rounded per line.
import { roundHalfAwayFromZero } from '../rounding.js';
import { LOYALTY_ERR, loyaltyAssert } from './errors.js';
import { instantMs } from './time-zone.js';
import { assertDebtorLoyalty } from './validate.js';
import type { BasisPoints, Cents } from '../types.js';
import type { DebtorLoyalty, ItemLoyalty, LoyaltyTier } from './types.js';

export interface EarnLine {
  /** Slip line number (refunds name lines by it). */
  lineNo: number;
  itemCode: string;
  qty: number;
  /** What the customer pays for the line: tax included, after line discount and contract price. */
  value: Cents;
  item: ItemLoyalty;
  /** The contract that priced this line, if any. */
  contract: { excludeFromRebates: boolean } | null;
}

export interface EarnInput {
  loyalty: DebtorLoyalty;
  /** The debtor's sales total in the current period BEFORE this sale (net of refunds; may be < 0). */
  periodSalesBefore: Cents;
  /** Every line of the sale, earning or not (their sum is the sale total). */
  lines: readonly EarnLine[];
  /** ISO instant of the sale. */
  at: string;
  /** The part of the sale paid with loyalty credits (earns nothing). */
  loyaltyPaid: Cents;
}

/** The eligible fraction of every line's value: num / den = (total - loyaltyPaid) / total. */
export interface EarnShare {
  num: Cents;
  den: Cents;
}

/** What a refund needs to reverse a sale's credit: plain JSON, kept with the sale. */
export interface EarningBasis {
  share: EarnShare;
  lines: { lineNo: number; qty: number; value: Cents; rate: BasisPoints }[];
}

export interface EarnedLine {
  lineNo: number;
  qty: number;
  value: Cents;
  /** The line's earning rate: the tier rate, the item's own rate, or 0 when it cannot earn. */
  rate: BasisPoints;
  /** value x rate x share.num, exact; the line's credit is numerator / denominator. */
  numerator: bigint;
}

export interface SaleEarning {
  /** The tier rate of this sale (0 when the debtor cannot earn now). */
  rate: BasisPoints;
  earned: Cents;
  share: EarnShare;
  /** 10000 x share.den. */
  denominator: bigint;
  lines: EarnedLine[];
}

/**
 * The rate of the highest target `total` has reached (>=); below the second target (including
 * below the first) the first rate applies. No tiers: 0.
 */
export function tierRate(tiers: readonly LoyaltyTier[], total: Cents): BasisPoints {
  let rate = tiers[0]?.rate ?? 0;
  for (const tier of tiers) if (total >= tier.target) rate = tier.rate;
  return rate;
}

/** Whether a line may earn at all (rules 1 and 2). */
export function lineEarns(line: Pick<EarnLine, 'item' | 'contract'>, loyalty: Pick<DebtorLoyalty, 'excludeFromContracts'>): boolean {
  if (!line.item.loyaltyApplicable) return false;
  if (line.contract === null) return true;
  if (line.contract.excludeFromRebates) return false; // the contract overrides the debtor
  return !loyalty.excludeFromContracts;
}

/** Whether the debtor earns at instant `at` (rule 5; 'no' never earns). */
export function loyaltyActiveAt(loyalty: DebtorLoyalty, at: string): boolean {
  if (loyalty.applicable === 'no' || loyalty.switchedOnAt === null) return false;
  return instantMs(at, 'Sale time') >= instantMs(loyalty.switchedOnAt, 'switchedOnAt');
}

function assertLines(lines: readonly EarnLine[]): Cents {
  const seen = new Set<number>();
  let total = 0;
  for (const l of lines) {
    loyaltyAssert(Number.isInteger(l.lineNo) && l.lineNo >= 1 && !seen.has(l.lineNo), LOYALTY_ERR.BAD_LINE,
      `Line numbers must be whole numbers from 1, each once (got ${String(l.lineNo)})`);
    seen.add(l.lineNo);
    loyaltyAssert(Number.isInteger(l.qty) && l.qty >= 1, LOYALTY_ERR.BAD_LINE,
      `Line ${l.lineNo}: quantity must be a whole number of 1 or more (got ${String(l.qty)})`);
    loyaltyAssert(Number.isSafeInteger(l.value) && l.value >= 0, LOYALTY_ERR.BAD_LINE,
      `Line ${l.lineNo}: value must be whole cents of 0 or more (got ${String(l.value)})`);
    const own = l.item.loyaltyRate;
    loyaltyAssert(own === undefined || (Number.isSafeInteger(own) && own >= 0 && own <= 10000), LOYALTY_ERR.BAD_LINE,
      `Item ${l.itemCode}: loyalty percentage must be 0 to 10000 basis points (got ${String(own)})`);
    total += l.value;
    loyaltyAssert(Number.isSafeInteger(total), LOYALTY_ERR.BAD_LINE, 'Sale total is too large to hold exactly');
  }
  return total;
}

export function earnForSale(input: EarnInput): SaleEarning {
  const { loyalty, lines } = input;
  assertDebtorLoyalty(loyalty);
  loyaltyAssert(Number.isSafeInteger(input.periodSalesBefore), LOYALTY_ERR.BAD_AMOUNT,
    `Period sales total must be whole cents (got ${String(input.periodSalesBefore)})`);
  const total = assertLines(lines);
  loyaltyAssert(Number.isSafeInteger(input.loyaltyPaid) && input.loyaltyPaid >= 0 && input.loyaltyPaid <= total,
    LOYALTY_ERR.BAD_AMOUNT,
    `The part paid with loyalty must be whole cents from 0 to the sale total ${total} (got ${String(input.loyaltyPaid)})`);
  const active = loyaltyActiveAt(loyalty, input.at);
  const rate = active ? tierRate(loyalty.tiers, input.periodSalesBefore) : 0;
  // Nothing paid with loyalty (or a sale of 0, which has nothing to share out): the whole value
  // earns, and 1/1 keeps numerators as small as value x rate.
  const share: EarnShare = input.loyaltyPaid === 0 ? { num: 1, den: 1 } : { num: total - input.loyaltyPaid, den: total };
  const denominator = 10000n * BigInt(share.den);
  let sum = 0n;
  const earnedLines: EarnedLine[] = lines.map((l) => {
    const lineRate = active && lineEarns(l, loyalty) ? (l.item.loyaltyRate ?? rate) : 0;
    const numerator = BigInt(l.value) * BigInt(lineRate) * BigInt(share.num);
    sum += numerator;
    return { lineNo: l.lineNo, qty: l.qty, value: l.value, rate: lineRate, numerator };
  });
  return { rate, earned: roundHalfAwayFromZero(sum, denominator), share, denominator, lines: earnedLines };
}

/** The JSON-safe part of an earning that a refund's reversal needs (no bigints). */
export function earningBasis(earning: SaleEarning): EarningBasis {
  return {
    share: { ...earning.share },
    lines: earning.lines.map((l) => ({ lineNo: l.lineNo, qty: l.qty, value: l.value, rate: l.rate })),
  };
}
