// Utilities > Data > Delete Loyalty tables: starts a new, empty loyalty epoch with one back-office
// record, only after a verified backup of exactly the current data and the typed confirmation.
// The epoch's rows stay in the append-only journals; a copy of the tables goes to
// archive/loyalty-<epoch id>/ (a backup folder of its own, never edited afterwards), the upload
// records move there, and what Loyalties Accrued still holds is written off to the account the
// operator picks. Every check comes before the first write: a refusal changes nothing.
import fs from 'node:fs';
import path from 'node:path';
import type { Cents } from '../../engine/types.js';
import { BACK_OFFICE_JOURNAL, type LoyaltyEpochDoc } from '../back-office-types.js';
import { backOffice } from '../back-office.js';
import { saveBook } from '../books-snapshot.js';
import { StoreError } from '../errors.js';
import type { LoyaltyBook } from '../loyalty-book.js';
import type { Store } from '../store.js';
import { differenceFrom } from './verify.js';
import { appendEpochRecord } from './epoch-write.js';
import { withUploadRecords } from '../upload-lock.js';
import { extractOf, scanExtract } from './extract.js';
import { assertChecksums, manifestOf, readManifest, writeTablesFolder } from './manifest.js';
import { assertMay } from '../operators/guard.js';
import { auditBackOffice } from '../back-office-audit.js';

/** What the operator must type to confirm (the Delete screen asks for it). */
export const DELETE_CONFIRMATION = 'DELETE';
export const ARCHIVE_DIR = 'archive';

export interface DeleteLoyaltyTablesRequest {
  /** The backup folder Delete relies on: it must hold exactly the current data. */
  backup: string;
  /** Typed by the operator: must equal DELETE_CONFIRMATION. */
  confirmation: string;
  /** Ledger account the remaining liability is written off to (not Loyalties Accrued itself). */
  account: string;
  operator: string;
  now: Date;
  /** Once operators exist: the manager whose override allowed a non-manager to delete. */
  approvedBy?: string;
}

export interface DeleteLoyaltyTablesResult {
  document: string;
  epochId: string;
  /** The balance of Loyalties Accrued written off (credit balance positive). */
  writeOff: Cents;
  account: string;
  /** What the debtors' balances said Loyalties Accrued held for them (Available summed), to reconcile. */
  debtorsAvailable: Cents;
  /** archive/loyalty-<epoch id> under the store. */
  archive: string;
}

function refuse(message: string, field: string): never {
  throw new StoreError('INVALID', message, { field });
}

/** What Loyalties Accrued holds now: its credit balance in the books' ledger totals. */
export function accruedBalance(store: Store, book: LoyaltyBook): Cents {
  const t = book.ledger.balances().accounts[store.get('settings').ledger.loyaltiesAccrued];
  return t ? t.credit - t.debit : 0;
}

/** What Delete would write off now (the Delete screen shows it before the operator confirms). */
export function loyaltyLiability(store: Store): Cents {
  const book = backOffice(store).book;
  book.catchUp();
  return accruedBalance(store, book);
}

export async function deleteLoyaltyTables(store: Store, req: DeleteLoyaltyTablesRequest): Promise<DeleteLoyaltyTablesResult> {
  // Before anything else: with operators, a manager (or a manager's override) only.
  assertMay(store, 'delete-loyalty-tables', req.approvedBy);
  const result = await deleteTables(store, req);
  auditBackOffice(store, { kind: 'loyalty-tables', action: 'delete-loyalty-tables', ref: result.document, approvedBy: req.approvedBy,
    detail: `Delete Loyalty tables: new loyalty epoch ${result.epochId}, archived to ${result.archive}, liability written off to ${result.account}` });
  return result;
}

async function deleteTables(store: Store, req: DeleteLoyaltyTablesRequest): Promise<DeleteLoyaltyTablesResult> {
  if (req.confirmation.trim() !== DELETE_CONFIRMATION) {
    refuse(`Confirmation: type ${DELETE_CONFIRMATION} to delete the Loyalty tables (nothing was deleted)`, 'confirmation');
  }
  const code = req.account.trim();
  const { loyaltiesAccrued } = store.get('settings').ledger;
  if (code === loyaltiesAccrued) refuse(`Account: ${code} is Loyalties Accrued itself; choose the account the liability is written off to`, 'account');
  if (!store.get('accounts').accounts.some((a) => a.code === code)) refuse(`Account: there is no ledger account ${JSON.stringify(code)}`, 'account');
  if (req.backup.trim() === '') refuse('Backup: choose a backup of the current Loyalty tables (take one first)', 'backup');
  const dir = path.resolve(req.backup);
  const { manifest, sha256 } = readManifest(dir);
  assertChecksums(dir, manifest);
  const storeId = store.get('settings').storeId;
  if (manifest.storeId !== storeId) refuse(`Backup: ${dir} is of store ${manifest.storeId}, not of this store (${storeId})`, 'backup');
  const bo = backOffice(store);
  return withUploadRecords(store, 'Delete Loyalty tables', () => store.withStoreLock(() => bo.withWriter((w) => {
    const book = bo.book;
    const at = req.now.toISOString();
    // Under the lock and the back-office journal: the extract, the marks and the balance written
    // off all describe the books as they stand now.
    const scan = scanExtract(store, book);
    const extract = extractOf(book, scan, manifest.takenAt);
    const stale = differenceFrom(manifest, extract);
    if (stale !== null) refuse(`Backup: the loyalty tables changed since that backup (${stale}); take a new backup`, 'backup');
    const seq = w.nextSeq();
    const epochId = `epoch-${String(seq).padStart(6, '0')}`;
    const archiveRel = path.join(ARCHIVE_DIR, `loyalty-${epochId}`);
    const archive = path.join(store.dir, archiveRel);
    // A folder left by a crash before its record was written: nothing refers to it.
    fs.rmSync(archive, { recursive: true, force: true });
    // From the same reading of the journals (no catch-up in between), as of now.
    const now = extractOf(book, scan, at);
    writeTablesFolder(archive, now, manifestOf(storeId, now, at));
    const writeOff = accruedBalance(store, book);
    const debtorsAvailable = [...book.debtors.keys()].reduce((s, d) => s + book.available(d), 0);
    const doc: LoyaltyEpochDoc = {
      kind: 'loyalty-epoch', number: w.documentNumber(), till: BACK_OFFICE_JOURNAL, action: 'reset', operator: req.operator, completedAt: at,
      memo: `Delete Loyalty tables: new loyalty epoch ${epochId}`,
      epoch: { id: epochId, from: { ...extract.to }, fromAt: { ...extract.toAt } },
      backup: { folder: req.backup, manifestSha256: sha256 },
      writeOff: { amount: writeOff, account: code, accruedAccount: loyaltiesAccrued },
      reverses: [], archive: archiveRel,
    };
    appendEpochRecord(store, w, book, doc);
    // The upload records stay: they say what the provider's server already has (the archive has a
    // copy as of now). Cleared, the next run would send those sales again.
    saveBook(store, book);
    return { document: doc.number, epochId, writeOff, account: code, debtorsAvailable, archive: archiveRel };
  })));
}
