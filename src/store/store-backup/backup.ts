// `tillpoint backup`: a consistent copy of the whole store while tills go on selling.
// Order is what makes it consistent: under the upload and store locks, first the logs that point
// at journal records (acks, upload batches: each line was written after its record), then each
// journal's mark (its length cut back to the last complete line), then the documents and open
// sales (which may only be newer than the marks: a sale finished after its mark is then neither in
// the journal copy nor open, as if it had not been rung up yet). The journals' bytes up to their
// marks never change again, nor do slips and archive files once written, so those are listed
// under the locks and copied after, keeping the store lock short. manifest.json last.
import fs from 'node:fs';
import path from 'node:path';
import { wallTime } from '../../engine/zoned-time.js';
import { decodeLine } from '../journal-format.js';
import { StoreError } from '../errors.js';
import { fsyncDir, storeFs, writeAll } from '../fs-layer.js';
import type { Store } from '../store.js';
import { withUploadRecords } from '../upload-lock.js';
import { completeLength, copyFd, copyPath, fsyncTree, lastLine } from './copy-file.js';
import { journalName, skippedReasons, slipWithinMarks, storeFiles } from './files.js';
import { MANIFEST_FILE, STORE_BACKUP_KIND, type JournalMark, type StoreBackupFile, type StoreBackupManifest } from './manifest.js';

export const STORE_BACKUPS_DIR = 'backups';
const FILE_MODE = 0o600;
const DIR_MODE = 0o700;

export interface StoreBackupResult {
  dir: string;
  manifest: StoreBackupManifest;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function defaultFolder(store: Store, now: Date): string {
  const w = wallTime(now.getTime(), store.get('settings').company.timeZone);
  const base = path.join(store.dir, STORE_BACKUPS_DIR, `store-${pad(w.year, 4)}${pad(w.month)}${pad(w.day)}-${pad(w.hour)}${pad(w.minute)}${pad(w.second)}`);
  let dir = base;
  for (let n = 2; fs.existsSync(dir); n++) dir = `${base}-${n}`;
  return dir;
}

function makeFolder(dir: string, chosen: boolean): void {
  if (chosen && fs.existsSync(dir)) {
    if (!fs.statSync(dir).isDirectory() || fs.readdirSync(dir).length > 0) {
      throw new StoreError('INVALID', `the backup folder ${dir} is not empty: choose a new folder`, { field: 'to' });
    }
    fs.rmdirSync(dir);
  }
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  fs.mkdirSync(dir, { mode: DIR_MODE });
  fs.chmodSync(dir, DIR_MODE); // the umask may have taken bits away; never adds any, but be explicit
}

interface OpenJournal {
  name: string;
  fd: number;
  mark: JournalMark;
}

/** A journal's mark: its length now, cut back to the last complete line, and that line's seq. */
function markJournal(store: Store, file: string, till: string): OpenJournal | null {
  let fd: number;
  try {
    fd = fs.openSync(path.join(store.dir, ...file.split('/')), 'r');
  } catch {
    return null;
  }
  const bytes = completeLength(fd, fs.fstatSync(fd).size);
  const line = lastLine(fd, bytes);
  let lastSeq = 0;
  if (line !== null) {
    const d = decodeLine(line, till, file);
    if (!d.ok) {
      fs.closeSync(fd);
      throw new StoreError('CORRUPT', `${file}: its last complete line is not a good record (${d.reason}); run tillpoint doctor before taking a backup`, { file });
    }
    lastSeq = d.record.seq;
  }
  return { name: file, fd, mark: { bytes, lastSeq } };
}

function writeManifest(dir: string, manifest: StoreBackupManifest): void {
  const fd = storeFs.openSync(path.join(dir, MANIFEST_FILE), 'wx', FILE_MODE);
  try {
    writeAll(fd, Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), 0);
    storeFs.fsyncSync(fd);
  } finally {
    storeFs.closeSync(fd);
  }
  fsyncDir(dir);
  fsyncDir(path.dirname(dir));
}

/** Takes a whole-store backup into `to` (a new or empty folder) or backups/store-YYYYMMDD-HHMMSS (store time). */
export async function backupStore(store: Store, o: { now: Date; to?: string }): Promise<StoreBackupResult> {
  const files: StoreBackupFile[] = [];
  const journals: OpenJournal[] = [];
  const later: string[] = [];
  const dir = o.to !== undefined ? path.resolve(o.to) : defaultFolder(store, o.now);
  const copy = (name: string) => {
    const c = copyPath(path.join(store.dir, ...name.split('/')), path.join(dir, ...name.split('/')), { mode: FILE_MODE, dirMode: DIR_MODE });
    if (c) files.push({ name, ...c });
  };
  const copyLog = (name: string) => {
    let fd: number;
    try {
      fd = fs.openSync(path.join(store.dir, ...name.split('/')), 'r');
    } catch {
      return;
    }
    try {
      const length = completeLength(fd, fs.fstatSync(fd).size);
      files.push({ name, ...copyFd(fd, path.join(dir, ...name.split('/')), { length, mode: FILE_MODE, dirMode: DIR_MODE }) });
    } finally {
      fs.closeSync(fd);
    }
  };
  let storeId = '';
  let made = false;
  try {
    await withUploadRecords(store, 'Backup', () => store.withStoreLock(async () => {
      makeFolder(dir, o.to !== undefined);
      made = true;
      storeId = store.get('settings').storeId;
      for (const f of storeFiles(store.dir, dir)) if (f.role === 'log') copyLog(f.name);
      for (const f of storeFiles(store.dir, dir)) {
        if (f.role !== 'journal') continue;
        const j = markJournal(store, f.name, journalName(f.name)!);
        if (j) journals.push(j);
      }
      const seqOf = new Map(journals.map((j) => [journalName(j.name)!, j.mark.lastSeq]));
      const copied = new Set(files.map((f) => f.name));
      for (const f of storeFiles(store.dir, dir)) {
        if (f.role === 'journal' || f.role === 'log' || copied.has(f.name)) continue;
        if (f.role === 'slip' && !slipWithinMarks(f.name, (t) => seqOf.get(t))) continue;
        // Slips and the archive are written once and never changed, and batch files stand still
        // under the upload lock: listed now, copied after the store lock.
        if (f.role === 'slip' || f.name.startsWith('archive/') || f.name.startsWith('uploads/outgoing/')) later.push(f.name);
        // A till starting now may be appending a batch of cut-off lines: only whole lines.
        else if (f.name.endsWith('.jsonl.rejected')) copyLog(f.name);
        else copy(f.name);
      }
    }));
    for (const name of later) copy(name);
    for (const j of journals) files.push({ name: j.name, ...copyFd(j.fd, path.join(dir, ...j.name.split('/')), { length: j.mark.bytes, mode: FILE_MODE, dirMode: DIR_MODE }) });
  } catch (err) {
    // A folder without a manifest is not a backup: remove what was written so nobody mistakes it for one.
    if (made) fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  } finally {
    for (const j of journals) fs.closeSync(j.fd);
  }
  fsyncTree(dir);
  const manifest: StoreBackupManifest = {
    kind: STORE_BACKUP_KIND, version: 1, storeId, takenAt: o.now.toISOString(),
    journals: Object.fromEntries(journals.map((j) => [journalName(j.name)!, j.mark])),
    files: files.sort((a, b) => a.name.localeCompare(b.name)), skipped: skippedReasons(),
  };
  writeManifest(dir, manifest);
  return { dir, manifest };
}
