// Ledger error codes. LedgerError extends EngineError so every caller that already shows an
// EngineError's message (CLI exit 1, screen status line) handles ledger refusals unchanged.
// EngineError.code is typed with the core ERR table, which this module may not edit, so the
// ledger code is also kept, precisely typed, in `ledgerCode` (the loyalty module does the same).
import { EngineError, ERR, type ErrorCode } from '../errors.js';

export const LEDGER_ERR = {
  /** Debits and credits of one entry differ: a posting rule or a journal record is wrong. */
  UNBALANCED: 'LEDGER_UNBALANCED',
  /** A line is not whole cents on exactly one side, or names no account. */
  BAD_LINE: 'LEDGER_BAD_LINE',
  /** An entry's id, source, kind or time is missing or malformed. */
  BAD_ENTRY: 'LEDGER_BAD_ENTRY',
  /** A ledger account setup must choose is empty. */
  BAD_SETTINGS: 'LEDGER_BAD_SETTINGS',
  /** The document to post does not add up (tenders, change and rounding against its total). */
  BAD_DOCUMENT: 'LEDGER_BAD_DOCUMENT',
  BAD_FILTER: 'LEDGER_BAD_FILTER',
  UNKNOWN_TENDER: ERR.UNKNOWN_TENDER,
  BAD_AMOUNT: ERR.BAD_AMOUNT,
} as const;

export type LedgerErrorCode = (typeof LEDGER_ERR)[keyof typeof LEDGER_ERR];

export class LedgerError extends EngineError {
  readonly ledgerCode: LedgerErrorCode;

  constructor(code: LedgerErrorCode, message: string) {
    // The runtime `code` is the ledger code; see the module comment for why the cast.
    super(code as unknown as ErrorCode, message);
    this.name = 'LedgerError';
    this.ledgerCode = code;
  }
}

/** Throws LedgerError(code, message) unless cond holds. */
export function ledgerAssert(cond: unknown, code: LedgerErrorCode, message: string): asserts cond {
  if (!cond) throw new LedgerError(code, message);
}

export function isLedgerError(e: unknown): e is LedgerError {
  return e instanceof LedgerError;
}
