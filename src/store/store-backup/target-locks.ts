// Before a whole-store restore replaces a store, it takes every lock of that store itself: each
// till's writer and outbox lock, the store, job and upload locks, and any other lock file there.
// A live holder (a till running, the UI) refuses the restore with its pid, and holding them all
// keeps a till from starting on the old store while it is being swapped out.
import fs from 'node:fs';
import path from 'node:path';
import { StoreError } from '../errors.js';
import { tryLock, type HeldLock } from '../locks.js';

export interface TargetLocks {
  /** The store folder was renamed to `dir`: the lock files held moved with it. */
  moved(dir: string): void;
  release(): void;
}

function lockNames(dir: string): string[] {
  const names = new Set(['store.lock', 'jobs.lock', 'uploads.lock']);
  try {
    for (const e of fs.readdirSync(path.join(dir, 'journals'))) {
      const m = /^(.+)\.jsonl$/.exec(e);
      if (m && m[1] !== 'loyalty-book') {
        names.add(`till-${m[1]}.lock`);
        names.add(`outbox-${m[1]}.lock`);
      }
    }
  } catch { /* no journals yet */ }
  try {
    for (const e of fs.readdirSync(path.join(dir, 'locks'))) if (/^[^.].*\.lock$/.test(e)) names.add(e);
  } catch { /* no locks folder */ }
  return [...names].sort();
}

export function lockTargetStore(dir: string): TargetLocks {
  const locksDir = path.join(dir, 'locks');
  fs.mkdirSync(locksDir, { recursive: true });
  const held: HeldLock[] = [];
  let movedTo: string | null = null;
  const release = () => {
    for (const l of held.splice(0)) {
      l.release();
      // Lock files that moved with the replaced store: that folder is kept as it was, without them.
      if (movedTo !== null) {
        try { fs.unlinkSync(path.join(movedTo, 'locks', path.basename(l.file))); } catch { /* gone */ }
      }
    }
  };
  for (const name of lockNames(dir)) {
    const r = tryLock(path.join(locksDir, name), name.replace(/\.lock$/, ''), () => undefined);
    if (r.ok) {
      held.push(r.lock);
      continue;
    }
    release();
    throw new StoreError('LOCKED',
      `cannot restore into ${dir} while it is in use: ${name} is held by process ${r.holder.pid} on ${r.holder.host} since ${r.holder.since}; stop that till or session first (nothing was changed)`,
      { file: path.join(locksDir, name), holderPid: r.holder.pid });
  }
  return {
    moved: (to) => {
      movedTo = to;
    },
    release,
  };
}
