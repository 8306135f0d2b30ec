// Shapes of the Loyalty Plus sales uploads: the batch log's records, a run's options and its
// outcome. Everything here is plain data, so an outcome crosses a worker thread as it is.
import type { SftpFailureKind, SftpOptions, SftpStep } from '../../sftp/types.js';

/** What the file's header values were when the batch was planned: a rebuild uses these, not today's settings. */
export interface BatchFileFacts {
  storeId: string;
  partnerId: string;
  terminalId: string;
  /** Currency minor-unit digits (2 for cents). */
  decimals: number;
}

/** Written (and fsynced) before any byte of the batch leaves the till PC. */
export interface PlannedBatch {
  type: 'planned';
  /** `<TILL>-<fromSeq>-<toSeq>`: unique, as the ranges of one till never overlap. */
  id: string;
  till: string;
  /** Journal seq of the batch's first and last loyalty sale (inclusive). */
  fromSeq: number;
  toSeq: number;
  /** Rows in the file (sales and refunds). */
  count: number;
  /** The fixed remote file name (without the upload path). */
  name: string;
  bytes: number;
  sha256: string;
  at: string;
  /** Byte offset the journal read started at, and where the batch's last record is (later reads start after it). */
  scanFrom: number;
  last: { start: number; end: number };
  file: BatchFileFacts;
}

export type SentHow = 'uploaded' | 'found-on-server';

export interface SentBatch {
  type: 'sent';
  id: string;
  at: string;
  how: SentHow;
}

export type BatchRecord = PlannedBatch | SentBatch;

export interface TillUploadSummary {
  till: string;
  batches: number;
  sales: number;
  bytes: number;
  /** Remote file names, in the order they were sent. */
  files: string[];
}

export interface UploadSummary {
  batches: number;
  sales: number;
  bytes: number;
  /** Batches a crashed run had already put in place: marked sent without uploading again. */
  foundOnServer: number;
  /** Steps tried again after a passing failure (a dropped connection, a timeout). */
  retries: number;
  tills: TillUploadSummary[];
}

/** Why a run did not complete: the transport's kinds, plus the run's own. */
export type UploadFailureKind = SftpFailureKind | 'not-set-up' | 'locked' | 'stopped' | 'mismatch';

export type UploadOutcome =
  | ({ ok: true } & UploadSummary)
  | ({ ok: false; kind: UploadFailureKind; step?: SftpStep; message: string } & UploadSummary);

export interface UploadOptions {
  /** The store's clock (TILLPOINT_NOW aware). */
  now?: () => Date;
  signal?: AbortSignal;
  progress?: (done: number, total: number, note?: string) => void;
  /** Rows per file at most (default 10,000). */
  maxRows?: number;
  /** Waits between attempts of a failing step (default 1 s, 4 s, 15 s: four attempts in all). */
  retryDelaysMs?: readonly number[];
  /** Passed to the transport (timeouts, keepalive). */
  sftp?: SftpOptions;
}
