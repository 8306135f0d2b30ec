// Lock files in `locks/`: created exclusively (O_EXCL), holding `{pid, host, since, token}`.
// A lock is stale when its pid is no longer alive on this host. Taking over a stale lock first
// renames it to a unique name: only one racing process can win that rename, and the winner checks
// it moved the stale file it judged (not a fresh lock someone created meanwhile).
import fs from 'node:fs';
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import { StoreError, errnoCode, errorText } from './errors.js';

export interface LockHolder {
  pid: number;
  host: string;
  since: string;
  token: string;
  /** The holder's start time in clock ticks since boot (Linux), so a reused pid is not taken for the holder. */
  started?: number;
  /**
   * The holding thread's OS thread id (Linux): a worker thread of a live process (the nightly
   * accrual) holds locks too, and only the thread's own end frees them before the process ends.
   */
  tid?: number;
}

/** Fields of /proc/<pid>/stat after the command name: state and start time, or null off Linux / when gone. */
function procStat(pid: number): { state: string; started: number } | null {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
    const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state: rest[0] ?? '', started: Number(rest[19]) };
  } catch {
    return null;
  }
}

/** Tokens of the locks this process holds right now. */
const held = new Map<string, string>();

export function isProcessAlive(pid: number, started?: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    if (errnoCode(err) === 'ESRCH') return false;
  }
  // A killed process stays a zombie until its parent reaps it, and in a container nothing may ever
  // reap it; a pid can also be reused by a new process. Neither holds the lock any more.
  const stat = procStat(pid);
  if (stat === null) return true;
  if (stat.state === 'Z' || stat.state === 'X') return false;
  return started === undefined || !Number.isFinite(stat.started) || stat.started === started;
}

const OWN_START = procStat(process.pid)?.started;

/** This thread's OS thread id (each worker thread evaluates this module afresh), when Linux tells. */
const OWN_TID = ((): number | undefined => {
  try {
    const tid = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
    return Number.isInteger(tid) && tid > 0 ? tid : undefined;
  } catch {
    return undefined;
  }
})();

const sleepCell = new Int32Array(new SharedArrayBuffer(4));
/** Blocks this thread for `ms` without spinning (used where the caller is synchronous). */
export function sleepSync(ms: number): void {
  Atomics.wait(sleepCell, 0, 0, ms);
}

function readHolder(file: string): LockHolder | 'missing' | 'unreadable' {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return 'missing';
    return 'unreadable';
  }
  try {
    const v = JSON.parse(text) as Partial<LockHolder>;
    if (typeof v.pid === 'number' && typeof v.host === 'string') {
      return { pid: v.pid, host: v.host, since: String(v.since ?? ''), token: String(v.token ?? ''), ...(typeof v.started === 'number' ? { started: v.started } : {}),
        ...(typeof v.tid === 'number' ? { tid: v.tid } : {}) };
    }
  } catch { /* fall through */ }
  return 'unreadable';
}

