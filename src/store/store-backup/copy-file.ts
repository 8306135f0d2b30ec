// Copying one store file into a backup (or a backup file into a restored store): in chunks, hashed
// on the way, fsynced, never more than a given length, so a journal still being appended to is
// copied up to a mark and a restored file is written only from bytes whose checksum was seen.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fsyncDir, readJournalBytes, storeFs, writeAll } from '../fs-layer.js';

const CHUNK = 1024 * 1024;

export interface Copied {
  bytes: number;
  sha256: string;
  /** The source's permission bits. */
  mode: number;
}

/** Size of the file open as `fd` cut back to just after its last `\n` (a line still being written is left out). */
export function completeLength(fd: number, size: number): number {
  let end = size;
  while (end > 0) {
    const from = Math.max(0, end - 64 * 1024);
    const buf = readJournalBytes(fd, from, end - from);
    const nl = buf.lastIndexOf(0x0a);
    if (nl >= 0) return from + nl + 1;
    end = from;
  }
  return 0;
}

/** The last complete line before `end` (without its newline), or null when there is none. */
export function lastLine(fd: number, end: number): Buffer | null {
  if (end <= 0) return null;
  let from = end - 1;
  let tail = Buffer.alloc(0);
  while (from > 0) {
    const start = Math.max(0, from - 64 * 1024);
    const buf = readJournalBytes(fd, start, from - start);
    const nl = buf.lastIndexOf(0x0a);
    tail = Buffer.concat([nl >= 0 ? buf.subarray(nl + 1) : buf, tail]);
    if (nl >= 0) return tail;
    from = start;
  }
  return tail;
}

function ensureDir(dir: string, mode: number): void {
  if (fs.existsSync(dir)) return;
  ensureDir(path.dirname(dir), mode);
  fs.mkdirSync(dir, { mode });
  fs.chmodSync(dir, mode);
}

/**
 * Copies the first `length` bytes of the open `srcFd` (default: all it has now) to a new file
 * `dest` with `mode`, creating folders with `dirMode`. `expect` (sha256) refuses bytes that changed.
 */
export function copyFd(srcFd: number, dest: string, o: { length?: number; mode: number; dirMode: number; expect?: string }): Copied {
  const st = fs.fstatSync(srcFd);
  const length = o.length ?? st.size;
  ensureDir(path.dirname(dest), o.dirMode);
  const hash = createHash('sha256');
  const out = storeFs.openSync(dest, 'wx', o.mode);
  let ok = false;
  try {
    let done = 0;
    while (done < length) {
      const chunk = readJournalBytes(srcFd, done, Math.min(CHUNK, length - done));
      if (chunk.length === 0) throw new Error(`${dest}: the source ended after ${done} of ${length} bytes`);
      hash.update(chunk);
      writeAll(out, chunk, done);
      done += chunk.length;
    }
    const sha256 = hash.digest('hex');
    if (o.expect !== undefined && sha256 !== o.expect) throw new Error(`${dest}: the bytes read do not match the checksum`);
    fs.fchmodSync(out, o.mode);
    storeFs.fsyncSync(out);
    ok = true;
    return { bytes: done, sha256, mode: st.mode & 0o777 };
  } finally {
    storeFs.closeSync(out);
    if (!ok) {
      try { fs.unlinkSync(dest); } catch { /* never written */ }
    }
  }
}

/** copyFd for a path; null when the source has gone (a file removed between listing and copying). */
export function copyPath(src: string, dest: string, o: { length?: number; mode: number; dirMode: number; expect?: string }): Copied | null {
  let fd: number;
  try {
    fd = fs.openSync(src, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  try {
    return copyFd(fd, dest, o);
  } finally {
    fs.closeSync(fd);
  }
}

/** fsyncs every folder under `root` (and root itself), deepest first, so the new names survive a power cut. */
export function fsyncTree(root: string): void {
  for (const e of fs.readdirSync(root, { withFileTypes: true })) if (e.isDirectory()) fsyncTree(path.join(root, e.name));
  fsyncDir(root);
}
