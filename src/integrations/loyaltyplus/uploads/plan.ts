// Plans the batches of the loyalty sales not yet in any batch: per till, after the till's last
// planned batch, at most maxRows rows a file. Each batch's bytes are kept and its `planned` record
// fsynced here, before anything is sent. Loyalty epochs (go-live) do not move this: the batch log
// says what the provider's server has, and a Loyalty Plus sale goes there once whatever the
// built-in loyalty tables did meanwhile.
import { BACK_OFFICE_JOURNAL } from '../../../store/back-office-types.js';
import { loyaltyPlusSettingsOf } from '../../../store/loyalty-plus-settings.js';
import { crashPoint } from '../../../store/crash-points.js';
import type { Store } from '../../../store/store.js';
import type { BatchLog } from './batch-log.js';
import { collectRows, journalTills, startOffset } from './collect.js';
import { keepOutgoing } from './outgoing.js';
import { batchFileName, salesCsv, sha256Hex } from './sales-csv.js';
import type { BatchFileFacts, PlannedBatch } from './types.js';

export const MAX_ROWS_DEFAULT = 10_000;

export function fileFacts(store: Store): BatchFileFacts {
  const settings = store.get('settings');
  const lp = loyaltyPlusSettingsOf(settings);
  return { storeId: settings.storeId, partnerId: lp.partnerId, terminalId: lp.terminalId, decimals: settings.company.currencyDecimals };
}

/** Tills whose journals can hold loyalty sales. */
export function uploadTills(store: Store): string[] {
  return journalTills(store).filter((t) => t !== BACK_OFFICE_JOURNAL);
}

/**
 * Where a till's next batch starts (after its last planned batch) and the byte
 * offset to read from: after the last batch's record, or after the last record an earlier run
 * read to the end, whichever is further and still checks out.
 */
function readFrom(store: Store, log: BatchLog, till: string): { afterSeq: number; from: number } {
  const mark = log.markOf(till);
  let afterSeq = mark?.toSeq ?? 0;
  let from = mark && mark.toSeq === afterSeq ? startOffset(store, till, mark.toSeq, mark.last) : 0;
  const scanned = log.scannedOf(till);
  if (scanned && scanned.seq >= afterSeq) {
    const past = startOffset(store, till, scanned.seq, scanned);
    if (past > 0) {
      afterSeq = scanned.seq;
      from = past;
    }
  }
  return { afterSeq, from };
}

/** Plans every new batch, oldest first per till; returns them (already durable). */
export function planBatches(store: Store, log: BatchLog, o: { now: () => Date; maxRows: number; signal?: AbortSignal }): PlannedBatch[] {
  const facts = fileFacts(store);
  const out: PlannedBatch[] = [];
  for (const till of uploadTills(store)) {
    for (;;) {
      if (o.signal?.aborted) return out;
      const { afterSeq, from } = readFrom(store, log, till);
      const got = collectRows(store, till, { afterSeq, from, max: o.maxRows });
      if (got.rows.length < o.maxRows && got.seen) log.noteScanned(till, got.seen);
      if (got.rows.length === 0 || got.last === null) break;
      const fromSeq = got.rows[0]!.seq;
      const toSeq = got.rows.at(-1)!.seq;
      const bytes = salesCsv(got.rows, facts);
      const name = batchFileName(facts, till, fromSeq, toSeq);
      const batch: PlannedBatch = {
        type: 'planned', id: `${till}-${fromSeq}-${toSeq}`, till, fromSeq, toSeq, count: got.rows.length, name,
        bytes: bytes.length, sha256: sha256Hex(bytes), at: o.now().toISOString(), scanFrom: got.scanFrom, last: got.last, file: facts,
      };
      keepOutgoing(store.dir, name, bytes);
      log.append(batch);
      crashPoint('uploads:after-planned');
      out.push(batch);
      if (got.rows.length < o.maxRows) break;
    }
  }
  return out;
}
