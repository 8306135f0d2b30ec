// Every write-side file operation of the store goes through this object so a test can inject a
// fault (a disk that fills up mid-write, an fsync that fails) without mocking anything else.
// The counters let tests and `doctor` prove how much of a journal was actually read.
import fs from 'node:fs';

export const storeFs = {
  openSync: fs.openSync,
  closeSync: fs.closeSync,
  readSync: fs.readSync,
  writeSync: fs.writeSync as (fd: number, buffer: Uint8Array, offset: number, length: number, position: number | null) => number,
  fsyncSync: fs.fsyncSync,
  fdatasyncSync: fs.fdatasyncSync,
  ftruncateSync: fs.ftruncateSync,
  renameSync: fs.renameSync,
  unlinkSync: fs.unlinkSync,
};

export const ioCounters = {
  /** Bytes read from journal files (`journals/*.jsonl`) by this process. */
  journalBytesRead: 0,
};

/** Writes the whole buffer at `position` with as many write calls as the OS needs. */
export function writeAll(fd: number, buf: Uint8Array, position: number | null): void {
  let done = 0;
  while (done < buf.length) {
    const n = storeFs.writeSync(fd, buf, done, buf.length - done, position === null ? null : position + done);
    if (n <= 0) throw new Error(`short write (${done} of ${buf.length} bytes)`);
    done += n;
  }
}

/** fsync a folder so a rename or unlink inside it survives a power cut. */
export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = storeFs.openSync(dir, 'r');
    storeFs.fsyncSync(fd);
  } catch (err) {
    // Some file systems refuse fsync on a folder (EINVAL/EISDIR); the data itself is synced.
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EINVAL' && code !== 'EISDIR' && code !== 'EPERM') throw err;
  } finally {
    if (fd !== undefined) storeFs.closeSync(fd);
  }
}

/** Reads `length` bytes at `position` from a journal fd, counting them. */
export function readJournalBytes(fd: number, position: number, length: number): Buffer {
  const buf = Buffer.allocUnsafe(length);
  let got = 0;
  while (got < length) {
    const n = storeFs.readSync(fd, buf, got, length - got, position + got);
    if (n === 0) break;
    got += n;
  }
  ioCounters.journalBytesRead += got;
  return got === length ? buf : buf.subarray(0, got);
}
