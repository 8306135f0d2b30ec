// uploads/outgoing/<name>: the bytes of each planned batch, kept (fsynced) until the batch is
// sent, so finishing it after a crash sends exactly what the batch record's checksum names. If the
// copy is gone or damaged, the batch is rebuilt from its journal range, which gives the same bytes.
import fs from 'node:fs';
import path from 'node:path';
import { errnoCode } from '../../../store/errors.js';
import { removeFileDurably, removeTempLeftovers, replaceFileDurably } from '../../../store/durable-file.js';
import { isProcessAlive } from '../../../store/locks.js';
import type { Store } from '../../../store/store.js';
import { BACK_OFFICE_JOURNAL } from '../../../store/back-office-types.js';
import { collectRows } from './collect.js';
import { salesCsv, sha256Hex } from './sales-csv.js';
import { UPLOADS_DIR } from './batch-log.js';
import type { PlannedBatch } from './types.js';

const outgoingFile = (storeDir: string, name: string) => path.join(storeDir, UPLOADS_DIR, 'outgoing', name);

export function keepOutgoing(storeDir: string, name: string, bytes: Buffer): void {
  replaceFileDurably(outgoingFile(storeDir, name), bytes.toString('utf8'));
}

export function dropOutgoing(storeDir: string, name: string): void {
  removeFileDurably(outgoingFile(storeDir, name));
}

/** Copies of batches no longer pending (a run that died between `sent` and removing them) and temp files of dead runs. */
export function tidyOutgoing(storeDir: string, pending: readonly PlannedBatch[]): void {
  const dir = path.join(storeDir, UPLOADS_DIR, 'outgoing');
  removeTempLeftovers(dir, isProcessAlive);
  const keep = new Set(pending.map((b) => b.name));
  for (const name of fs.readdirSync(dir)) if (!name.startsWith('.') && !keep.has(name)) dropOutgoing(storeDir, name);
}

function readKept(storeDir: string, b: PlannedBatch): Buffer | null {
  try {
    const bytes = fs.readFileSync(outgoingFile(storeDir, b.name));
    return bytes.length === b.bytes && sha256Hex(bytes) === b.sha256 ? bytes : null;
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return null;
    throw err;
  }
}

function rebuild(store: Store, b: PlannedBatch, from: number): Buffer | null {
  const got = collectRows(store, b.till, { afterSeq: b.fromSeq - 1, untilSeq: b.toSeq, from, max: Number.MAX_SAFE_INTEGER });
  const bytes = salesCsv(got.rows, b.file);
  return got.rows.length === b.count && sha256Hex(bytes) === b.sha256 ? bytes : null;
}

/** The batch's bytes, exactly as planned, or null when neither the kept copy nor the journal gives them. */
export function batchBytes(store: Store, b: PlannedBatch): Buffer | null {
  if (b.till === BACK_OFFICE_JOURNAL) return null;
  const kept = readKept(store.dir, b);
  if (kept) return kept;
  const again = rebuild(store, b, b.scanFrom) ?? (b.scanFrom > 0 ? rebuild(store, b, 0) : null);
  if (again) store.warn(`uploads: the local copy of ${b.name} was missing or damaged; rebuilt it from journal ${b.till}`);
  return again;
}
