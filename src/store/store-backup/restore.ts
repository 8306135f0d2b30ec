// `tillpoint restore BACKUP` for a whole-store backup. Every checksum is checked first (a refusal
// changes nothing). The restored store is built beside the target, in `<dir>.restoring-<stamp>`,
// each file written from bytes whose sha256 was seen and fsynced; then two renames swap it in:
// `<dir>` -> `<dir>.before-restore-<stamp>` (kept, untouched), the new folder -> `<dir>`. A crash
// before the first rename leaves the old store in place (the half-built folder is only a leftover);
// after the second, the restored one; a failed second rename puts the old store back. Between the
// two (two system calls) `<dir>` is briefly absent: a crash exactly there leaves both complete
// folders beside it, and a rerun of restore refuses, saying which to rename back.
// The store's backups/ folder moves into the restored store, so no backup is lost by a restore.
import fs from 'node:fs';
import path from 'node:path';
import { wallTime } from '../../engine/zoned-time.js';
import { machineTimeZone } from '../defaults.js';
import { StoreError, errorText } from '../errors.js';
import { fsyncDir, storeFs } from '../fs-layer.js';
import { copyPath, fsyncTree } from './copy-file.js';
import { STORE_BACKUPS_DIR } from './backup.js';
import { assertStoreChecksums, readStoreManifest, type StoreBackupManifest } from './manifest.js';
import { lockTargetStore } from './target-locks.js';
import { cutOffRestoreText, restoreLeftover } from '../restore-leftover.js';

export interface StoreRestoreResult {
  /** The store folder restored. */
  dir: string;
  /** Where the store it replaced was kept, or null when there was none. */
  replacedBy: string | null;
  storeId: string;
  takenAt: string;
  journals: StoreBackupManifest['journals'];
  files: number;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function stampOf(now: Date): string {
  const w = wallTime(now.getTime(), machineTimeZone());
  return `${pad(w.year, 4)}${pad(w.month)}${pad(w.day)}-${pad(w.hour)}${pad(w.minute)}${pad(w.second)}`;
}

function refuse(message: string, field = 'data'): never {
  throw new StoreError('INVALID', message, { field });
}

/** The store id of the store in `dir`, null when `dir` is missing or empty; refuses a folder that holds something else. */
function targetStoreId(dir: string): string | null {
  let entries: string[];
  try {
    entries = fs.readdirSync(dir);
  } catch {
    return null;
  }
  if (entries.length === 0) return null;
  let text: string;
  try {
    text = fs.readFileSync(path.join(dir, 'settings.json'), 'utf8');
  } catch {
    refuse(`${dir} is not empty and is not a tillpoint store (it has no settings.json): restore into a store or an empty or new folder`);
  }
  try {
    const id = (JSON.parse(text) as { storeId?: unknown }).storeId;
    if (typeof id === 'string') return id;
  } catch { /* fall through */ }
  refuse(`${dir}/settings.json is damaged, so the store there cannot be matched with the backup; run tillpoint doctor, or restore into a new folder`);
}

/** Builds the restored store in `tmp` from the checked backup. */
function buildRestored(backup: string, tmp: string, manifest: StoreBackupManifest): void {
  fs.mkdirSync(tmp, { mode: 0o755 });
  for (const f of manifest.files) {
    const parts = f.name.split('/');
    const c = copyPath(path.join(backup, ...parts), path.join(tmp, ...parts), { mode: f.mode, dirMode: 0o755, expect: f.sha256 });
    if (!c || c.bytes !== f.bytes) throw new StoreError('CORRUPT', `${f.name} in the backup ${backup} changed while it was being restored`, { file: f.name });
  }
  for (const sub of ['journals', 'locks', 'open', 'logs']) fs.mkdirSync(path.join(tmp, sub), { recursive: true, mode: 0o755 });
  fsyncTree(tmp);
}

/** Restores the whole-store backup `backup` into the store folder `target` (a store, or a missing or empty folder). */
export function restoreStore(backup: string, target: string, o: { now: Date }): StoreRestoreResult {
  const src = path.resolve(backup);
  const dir = path.resolve(target);
  const manifest = readStoreManifest(src);
  assertStoreChecksums(src, manifest);
  if (dir === src || (src.startsWith(`${dir}${path.sep}`) && !src.startsWith(path.join(dir, STORE_BACKUPS_DIR) + path.sep))) {
    refuse(`the backup ${src} lies inside the store ${dir} outside its backups/ folder; move it out first`, 'backup');
  }
  const leftover = restoreLeftover(dir);
  if (leftover !== null && !fs.existsSync(dir)) refuse(cutOffRestoreText(dir, leftover));
  const currentId = targetStoreId(dir);
  if (currentId !== null && currentId !== manifest.storeId) {
    refuse(`${dir} holds another store (id ${currentId}); this backup is of store ${manifest.storeId}: restore it into that store or into an empty or new folder`);
  }
  const locks = currentId === null ? null : lockTargetStore(dir);
  const stamp = stampOf(o.now);
  const tmp = `${dir}.restoring-${stamp}`;
  const kept = `${dir}.before-restore-${stamp}`;
  try {
    if (fs.existsSync(tmp) || fs.existsSync(kept)) refuse(`${path.basename(tmp)} or ${path.basename(kept)} already exists beside ${dir}; try again in a second`);
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    try {
      buildRestored(src, tmp, manifest);
    } catch (err) {
      fs.rmSync(tmp, { recursive: true, force: true });
      throw err;
    }
    // An empty folder holds nothing worth keeping: the restored store simply takes its place.
    if (currentId === null && fs.existsSync(dir)) fs.rmdirSync(dir);
    const existed = fs.existsSync(dir);
    if (existed) storeFs.renameSync(dir, kept);
    try {
      storeFs.renameSync(tmp, dir);
    } catch (err) {
      // Put the old store back where it was; the restored copy is only a leftover then.
      if (existed) storeFs.renameSync(kept, dir);
      fs.rmSync(tmp, { recursive: true, force: true });
      throw err;
    }
    fsyncDir(path.dirname(dir));
    if (existed) {
      locks?.moved(kept);
      moveBackups(kept, dir);
    }
    return { dir, replacedBy: existed ? kept : null, storeId: manifest.storeId, takenAt: manifest.takenAt, journals: manifest.journals, files: manifest.files.length };
  } finally {
    locks?.release();
  }
}

/** The replaced store's backups/ into the restored store (the backup just restored may be one of them). */
function moveBackups(from: string, to: string): void {
  const old = path.join(from, STORE_BACKUPS_DIR);
  if (!fs.existsSync(old)) return;
  try {
    fs.renameSync(old, path.join(to, STORE_BACKUPS_DIR));
    fsyncDir(from);
    fsyncDir(to);
  } catch (err) {
    throw new StoreError('IO', `the store was restored, but its backups stayed in ${old}: ${errorText(err)}; move that folder into ${to} by hand`, { cause: err });
  }
}
