// Loyalty error codes. LoyaltyError extends EngineError so every caller that already shows an
// EngineError's message (CLI exit 1, screen status line) handles loyalty refusals unchanged.
// EngineError.code is typed with the core ERR table, which this module may not edit, so the
// loyalty code is also kept, precisely typed, in `loyaltyCode` for callers that branch on it.
import { EngineError, ERR, type ErrorCode } from '../errors.js';

export const LOYALTY_ERR = {
  BAD_TIME_ZONE: 'LOYALTY_BAD_TIME_ZONE',
  BAD_INSTANT: 'LOYALTY_BAD_INSTANT',
  BAD_PERIOD: 'LOYALTY_BAD_PERIOD',
  BAD_SETTINGS: 'LOYALTY_BAD_SETTINGS',
  BAD_LINE: 'LOYALTY_BAD_LINE',
  BAD_ROW: 'LOYALTY_BAD_ROW',
  WRONG_DEBTOR: 'LOYALTY_WRONG_DEBTOR',
  OVER_REFUND: 'LOYALTY_OVER_REFUND',
  NOT_REDEEMABLE: 'LOYALTY_NOT_REDEEMABLE',
  BELOW_TARGET: 'LOYALTY_BELOW_TARGET',
  OVER_AVAILABLE: 'LOYALTY_OVER_AVAILABLE',
  OVER_SALE: 'LOYALTY_OVER_SALE',
  BAD_AMOUNT: ERR.BAD_AMOUNT,
} as const;

export type LoyaltyErrorCode = (typeof LOYALTY_ERR)[keyof typeof LOYALTY_ERR];

export class LoyaltyError extends EngineError {
  readonly loyaltyCode: LoyaltyErrorCode;

  constructor(code: LoyaltyErrorCode, message: string) {
    // The runtime `code` is the loyalty code; see the module comment for why the cast.
    super(code as unknown as ErrorCode, message);
    this.name = 'LoyaltyError';
    this.loyaltyCode = code;
  }
}

/** Throws LoyaltyError(code, message) unless cond holds. */
export function loyaltyAssert(cond: unknown, code: LoyaltyErrorCode, message: string): asserts cond {
  if (!cond) throw new LoyaltyError(code, message);
}

export function isLoyaltyError(e: unknown): e is LoyaltyError {
  return e instanceof LoyaltyError;
}
