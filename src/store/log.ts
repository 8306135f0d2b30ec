// Warnings and recoveries: to stderr (someone at a terminal sees them now) and to
// logs/tillpoint.log (support sees them later). Callers never pass secrets.
import fs from 'node:fs';
import path from 'node:path';

const MAX_LOG_BYTES = 5 * 1024 * 1024;

export interface WarnOptions {
  log?: (line: string) => void;
  /** Default true; tests that provoke warnings on purpose may keep stderr quiet, and the full
   * screen till asks as each warning comes (stderr would draw over its frame). */
  stderr?: boolean | (() => boolean);
}

export function makeWarn(logsDir: string, opts: WarnOptions): (message: string) => void {
  const file = path.join(logsDir, 'tillpoint.log');
  rotateIfLarge(file);
  return (message: string) => {
    const line = `${new Date().toISOString()} [${process.pid}] warning: ${message}`;
    if (typeof opts.stderr === 'function' ? opts.stderr() : opts.stderr !== false) process.stderr.write(`tillpoint: warning: ${message}\n`);
    try {
      fs.mkdirSync(logsDir, { recursive: true });
      fs.appendFileSync(file, `${line}\n`);
    } catch {
      // A log that cannot be written must not stop a sale; stderr already has it.
    }
    opts.log?.(line);
  };
}

/** Keeps one previous log so the folder cannot fill up with warnings. */
function rotateIfLarge(file: string): void {
  try {
    if (fs.statSync(file).size > MAX_LOG_BYTES) fs.renameSync(file, `${file}.1`);
  } catch {
    // missing log: nothing to rotate
  }
}
