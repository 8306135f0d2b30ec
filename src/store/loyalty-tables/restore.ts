// `tillpoint restore BACKUP` for a Loyalty tables backup: after every checksum and the store id
// are checked (a refusal changes nothing), one back-office epoch record makes the backup's epoch
// current again and reverses the write-offs of the resets since it (or posts again those an
// earlier restore reversed whose rows are left out again), so the ledger agrees with the tables;
// the backup's upload records are put back. The rows themselves never left the journals.
import fs from 'node:fs';
import path from 'node:path';
import type { Cents } from '../../engine/types.js';
import { BACK_OFFICE_JOURNAL, type LoyaltyEpochDoc } from '../back-office-types.js';
import { backOffice } from '../back-office.js';
import { saveBook } from '../books-snapshot.js';
import { replaceFileDurably } from '../durable-file.js';
import { StoreError } from '../errors.js';
import type { Store } from '../store.js';
import { appendEpochRecord, removeIfThere } from './epoch-write.js';
import { epochDocs, currentMarks, INITIAL_EPOCH, sameEpoch } from './epoch-records.js';
import { withUploadRecords } from '../upload-lock.js';
import { readIfThere, UPLOAD_CHECKPOINT, UPLOAD_RECORDS, UPLOADS_FILE } from './extract.js';
import { assertChecksums, readManifest, type LoyaltyTablesManifest } from './manifest.js';

export interface RestoreResult {
  document: string;
  epochId: string;
  /** The write-offs reversed (back on Loyalties Accrued). */
  reversed: Cents;
  /** The resets whose write-offs were reversed. */
  reverses: string[];
  /** Write-offs posted again: of resets an earlier restore had reversed whose rows are left out again. */
  reapplied: Cents;
  reapplies: string[];
  uploadsRestored: boolean;
}

function refuse(message: string): never {
  throw new StoreError('INVALID', message, { field: 'backup' });
}

/**
 * Which resets' write-offs must be in force once the backup's epoch is current again. A reset wrote
 * off what Loyalties Accrued held for the rows of the epoch it closed; the rows left out after the
 * restore are exactly those its epoch's ancestry closed (the reset that started it, the one that
 * started the epoch before that, and so on), so those write-offs are in force and every other is
 * not. Returns what to reverse and what to post again, from what is in force now.
 */
function writeOffChanges(docs: readonly LoyaltyEpochDoc[], m: LoyaltyTablesManifest): { reverse: LoyaltyEpochDoc[]; reapply: LoyaltyEpochDoc[]; epoch: LoyaltyEpochDoc['epoch'] } {
  const id = m.epoch.id;
  const before = new Map<string, string>(); // reset number -> the epoch current before it
  const inForce = new Set<string>();
  let current: string = INITIAL_EPOCH.id;
  for (const d of docs) {
    if (d.action === 'reset') {
      before.set(d.number, current);
      inForce.add(d.number);
    } else {
      for (const r of d.reverses) inForce.delete(r.document);
      for (const r of d.reapplies ?? []) inForce.add(r.document);
    }
    current = d.epoch.id;
  }
  const wanted = new Set<string>();
  // The marks come from the store's own record of the epoch, not from the backup's manifest.
  let epoch: LoyaltyEpochDoc['epoch'] = { id, from: {}, fromAt: {} };
  for (let e = id, guard = 0; e !== INITIAL_EPOCH.id && guard <= docs.length; guard++) {
    const reset = docs.find((d) => d.action === 'reset' && d.epoch.id === e);
    if (!reset) refuse(`the backup is of loyalty epoch ${e}, which this store's history does not have`);
    if (e === id) {
      if (!sameEpoch(m.epoch, reset.epoch)) refuse(`the backup's marks of loyalty epoch ${id} differ from the store's: it is damaged or of another store`);
      epoch = { id, from: { ...reset.epoch.from }, fromAt: { ...reset.epoch.fromAt } };
    }
    wanted.add(reset.number);
    e = before.get(reset.number)!;
  }
  if (id === INITIAL_EPOCH.id && !sameEpoch(m.epoch, INITIAL_EPOCH)) refuse('the backup\'s first loyalty epoch has marks it cannot have: it is damaged');
  const resets = docs.filter((d) => d.action === 'reset');
  return { reverse: resets.filter((d) => inForce.has(d.number) && !wanted.has(d.number)), reapply: resets.filter((d) => !inForce.has(d.number) && wanted.has(d.number)), epoch };
}

