// Warnings and recoveries: to stderr (someone at a terminal sees them now) and to
// logs/tillpoint.log (support sees them later). Callers never pass secrets.
// The log rotates by size (tillpoint.log -> .1 -> ... -> .5, the oldest dropped) and by age (a
// file not written for 30 days is removed), so the folder cannot fill the disk; support reads it
// over SSH under another account, hence 0644 files in a 0755 folder.
import fs from 'node:fs';
import path from 'node:path';

export const LOG_FILE = 'tillpoint.log';
export const LOG_LIMITS = { maxBytes: 5 * 1024 * 1024, keep: 5, maxAgeMs: 30 * 24 * 3600 * 1000 };
const FILE_MODE = 0o644;
const DIR_MODE = 0o755;

export interface LogLimits {
  maxBytes: number;
  /** Rotated files kept: tillpoint.log.1 (newest) to .keep. */
  keep: number;
  /** A log file last written longer ago than this is removed. */
  maxAgeMs: number;
}

export interface WarnOptions {
  log?: (line: string) => void;
  /** Default true; tests that provoke warnings on purpose may keep stderr quiet, and the full
   * screen till asks as each warning comes (stderr would draw over its frame). */
  stderr?: boolean | (() => boolean);
  /** For tests: other limits than LOG_LIMITS. */
  limits?: LogLimits;
}

export function makeWarn(logsDir: string, opts: WarnOptions): (message: string) => void {
  const file = path.join(logsDir, LOG_FILE);
  const limits = opts.limits ?? LOG_LIMITS;
  rotateLogs(logsDir, limits);
  return (message: string) => {
    const line = `${new Date().toISOString()} [${process.pid}] warning: ${message}\n`;
    if (typeof opts.stderr === 'function' ? opts.stderr() : opts.stderr !== false) process.stderr.write(`tillpoint: warning: ${message}\n`);
    try {
      ensureLogsDir(logsDir);
      rotateIfLarge(file, limits, Buffer.byteLength(line));
      const created = !fs.existsSync(file);
      fs.appendFileSync(file, line, { mode: FILE_MODE });
      // The umask may have taken the read bits support needs.
      if (created) fs.chmodSync(file, FILE_MODE);
    } catch {
      // A log that cannot be written must not stop a sale; stderr already has it.
    }
    opts.log?.(line.slice(0, -1));
  };
}

function ensureLogsDir(dir: string): void {
  if (fs.existsSync(dir)) return;
  fs.mkdirSync(dir, { recursive: true, mode: DIR_MODE });
  fs.chmodSync(dir, DIR_MODE);
}

/** Shifts tillpoint.log to .1 (and .1 to .2 ...) once adding `adding` bytes would pass the limit. */
function rotateIfLarge(file: string, limits: LogLimits, adding: number): void {
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    return; // missing log: nothing to rotate
  }
  if (size === 0 || size + adding <= limits.maxBytes) return;
  // Another process may rotate at the same instant: a rename that finds nothing is fine.
  for (let n = limits.keep - 1; n >= 1; n--) renameIfThere(`${file}.${n}`, `${file}.${n + 1}`);
  if (limits.keep >= 1) renameIfThere(file, `${file}.1`);
  else removeIfThere(file);
}

/** At start-up: rotates a log past its size, drops rotated files beyond `keep` and every log file older than maxAgeMs. */
export function rotateLogs(logsDir: string, limits: LogLimits = LOG_LIMITS, now = Date.now()): void {
  const file = path.join(logsDir, LOG_FILE);
  rotateIfLarge(file, limits, 0);
  let entries: string[];
  try {
    entries = fs.readdirSync(logsDir);
  } catch {
    return;
  }
  for (const e of entries) {
    const m = new RegExp(`^${LOG_FILE.replace('.', '\\.')}(?:\\.(\\d+))?$`).exec(e);
    if (!m) continue;
    const p = path.join(logsDir, e);
    if (m[1] !== undefined && Number(m[1]) > limits.keep) {
      removeIfThere(p);
      continue;
    }
    try {
      const st = fs.statSync(p);
      if (now - st.mtimeMs > limits.maxAgeMs) removeIfThere(p);
      else if ((st.mode & 0o777) !== FILE_MODE) fs.chmodSync(p, FILE_MODE);
    } catch { /* gone, or another user's file: left as it is */ }
  }
  try {
    if ((fs.statSync(logsDir).mode & 0o777) !== DIR_MODE) fs.chmodSync(logsDir, DIR_MODE);
  } catch { /* not ours to change */ }
}

function renameIfThere(from: string, to: string): void {
  try {
    fs.renameSync(from, to);
  } catch { /* not there */ }
}

function removeIfThere(file: string): void {
  try {
    fs.unlinkSync(file);
  } catch { /* not there */ }
}
