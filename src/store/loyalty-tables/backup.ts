// Utilities > Data > Backup Loyalty tables: the current epoch's loyalty rows, the debtors'
// balances, each till's loyalty sales and the upload records, into a dated folder under
// backups/ with a checksum manifest (manifest.ts). Listing and checking backups: verify.ts.
import fs from 'node:fs';
import path from 'node:path';
import { wallTime } from '../../engine/zoned-time.js';
import { StoreError } from '../errors.js';
import { LoyaltyBook } from '../loyalty-book.js';
import type { Store } from '../store.js';
import { withUploadRecords } from '../upload-lock.js';
import { BACKUPS_DIR, computeExtract } from './extract.js';
import { manifestOf, writeTablesFolder, type LoyaltyTablesManifest } from './manifest.js';

// The screens ask both things of this module.
export { BACKUPS_DIR } from './extract.js';
export { listLoyaltyBackups, verifyLoyaltyBackup, type BackupVerdict, type LoyaltyBackupInfo } from './verify.js';

export interface BackupResult {
  dir: string;
  manifest: LoyaltyTablesManifest;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function folderName(store: Store, now: Date): string {
  const w = wallTime(now.getTime(), store.get('settings').company.timeZone);
  return `loyalty-${pad(w.year, 4)}${pad(w.month)}${pad(w.day)}-${pad(w.hour)}${pad(w.minute)}${pad(w.second)}`;
}

/** Takes a backup into `to` (a new or empty folder) or backups/loyalty-YYYYMMDD-HHMMSS (store time). */
export async function backupLoyaltyTables(store: Store, o: { now: Date; to?: string }): Promise<BackupResult> {
  // Under the upload lock too: the upload records copied are never those of a run half-way.
  return withUploadRecords(store, 'Backup Loyalty tables', () => store.withStoreLock(() => {
    let dir: string;
    if (o.to !== undefined) {
      dir = path.resolve(o.to);
      if (fs.existsSync(dir)) {
        if (fs.readdirSync(dir).length > 0) throw new StoreError('INVALID', `the backup folder ${dir} is not empty: choose a new folder`, { field: 'to' });
        fs.rmdirSync(dir);
      }
    } else {
      const base = path.join(store.dir, BACKUPS_DIR, folderName(store, o.now));
      dir = base;
      for (let n = 2; fs.existsSync(dir); n++) dir = `${base}-${n}`;
    }
    const book = LoyaltyBook.of(store);
    const takenAt = o.now.toISOString();
    const extract = computeExtract(store, book, takenAt);
    const manifest = manifestOf(store.get('settings').storeId, extract, takenAt);
    writeTablesFolder(dir, extract, manifest);
    return { dir, manifest };
  }));
}
