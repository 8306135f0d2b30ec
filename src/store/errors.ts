// The one error type of the store. `code` tells a caller what kind of trouble it is; the message
// says what was wrong and what to do, in words a cashier or a support technician can act on.

export type StoreErrorCode = 'CORRUPT' | 'INVALID' | 'NEWER_SCHEMA' | 'LOCKED' | 'IO' | 'NOT_A_STORE';

export interface StoreErrorDetails {
  /** File the problem is in, relative to the store folder (e.g. `items.json`). */
  file?: string;
  /** Field path inside the file (e.g. `items[3].price`). */
  field?: string;
  /** Process holding a lock (LOCKED). */
  holderPid?: number;
  cause?: unknown;
}

export class StoreError extends Error {
  code: StoreErrorCode;
  file?: string;
  field?: string;
  holderPid?: number;

  constructor(code: StoreErrorCode, message: string, details: StoreErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'StoreError';
    this.code = code;
    if (details.file !== undefined) this.file = details.file;
    if (details.field !== undefined) this.field = details.field;
    if (details.holderPid !== undefined) this.holderPid = details.holderPid;
  }
}

/** The system error code of a Node fs error (`ENOENT`, `ENOSPC`...), or undefined. */
export function errnoCode(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string') return err.code;
  return undefined;
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Wraps a failed file operation; keeps a StoreError as it is. */
export function ioError(what: string, file: string, err: unknown): StoreError {
  if (err instanceof StoreError) return err;
  return new StoreError('IO', `${what} ${file} failed: ${errorText(err)}`, { file, cause: err });
}
