// lowdb adapters that survive power cuts. lowdb's own TextFile (steno) renames a fixed temp name
// without fsync, so after a crash the file can be empty or full of NULs (PITFALLS.md). Here:
// serialize -> unique temp in the same folder -> fsync -> keep the current good file as `.bak`
// -> rename over -> fsync the folder. Reading never swaps in defaults: an empty or unparseable file
// is restored from `.bak` loudly, or refused as CORRUPT.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Adapter, SyncAdapter } from 'lowdb';
import { StoreError, errnoCode, errorText, ioError } from './errors.js';
import { fsyncDir, storeFs, writeAll } from './fs-layer.js';

export interface DurableFileOptions {
  /** Loud warnings (restores, leftovers); the store routes them to stderr and the log. */
  warn: (message: string) => void;
  /** Name used in messages, e.g. `items.json` or `journals/T1.index.json`. */
  label?: string;
  /** Rewrite the main file from `.bak` after restoring (only a process holding the right lock should). */
  repair?: boolean;
  /** Pretty-print (documents people may read) or compact (snapshots). */
  pretty?: boolean;
}

type Parsed = { ok: true; value: unknown } | { ok: false; problem: string };

function parseText(text: string): Parsed {
  if (text.replace(/[\s\0]/g, '') === '') return { ok: false, problem: 'is empty' };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    return { ok: false, problem: `is not valid JSON (${errorText(err)})` };
  }
}

function readTextOrNull(file: string, label: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return null;
    throw ioError('reading', label, err);
  }
}

/** Writes `text` to a fresh unique temp file next to `target`, fsynced; returns its path. */
function writeTemp(target: string, text: string): string {
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = storeFs.openSync(tmp, 'wx', 0o600);
    writeAll(fd, Buffer.from(text, 'utf8'), 0);
    storeFs.fsyncSync(fd);
    storeFs.closeSync(fd);
    fd = undefined;
    return tmp;
  } catch (err) {
    if (fd !== undefined) {
      try { storeFs.closeSync(fd); } catch { /* already failing */ }
    }
    try { storeFs.unlinkSync(tmp); } catch { /* never created */ }
    throw err;
  }
}

/** Replaces `target` with `text` atomically and durably (no `.bak` step). */
export function replaceFileDurably(target: string, text: string): void {
  const tmp = writeTemp(target, text);
  try {
    storeFs.renameSync(tmp, target);
  } catch (err) {
    try { storeFs.unlinkSync(tmp); } catch { /* gone */ }
    throw err;
  }
  fsyncDir(path.dirname(target));
}

/** Removes a file and its `.bak` durably; a missing file is fine. */
export function removeFileDurably(target: string): void {
  for (const f of [target, `${target}.bak`]) {
    try {
      storeFs.unlinkSync(f);
    } catch (err) {
      if (errnoCode(err) !== 'ENOENT') throw err;
    }
  }
  fsyncDir(path.dirname(target));
}

export class DurableJsonFileSync<T> implements SyncAdapter<T> {
  readonly file: string;
  private readonly opts: Required<DurableFileOptions>;

  constructor(file: string, opts: DurableFileOptions) {
    this.file = file;
    this.opts = { label: path.basename(file), repair: true, pretty: true, ...opts };
  }

  read(): T | null {
    const { label } = this.opts;
    const text = readTextOrNull(this.file, label);
    if (text === null) return null;
    const main = parseText(text);
    if (main.ok) return main.value as T;

    const bakText = readTextOrNull(`${this.file}.bak`, `${label}.bak`);
    const bak = bakText === null ? null : parseText(bakText);
    if (bak === null || !bak.ok) {
      const why = bak === null ? 'there is no backup' : `its backup ${label}.bak ${bak.problem}`;
      throw new StoreError('CORRUPT', `${label} ${main.problem} and ${why}: restore ${label} from a backup of the store folder`, { file: label });
    }
    if (this.opts.repair && bakText !== null) {
      try {
        // Keep the damaged bytes for inspection rather than overwrite them.
        if (text.length > 0) fs.copyFileSync(this.file, `${this.file}.corrupt-${Date.now()}`);
        replaceFileDurably(this.file, bakText);
        this.opts.warn(`${label} ${main.problem}; restored it from ${label}.bak (the last change before a crash may be missing)`);
      } catch (err) {
        this.opts.warn(`${label} ${main.problem}; using ${label}.bak, but rewriting ${label} failed: ${errorText(err)}`);
      }
    } else {
      this.opts.warn(`${label} ${main.problem}; reading ${label}.bak instead`);
    }
    return bak.value as T;
  }

  write(data: T): void {
    const { label } = this.opts;
    const text = `${JSON.stringify(data, null, this.opts.pretty ? 2 : undefined)}\n`;
    let tmp: string | undefined;
    try {
      tmp = writeTemp(this.file, text);
      // The current file becomes the backup, but only when it is good: never replace a good
      // backup with a damaged file.
      // A file's first version is its own backup, so even a store fresh from `init` can recover.
      const current = readTextOrNull(this.file, label);
      if (current === null) replaceFileDurably(`${this.file}.bak`, text);
      else if (parseText(current).ok) replaceFileDurably(`${this.file}.bak`, current);
      storeFs.renameSync(tmp, this.file);
      tmp = undefined;
      fsyncDir(path.dirname(this.file));
    } catch (err) {
      if (tmp !== undefined) {
        try { storeFs.unlinkSync(tmp); } catch { /* gone */ }
      }
      throw ioError('writing', label, err);
    }
  }
}

/** The async lowdb adapter: same durability; the files are small, so the work itself is sync. */
export class DurableJsonFile<T> implements Adapter<T> {
  private readonly inner: DurableJsonFileSync<T>;

  constructor(file: string, opts: DurableFileOptions) {
    this.inner = new DurableJsonFileSync<T>(file, opts);
  }

  get file(): string {
    return this.inner.file;
  }

  async read(): Promise<T | null> {
    return this.inner.read();
  }

  async write(data: T): Promise<void> {
    this.inner.write(data);
  }
}

const TEMP_NAME = /^\..+\.(\d+)\.[0-9a-f]+\.tmp$/;

/**
 * Removes temp files a crashed process left behind in `dir` (their pid is no longer alive).
 * They are never read, so this only tidies up.
 */
export function removeTempLeftovers(dir: string, isAlive: (pid: number) => boolean): number {
  let removed = 0;
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return 0;
  }
  for (const name of names) {
    const m = TEMP_NAME.exec(name);
    if (!m || isAlive(Number(m[1]))) continue;
    try {
      fs.unlinkSync(path.join(dir, name));
      removed++;
    } catch { /* someone else tidied it */ }
  }
  return removed;
}