const writeOffOf = (d: LoyaltyEpochDoc) => ({ document: d.number, amount: d.writeOff.amount, account: d.writeOff.account, accruedAccount: d.writeOff.accruedAccount });

/** Whole lines only: a torn last line (a write cut short) is not a record. */
const completeLines = (text: string): string[] => text.split('\n').slice(0, -1);

/**
 * The upload records as they are now, plus any line of the backup's they lack (a log lost since):
 * they record what the provider's server has, so a restore only ever adds to them. Rolled back,
 * the sales sent since the backup would be sent again. Safe to repeat.
 */
function restoreUploads(store: Store, dir: string, m: LoyaltyTablesManifest): boolean {
  if (!m.files.some((f) => f.name === UPLOADS_FILE)) return false;
  const saved = completeLines(fs.readFileSync(path.join(dir, UPLOADS_FILE), 'utf8'));
  const target = path.join(store.dir, UPLOAD_RECORDS);
  const now = readIfThere(target);
  const current = now === null ? [] : completeLines(now.toString('utf8'));
  const have = new Set(current);
  const missing = saved.filter((l) => !have.has(l));
  if (missing.length === 0) return true;
  fs.mkdirSync(path.dirname(target), { recursive: true });
  // The checkpoint sums up a file that is being replaced: it is derived, so it goes.
  removeIfThere(path.join(store.dir, UPLOAD_CHECKPOINT));
  replaceFileDurably(target, [...current, ...missing].map((l) => `${l}\n`).join(''));
  return true;
}

export async function restoreLoyaltyTables(store: Store, dir: string, o: { now: Date; operator: string }): Promise<RestoreResult> {
  const abs = path.resolve(dir);
  const { manifest, sha256 } = readManifest(abs);
  assertChecksums(abs, manifest);
  const storeId = store.get('settings').storeId;
  if (manifest.storeId !== storeId) refuse(`the backup ${abs} is of store ${manifest.storeId}, not of this store (${storeId}): nothing was restored`);
  const bo = backOffice(store);
  return withUploadRecords(store, 'Restore Loyalty tables', () => store.withStoreLock(() => bo.withWriter((w) => {
    const current = currentMarks(store);
    if (manifest.epoch.id === current.id) refuse(`the backup's Loyalty tables (epoch ${current.id}) are already the current ones: nothing was deleted since, so nothing was restored`);
    const changes = writeOffChanges(epochDocs(store), manifest);
    const reverses = changes.reverse.map(writeOffOf);
    const reapplies = changes.reapply.map(writeOffOf);
    const doc: LoyaltyEpochDoc = {
      kind: 'loyalty-epoch', number: w.documentNumber(), till: BACK_OFFICE_JOURNAL, action: 'restore', operator: o.operator,
      completedAt: o.now.toISOString(), memo: `Restore Loyalty tables: loyalty epoch ${manifest.epoch.id} again`,
      epoch: changes.epoch,
      backup: { folder: dir, manifestSha256: sha256 },
      writeOff: { amount: 0, account: '', accruedAccount: store.get('settings').ledger.loyaltiesAccrued }, reverses, reapplies,
    };
    // Before the record: a restore cut short here is simply run again (the merge adds nothing twice).
    const uploadsRestored = restoreUploads(store, abs, manifest);
    appendEpochRecord(store, w, bo.book, doc);
    saveBook(store, bo.book);
    return { document: doc.number, epochId: manifest.epoch.id, reversed: reverses.reduce((s, r) => s + r.amount, 0),
      reverses: reverses.map((r) => r.document), reapplied: reapplies.reduce((s, r) => s + r.amount, 0),
      reapplies: reapplies.map((r) => r.document), uploadsRestored };
  })));
}