function ageMs(file: string): number {
  try {
    return Date.now() - fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

export class HeldLock {
  constructor(readonly file: string, readonly holder: LockHolder) {}

  /** Removes the lock file, but only while it is still ours (a take-over may have replaced it). */
  release(): void {
    if (held.get(this.file) !== this.holder.token) return;
    held.delete(this.file);
    const now = readHolder(this.file);
    if (typeof now === 'object' && now.token === this.holder.token) {
      try {
        fs.unlinkSync(this.file);
      } catch { /* already gone */ }
    }
  }
}

export type LockAttempt = { ok: true; lock: HeldLock } | { ok: false; holder: LockHolder };

/** Is `holder` a lock nobody can be using any more? */
function isStale(file: string, holder: LockHolder): boolean {
  if (holder.host !== os.hostname()) return false; // cannot check another machine's processes
  if (holder.pid === process.pid) {
    // Another thread of this process: stale only once that thread has ended.
    if (holder.tid !== undefined && holder.tid !== OWN_TID) return !fs.existsSync(`/proc/${process.pid}/task/${holder.tid}`);
    return held.get(file) !== holder.token; // an earlier process with our pid, or this thread's own leftover
  }
  return !isProcessAlive(holder.pid, holder.started);
}

function createExclusive(file: string): HeldLock | null {
  const holder: LockHolder = { pid: process.pid, host: os.hostname(), since: new Date().toISOString(), token: randomBytes(8).toString('hex'),
    ...(OWN_START !== undefined ? { started: OWN_START } : {}), ...(OWN_TID !== undefined ? { tid: OWN_TID } : {}) };
  let fd: number;
  try {
    fd = fs.openSync(file, 'wx', 0o644);
  } catch (err) {
    if (errnoCode(err) === 'EEXIST') return null;
    throw new StoreError('IO', `creating lock ${file} failed: ${errorText(err)}`, { file, cause: err });
  }
  try {
    const buf = Buffer.from(JSON.stringify(holder));
    fs.writeSync(fd, buf, 0, buf.length, 0);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  held.set(file, holder.token);
  return new HeldLock(file, holder);
}

/**
 * One attempt to take `file`. A stale lock is taken over (with a warning); a live one is reported.
 * `what` names the lock in messages, e.g. `till T1`.
 */
export function tryLock(file: string, what: string, warn: (m: string) => void): LockAttempt {
  for (let attempt = 0; attempt < 200; attempt++) {
    const mine = createExclusive(file);
    if (mine) return { ok: true, lock: mine };
    const holder = readHolder(file);
    if (holder === 'missing') continue; // released between our two calls: try again
    if (holder === 'unreadable') {
      // Created but not yet written by its owner, or left empty by a crash at that instant.
      if (ageMs(file) < 2000) {
        sleepSync(10);
        continue;
      }
      if (takeOver(file, null)) warn(`the ${what} lock file was unreadable and has been replaced`);
      continue;
    }
    if (!isStale(file, holder)) return { ok: false, holder };
    if (takeOver(file, holder)) {
      warn(`the ${what} lock of process ${holder.pid} (since ${holder.since}) was stale: that process is gone; taking it over`);
    }
  }
  throw new StoreError('LOCKED', `could not take the ${what} lock (${file}): it keeps changing hands`, { file });
}

/** Moves a stale lock out of the way; true when this process did it. */
function takeOver(file: string, judged: LockHolder | null): boolean {
  const grave = `${file}.stale.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    fs.renameSync(file, grave);
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return false; // another process won the race
    throw new StoreError('IO', `taking over lock ${file} failed: ${errorText(err)}`, { file, cause: err });
  }
  const moved = readHolder(grave);
  const same = judged === null ? moved === 'unreadable' : typeof moved === 'object' && moved.token === judged.token && moved.pid === judged.pid;
  if (!same) {
    // We raced and moved a fresh lock: put it back (link fails if yet another lock appeared).
    try {
      fs.linkSync(grave, file);
    } catch { /* the other lock stands */ }
  }
  try {
    fs.unlinkSync(grave);
  } catch { /* gone */ }
  return same;
}

function lockedError(file: string, what: string, holder: LockHolder): StoreError {
  const self = holder.pid === process.pid ? ' (this process)' : '';
  return new StoreError(
    'LOCKED',
    `the ${what} is locked by process ${holder.pid}${self} on ${holder.host} since ${holder.since}`,
    { file, holderPid: holder.pid },
  );
}

/** Takes `file` now or throws StoreError LOCKED naming the holder's pid. */
export function lockNow(file: string, what: string, warn: (m: string) => void): HeldLock {
  const r = tryLock(file, what, warn);
  if (r.ok) return r.lock;
  throw lockedError(file, what, r.holder);
}

/** Waits (without blocking the event loop) up to `timeoutMs` for `file`, then throws LOCKED. */
export async function lockWaiting(file: string, what: string, warn: (m: string) => void, timeoutMs = 5000): Promise<HeldLock> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = tryLock(file, what, warn);
    if (r.ok) return r.lock;
    if (Date.now() >= deadline) throw lockedError(file, what, r.holder);
    await new Promise((resolve) => setTimeout(resolve, 5 + Math.floor(Math.random() * 15)));
  }
}

/** Same as lockWaiting for synchronous callers: sleeps with Atomics.wait between attempts. */
export function lockWaitingSync(file: string, what: string, warn: (m: string) => void, timeoutMs = 5000): HeldLock {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = tryLock(file, what, warn);
    if (r.ok) return r.lock;
    if (Date.now() >= deadline || r.holder.pid === process.pid) throw lockedError(file, what, r.holder);
    sleepSync(5 + Math.floor(Math.random() * 15));
  }
}

/** Locks left by a process that exits without close() are removed on the way out. */
process.once('exit', () => {
  for (const [file, token] of held) {
    const now = readHolder(file);
    if (typeof now === 'object' && now.token === token) {
      try { fs.unlinkSync(file); } catch { /* gone */ }
    }
  }
});
