import { describe, expect, it } from 'vitest';
import { ERR } from '../../src/engine/errors.js';
import { roundCash, roundHalfAwayFromZero } from '../../src/engine/rounding.js';
import { expectEngineError } from './fixtures.js';

describe('roundHalfAwayFromZero', () => {
  it.each([
    [5, 2, 3], [-5, 2, -3], [3, 2, 2], [-3, 2, -2], [1, 3, 0], [2, 3, 1], [-2, 3, -1], [7, 7, 1], [0, 5, 0],
    [5, -2, -3], [-5, -2, 3], [14, 4, 4], [-14, 4, -4], [13, 4, 3], [1, 1, 1],
  ])('%i / %i -> %i', (n, d, expected) => {
    expect(roundHalfAwayFromZero(n, d)).toBe(expected);
  });

  it('is not Math.round (which rounds -2.5 to -2)', () => {
    expect(Math.round(-2.5)).toBe(-2);
    expect(roundHalfAwayFromZero(-5, 2)).toBe(-3);
  });

  it('never returns -0', () => {
    expect(Object.is(roundHalfAwayFromZero(-1, 3), 0)).toBe(true);
    expect(Object.is(roundHalfAwayFromZero(-1n, 3n), 0)).toBe(true);
  });

  it('is exact beyond 2^53 with BigInt (1e15 cents x 1e4 bp)', () => {
    const n = 10n ** 15n * 10000n + 5000n; // x.5 after dividing by 10000
    expect(roundHalfAwayFromZero(n, 10000n)).toBe(1e15 + 1);
    expect(roundHalfAwayFromZero(-n, 10000n)).toBe(-(1e15 + 1));
    expect(roundHalfAwayFromZero(n - 1n, 10000n)).toBe(1e15);
    expect(roundHalfAwayFromZero(BigInt(Number.MAX_SAFE_INTEGER) * 3n, 3)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('is exact near 2^53 with plain numbers, where n / d as a float is not', () => {
    const n = Number.MAX_SAFE_INTEGER; // 9007199254740991 = 3 * 3002399751580330 + 1
    expect(roundHalfAwayFromZero(n, 3)).toBe(3002399751580330);
    expect(roundHalfAwayFromZero(n - 1, 2)).toBe((n - 1) / 2);
    expect(roundHalfAwayFromZero(n, 2)).toBe((n + 1) / 2);
  });

  it('refuses fractions, zero divisors and results beyond safe integers', () => {
    expectEngineError(() => roundHalfAwayFromZero(1.5, 2), ERR.BAD_AMOUNT);
    expectEngineError(() => roundHalfAwayFromZero(1, 0), ERR.BAD_AMOUNT);
    expectEngineError(() => roundHalfAwayFromZero(10n ** 20n, 1n), ERR.BAD_AMOUNT);
  });
});

describe('roundCash', () => {
  it.each([
    [5, 1001, 1000], [5, 1002, 1000], [5, 1003, 1005], [5, 1004, 1005], [5, 1005, 1005], [5, 1007, 1005],
    [5, 1008, 1010], [10, 1004, 1000], [10, 1005, 1010], [10, 1015, 1020], [10, 1014, 1010], [10, 1016, 1020],
    [0, 1003, 1003], [5, -1003, -1005], [5, -1002, -1000], [10, -1005, -1010], [5, 2, 0], [5, 3, 5], [10, 0, 0],
  ] as const)('step %i: %i -> %i', (step, cents, expected) => {
    expect(roundCash(cents, step)).toBe(expected);
  });

  it('refuses other steps', () => {
    expectEngineError(() => roundCash(100, 20 as 10), ERR.BAD_ROUNDING);
  });
});
