// Engine errors: one class, one table of codes, one assert helper (dinero.js style), so callers can
// branch on `code` and show `message` to the cashier as it is.

export const ERR = {
  UNKNOWN_ITEM: 'UNKNOWN_ITEM',
  BAD_QUANTITY: 'BAD_QUANTITY',
  BAD_AMOUNT: 'BAD_AMOUNT',
  BAD_RATE: 'BAD_RATE',
  BAD_PRICE: 'BAD_PRICE',
  BAD_DISCOUNT: 'BAD_DISCOUNT',
  NO_SALE: 'NO_SALE',
  NO_LINES: 'NO_LINES',
  LINE_NOT_FOUND: 'LINE_NOT_FOUND',
  LINE_VOIDED: 'LINE_VOIDED',
  LINES_LOCKED: 'LINES_LOCKED',
  SHORT_TENDER: 'SHORT_TENDER',
  NON_CASH_OVER_DUE: 'NON_CASH_OVER_DUE',
  UNKNOWN_TENDER: 'UNKNOWN_TENDER',
  TENDER_NOT_FOUND: 'TENDER_NOT_FOUND',
  ALREADY_SETTLED: 'ALREADY_SETTLED',
  NOT_SETTLED: 'NOT_SETTLED',
  OVER_REFUND: 'OVER_REFUND',
  NOTHING_TO_REFUND: 'NOTHING_TO_REFUND',
  WRONG_SALE: 'WRONG_SALE',
  BAD_ROUNDING: 'BAD_ROUNDING',
  UNKNOWN_SALE: 'UNKNOWN_SALE',
  OPEN_SALE_WAITING: 'OPEN_SALE_WAITING',
  UNKNOWN_DEBTOR: 'UNKNOWN_DEBTOR',
  /** The account or loyalty tender was refused for this debtor (the message says why). */
  TENDER_REFUSED: 'TENDER_REFUSED',
  /** A manager PIN that is not 4-8 digits. */
  BAD_PIN: 'BAD_PIN',
  /** The operator's role does not allow the action, and no override was given. */
  NOT_ALLOWED: 'NOT_ALLOWED',
} as const;

export type ErrorCode = (typeof ERR)[keyof typeof ERR];

export class EngineError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'EngineError';
    this.code = code;
  }
}

/** Throws EngineError(code, message) unless cond holds. */
export function assert(cond: unknown, code: ErrorCode, message: string): asserts cond {
  if (!cond) throw new EngineError(code, message);
}

export function isEngineError(e: unknown): e is EngineError {
  return e instanceof EngineError;
}
