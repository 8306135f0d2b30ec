// Who holds which lock in locks/: the holder's pid and whether it still runs (the store's own
// test, isProcessAlive, so the doctor and the next start agree on "stale"), and for how long.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isProcessAlive } from '../store/locks.js';
import { ageText, fail, ok, warning, worst, type DoctorCheck, type Finding } from './types.js';

interface Holder { pid: number; host: string; since: string; started?: number }

/** What a lock guards, and who takes a stale one over. */
function roleOf(name: string): { what: string; takenBy: string } {
  const m = /^(till|outbox)-(.+)\.lock$/.exec(name);
  if (m?.[1] === 'till') return { what: `till ${m[2]}'s journal`, takenBy: `the next start of till ${m[2]}` };
  if (m?.[1] === 'outbox') return { what: `till ${m[2]}'s Loyalty Plus outbox`, takenBy: `the next start of till ${m[2]}` };
  if (name === 'store.lock') return { what: 'shared documents', takenBy: 'the next change of a document' };
  if (name === 'jobs.lock') return { what: 'the scheduled jobs', takenBy: 'the next till or back office that starts' };
  if (name === 'uploads.lock') return { what: 'the upload records', takenBy: 'the next upload run' };
  return { what: name.replace(/\.lock$/, ''), takenBy: 'the next process that needs it' };
}

function readHolder(file: string): Holder | null {
  try {
    const v = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Holder>;
    if (typeof v.pid !== 'number' || typeof v.host !== 'string') return null;
    return { pid: v.pid, host: v.host, since: String(v.since ?? ''), ...(typeof v.started === 'number' ? { started: v.started } : {}) };
  } catch {
    return null;
  }
}

/** The store lock is held for a document save (milliseconds); minutes means a stuck process. */
const STORE_LOCK_STUCK_MS = 5 * 60 * 1000;

function lockFinding(dir: string, name: string): Finding {
  const file = path.join(dir, 'locks', name);
  const rel = `locks/${name}`;
  const { what, takenBy } = roleOf(name);
  let mtime = Date.now();
  try { mtime = fs.statSync(file).mtimeMs; } catch { return ok(`${rel}: released while being read`); }
  const h = readHolder(file);
  if (!h) {
    // The owner writes its lock right after creating it; an unreadable one older than that is a crash's leftover.
    if (Date.now() - mtime < 2000) return ok(`${rel}: being taken right now`);
    return warning(`${rel} (${what}) is unreadable (left by a crash)`, `nothing to do: it is replaced at ${takenBy}; or delete ${rel} once no tillpoint process runs`);
  }
  const sinceMs = Date.parse(h.since);
  const age = ageText(Date.now() - (Number.isFinite(sinceMs) ? sinceMs : mtime));
  const holder = `pid ${h.pid} on ${h.host}`;
  if (h.host !== os.hostname()) {
    return warning(`${rel} (${what}) is held by ${holder}, another machine, for ${age}: its process cannot be checked from here`, `on ${h.host}, check that pid ${h.pid} is a running tillpoint; if it is not, delete ${rel}`);
  }
  if (!isProcessAlive(h.pid, h.started)) {
    return warning(`${rel} (${what}) is stale: ${holder} is not running (taken ${age} ago)`, `nothing to do: it is taken over at ${takenBy}; to clear it now, check no tillpoint runs (ps -p ${h.pid}) and delete ${rel}`);
  }
  if (name === 'store.lock' && Date.now() - (Number.isFinite(sinceMs) ? sinceMs : mtime) > STORE_LOCK_STUCK_MS) {
    return fail(`${rel} (${what}) has been held by ${holder} for ${age}: other terminals cannot save setup, and refunds wait`, `pid ${h.pid} looks stuck: ask its user to leave tillpoint, or stop it (kill ${h.pid}); its lock is then taken over`);
  }
  return ok(`${name}: ${holder}, running, for ${age}`);
}

export const locksCheck: DoctorCheck = {
  id: 'locks',
  title: 'Locks',
  async run(ctx): Promise<Finding> {
    let names: string[];
    try {
      names = fs.readdirSync(path.join(ctx.dir, 'locks')).filter((n) => n.endsWith('.lock')).sort();
    } catch {
      return ok('no locks/ folder: no process has used this store yet');
    }
    if (names.length === 0) return ok('no lock is held: no till, back office or job is running');
    return worst(names.map((n) => lockFinding(ctx.dir, n)), '');
  },
};
