// Shared loyalty test data: the seed's worked example, calendars and small builders.
import type { Arbitrary } from 'fast-check';
import { expect } from 'vitest';
import { EngineError } from '../../../src/engine/errors.js';
import type { LoyaltyErrorCode } from '../../../src/engine/loyalty/errors.js';
import type { EarnLine } from '../../../src/engine/loyalty/earn.js';
import type { DebtorLoyalty, LoyaltyApplicable, LoyaltyCalendar, LoyaltyTier } from '../../../src/engine/loyalty/types.js';

/** Africa/Johannesburg is UTC+2 all year; March is the first month of the financial year. */
export const JNB: LoyaltyCalendar = { timeZone: 'Africa/Johannesburg', fyStartMonth: 3 };
export const AUCKLAND: LoyaltyCalendar = { timeZone: 'Pacific/Auckland', fyStartMonth: 4 };
export const LA: LoyaltyCalendar = { timeZone: 'America/Los_Angeles', fyStartMonth: 1 };

/** The seed's example: targets 200/500/1000/2000 at 2.5/3/4/5 %. */
export const SEED_TIERS: LoyaltyTier[] = [
  { target: 20000, rate: 250 },
  { target: 50000, rate: 300 },
  { target: 100000, rate: 400 },
  { target: 200000, rate: 500 },
];

export function debtor(applicable: LoyaltyApplicable = 'monthly-payment', extra: Partial<DebtorLoyalty> = {}): DebtorLoyalty {
  return {
    applicable,
    excludeFromContracts: false,
    tiers: SEED_TIERS,
    switchedOnAt: applicable === 'no' ? null : '2020-01-01T00:00:00Z',
    ...extra,
  };
}

let autoLine = 1;
/** A loyalty-applicable line without a contract unless told otherwise. */
export function line(value: number, extra: Partial<EarnLine> = {}): EarnLine {
  return {
    lineNo: autoLine++, itemCode: 'ITEM', qty: 1, value,
    item: { loyaltyApplicable: true }, contract: null, ...extra,
  };
}
export function resetLines(): void {
  autoLine = 1;
}

/** Runs fn and asserts it throws an EngineError (LoyaltyError or core) with this code; returns the message. */
export function expectLoyaltyError(fn: () => unknown, code: LoyaltyErrorCode): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(EngineError);
    expect((e as EngineError).code as string).toBe(code);
    return (e as EngineError).message;
  }
  throw new Error(`expected EngineError ${code}, nothing was thrown`);
}

/** The value type of a fast-check arbitrary. */
export type ArbValue<A> = A extends Arbitrary<infer T> ? T : never;
