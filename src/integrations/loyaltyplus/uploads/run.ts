// One upload run (the scheduled IQEvent_LoyaltyPlus_Sales and `tillpoint upload`): under the
// upload lock, finish the batches an earlier run left planned, plan the new ones, and put each in
// place. Every batch is recorded before it is sent and marked once it is in place, so a sale
// reaches the server exactly once whatever stops a run, and the next run picks up where it was.
import { StoreError } from '../../../store/errors.js';
import { HeldLock } from '../../../store/locks.js';
import { takeUploadLock, UPLOAD_LOCK } from '../../../store/upload-lock.js';
import { writeLastUploadRun } from '../../../store/upload-last-run.js';
import type { Store } from '../../../store/store.js';
import { chosenServer, uploadPathProblem, uploadsSettingsOf } from '../../../store/uploads-settings.js';
import { BatchLog } from './batch-log.js';
import { isSftpError, Link, RETRY_DELAYS_DEFAULT, StoppedError } from './link.js';
import { batchBytes, dropOutgoing, tidyOutgoing } from './outgoing.js';
import { MAX_ROWS_DEFAULT, planBatches } from './plan.js';
import { sendBatch } from './transfer.js';
import type { SftpStep } from '../../sftp/types.js';
import type { PlannedBatch, TillUploadSummary, UploadFailureKind, UploadOptions, UploadOutcome, UploadSummary } from './types.js';

export { UPLOAD_LOCK };

function emptySummary(): UploadSummary {
  return { batches: 0, sales: 0, bytes: 0, foundOnServer: 0, retries: 0, tills: [] };
}

function count(sum: UploadSummary, b: PlannedBatch, found: boolean): void {
  sum.batches++;
  sum.sales += b.count;
  sum.bytes += b.bytes;
  if (found) sum.foundOnServer++;
  let t: TillUploadSummary | undefined = sum.tills.find((x) => x.till === b.till);
  if (!t) {
    t = { till: b.till, batches: 0, sales: 0, bytes: 0, files: [] };
    sum.tills.push(t);
    sum.tills.sort((x, y) => (x.till < y.till ? -1 : x.till > y.till ? 1 : 0));
  }
  t.batches++;
  t.sales += b.count;
  t.bytes += b.bytes;
  t.files.push(b.name);
}

const failed = (sum: UploadSummary, kind: UploadFailureKind, message: string, step?: SftpStep): UploadOutcome =>
  ({ ok: false, kind, ...(step ? { step } : {}), message, ...sum });

function takeLock(store: Store): HeldLock | UploadOutcome {
  try {
    return takeUploadLock(store);
  } catch (err) {
    if (err instanceof StoreError && err.code === 'LOCKED') {
      return failed(emptySummary(), 'locked', `another upload run is in progress (process ${err.holderPid ?? '?'}): ${err.message}`);
    }
    throw err;
  }
}

/** Why this store cannot upload yet, or null. */
export function notSetUpReason(store: Store): string | null {
  const u = uploadsSettingsOf(store.get('settings'));
  const where = 'LoyaltyPlus Loyalty Uploads > Setup > FTP Setup';
  if (u.account === '') return `no SFTP account is chosen (${where})`;
  const server = chosenServer(u);
  if (!server) return `the chosen SFTP account "${u.account}" is not in the FTP Servers list (${where})`;
  if (server.hostKey === '') return `the host key of "${server.name}" has not been accepted yet: press Test in ${where}`;
  const pathProblem = uploadPathProblem(u.uploadPath);
  if (pathProblem) return `Upload Path "${u.uploadPath}": ${pathProblem}`;
  return null;
}

/** Outcomes that say nothing about the server or the setup, and so are not recorded. */
const UNRECORDED: ReadonlySet<string> = new Set(['locked', 'stopped', 'not-set-up']);

