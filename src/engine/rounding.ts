// The one rounding rule of the till: half away from zero, computed exactly on integers.
// Math.round(-2.5) === -2 (half up), so it is never used for money.
import { assert, ERR } from './errors.js';
import type { CashRounding, Cents } from './types.js';

function isWholeNumber(n: bigint | number): boolean {
  return typeof n === 'bigint' || Number.isSafeInteger(n);
}

/**
 * numerator / denominator rounded half away from zero. Plain numbers stay on the exact integer path
 * (remainder first, so the quotient is an exact division); bigints cover products beyond 2^53
 * (e.g. 1e15 cents x 1e4 basis points).
 */
export function roundHalfAwayFromZero(numerator: bigint | number, denominator: bigint | number): number {
  assert(isWholeNumber(numerator) && isWholeNumber(denominator), ERR.BAD_AMOUNT,
    `Rounding needs whole numbers (got ${String(numerator)} / ${String(denominator)})`);
  assert(denominator !== 0 && denominator !== 0n, ERR.BAD_AMOUNT, 'Rounding cannot divide by zero');
  if (typeof numerator === 'number' && typeof denominator === 'number') {
    const r = numerator % denominator;
    const q = (numerator - r) / denominator;
    // 2*|r| is exact in floating point (doubling never loses bits).
    const away = 2 * Math.abs(r) >= Math.abs(denominator);
    const negative = (numerator < 0) !== (denominator < 0);
    const result = away ? q + (negative ? -1 : 1) : q;
    return result === 0 ? 0 : result; // no -0 in sums or JSON
  }
  const n = BigInt(numerator);
  const d = BigInt(denominator);
  const q = n / d;
  const r = n % d;
  const abs = (x: bigint): bigint => (x < 0n ? -x : x);
  const negative = (n < 0n) !== (d < 0n);
  const result = 2n * abs(r) >= abs(d) ? q + (negative ? -1n : 1n) : q;
  assert(result <= BigInt(Number.MAX_SAFE_INTEGER) && result >= BigInt(Number.MIN_SAFE_INTEGER), ERR.BAD_AMOUNT,
    `Amount is too large to hold exactly (${result.toString()})`);
  return Number(result);
}

/** Cents rounded to the nearest cash step (5c or 10c), ties away from zero; step 0 leaves them as is. */
export function roundCash(cents: Cents, step: CashRounding): Cents {
  assert(step === 0 || step === 5 || step === 10, ERR.BAD_ROUNDING,
    `Cash rounding must be none (0), 5 or 10 cents (got ${String(step)})`);
  assert(Number.isSafeInteger(cents), ERR.BAD_AMOUNT, `Amount must be whole cents (got ${cents})`);
  if (step === 0) return cents;
  const rounded = roundHalfAwayFromZero(cents, step) * step;
  return rounded === 0 ? 0 : rounded;
}