/** One run; how it ended is recorded for the till's status line. */
export async function runUploads(store: Store, o: UploadOptions = {}): Promise<UploadOutcome> {
  const r = await runOnce(store, o);
  if (r.ok || !UNRECORDED.has(r.kind)) {
    try {
      writeLastUploadRun(store.dir, { at: (o.now ?? (() => new Date()))().toISOString(), ok: r.ok, ...(r.ok ? {} : { kind: r.kind }) });
    } catch (err) {
      store.warn(`could not record how the upload run ended: ${(err as Error).message}`);
    }
  }
  return r;
}

async function runOnce(store: Store, o: UploadOptions): Promise<UploadOutcome> {
  const now = o.now ?? (() => new Date());
  const reason = notSetUpReason(store);
  if (reason) return failed(emptySummary(), 'not-set-up', `Loyalty Plus uploads are not set up: ${reason}`);
  const u = uploadsSettingsOf(store.get('settings'));
  const server = chosenServer(u)!;
  const lock = takeLock(store);
  if (!(lock instanceof HeldLock)) return lock;
  const sum = emptySummary();
  let log: BatchLog | null = null;
  const link = new Link({ server, uploadPath: u.uploadPath, delaysMs: o.retryDelaysMs ?? RETRY_DELAYS_DEFAULT,
    ...(o.sftp ? { sftp: o.sftp } : {}), ...(o.signal ? { signal: o.signal } : {}) });
  let current: PlannedBatch | null = null;
  const outcome = (r: UploadOutcome): UploadOutcome => ({ ...r, retries: link.retries });
  try {
    log = BatchLog.open(store.dir, (m) => store.warn(m));
    const pending = log.pending();
    tidyOutgoing(store.dir, pending);
    const fresh = planBatches(store, log, { now, maxRows: o.maxRows ?? MAX_ROWS_DEFAULT, ...(o.signal ? { signal: o.signal } : {}) });
    const all = [...pending, ...fresh];
    const total = all.reduce((n, b) => n + b.bytes, 0);
    let done = 0;
    // A batch that cannot be rebuilt stops its own till (its files go in order), not the others.
    const stuck = new Map<string, string>();
    o.progress?.(0, total, all.length === 0 ? 'nothing new to upload' : `${all.length} file(s) to upload`);
    for (const [i, b] of all.entries()) {
      if (o.signal?.aborted) throw new StoppedError('the upload was stopped');
      if (stuck.has(b.till)) continue;
      current = b;
      const bytes = batchBytes(store, b);
      if (!bytes) {
        stuck.set(b.till, `batch ${b.name} (${b.till} ${b.fromSeq}-${b.toSeq}) cannot be rebuilt: its local copy is gone and the journal no longer gives the same bytes (sha256 ${b.sha256.slice(0, 12)}...); till ${b.till} uploads nothing until it is resolved`);
        continue;
      }
      const how = await sendBatch({ link, log, uploadPath: u.uploadPath, now }, b, bytes);
      dropOutgoing(store.dir, b.name);
      count(sum, b, how === 'found-on-server');
      done += b.bytes;
      o.progress?.(done, total, `${b.name} (${i + 1} of ${all.length})`);
    }
    current = null;
    if (stuck.size > 0) return outcome(failed(sum, 'mismatch', [...stuck.values()].join('; ')));
    log.checkpoint();
    return outcome({ ok: true, ...sum });
  } catch (err) {
    if (err instanceof StoppedError || (o.signal?.aborted && (err as Error)?.name === 'AbortError')) return outcome(failed(sum, 'stopped', 'the upload was stopped before it finished; the next run completes it'));
    if (isSftpError(err)) {
      const what = current ? `uploading ${current.name}` : 'uploading';
      const tries = link.retries > 0 ? ` (after ${link.retries} retr${link.retries === 1 ? 'y' : 'ies'})` : '';
      return outcome(failed(sum, err.kind, `Loyalty Plus upload failed ${what} to ${server.host}:${server.port}, at step "${err.step}" (${err.kind})${tries}: ${err.message}`, err.step));
    }
    throw err;
  } finally {
    await link.end();
    log?.close();
    lock.release();
  }
}
