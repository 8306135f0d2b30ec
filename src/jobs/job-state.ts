// jobs/state.json: what every job last did, durable across crashes and power cuts. Only the job
// lock holder writes it (through the store's durable adapter: temp, fsync, .bak, rename); other
// processes only read it, to show the jobs on their screens.
import fs from 'node:fs';
import path from 'node:path';
import { DurableJsonFileSync, isProcessAlive } from '../store/index.js';
import type { JobState, RunReason, RunResult } from './types.js';

export const STATE_VERSION = 1;

interface StateFile {
  version: number;
  jobs: Record<string, JobState>;
}

export function jobStatePath(storeDir: string): string {
  return path.join(storeDir, 'jobs', 'state.json');
}

export function emptyJobState(since: string): JobState {
  return {
    since, lastSuccessAt: null, lastSlotAt: null, lastRunAt: null, lastFinishedAt: null,
    lastResult: null, lastReason: null, lastError: null, lastNote: null, running: null, nextRunAt: null,
  };
}

const RESULTS: readonly RunResult[] = ['success', 'failed', 'stopped', 'interrupted'];
const REASONS: readonly RunReason[] = ['scheduled', 'start-up', 'missed', 'clock-jump', 'overlap', 'manual'];

const instant = (v: unknown): string | null => (typeof v === 'string' && Number.isFinite(Date.parse(v)) ? v : null);
const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const oneOf = <T extends string>(v: unknown, allowed: readonly T[]): T | null => (allowed.includes(v as T) ? (v as T) : null);

/**
 * A job's entry as read, field by field: a field that is missing or malformed (an older or
 * hand-edited file) falls back to "unknown" rather than failing the start of the till.
 */
function normalize(raw: unknown, fallbackSince: string): JobState {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const run = (typeof r.running === 'object' && r.running !== null ? r.running : null) as Record<string, unknown> | null;
  const runSince = instant(run?.since);
  const runSlot = instant(run?.slot);
  return {
    since: instant(r.since) ?? fallbackSince,
    lastSuccessAt: instant(r.lastSuccessAt),
    lastSlotAt: instant(r.lastSlotAt),
    lastRunAt: instant(r.lastRunAt),
    lastFinishedAt: instant(r.lastFinishedAt),
    lastResult: oneOf(r.lastResult, RESULTS),
    lastReason: oneOf(r.lastReason, REASONS),
    lastError: text(r.lastError),
    lastNote: text(r.lastNote),
    running: run && typeof run.pid === 'number' && runSince && runSlot
      ? { pid: run.pid, since: runSince, slot: runSlot, reason: oneOf(run.reason, REASONS) ?? 'scheduled' }
      : null,
    nextRunAt: instant(r.nextRunAt),
  };
}

function parseFile(value: unknown, fallbackSince: string): Record<string, JobState> {
  const jobs = (value as Partial<StateFile> | null)?.jobs;
  const out: Record<string, JobState> = {};
  if (typeof jobs !== 'object' || jobs === null) return out;
  for (const [name, raw] of Object.entries(jobs)) out[name] = normalize(raw, fallbackSince);
  return out;
}

/** The holder's handle on the file: load once at take-over, save after every change. */
export class JobStateFile {
  private readonly adapter: DurableJsonFileSync<StateFile>;

  constructor(storeDir: string, private readonly warn: (m: string) => void) {
    const file = jobStatePath(storeDir);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    this.adapter = new DurableJsonFileSync<StateFile>(file, { warn, label: 'jobs/state.json' });
  }

  load(nowIso: string): Record<string, JobState> {
    try {
      return parseFile(this.adapter.read(), nowIso);
    } catch (err) {
      // Both the file and its .bak are unreadable. Jobs are idempotent, so forgetting their
      // history costs a repeated run, never wrong data; keep the bytes for support.
      const aside = `${this.adapter.file}.corrupt-${Date.now()}`;
      try { fs.renameSync(this.adapter.file, aside); } catch { /* nothing to keep */ }
      this.warn(`jobs/state.json could not be read (${(err as Error).message}); job history starts again (moved to ${path.basename(aside)})`);
      return {};
    }
  }

  save(jobs: Record<string, JobState>): void {
    this.adapter.write({ version: STATE_VERSION, jobs });
  }
}

/**
 * The job states as any process sees them (read only, never repaired: only the lock holder may
 * rewrite the file). A run whose process is gone is shown as interrupted.
 */
export function readJobStates(storeDir: string, warn: (m: string) => void = () => undefined): Record<string, JobState> {
  const adapter = new DurableJsonFileSync<StateFile>(jobStatePath(storeDir), { warn, label: 'jobs/state.json', repair: false });
  let jobs: Record<string, JobState>;
  try {
    jobs = parseFile(adapter.read(), new Date(0).toISOString());
  } catch {
    return {};
  }
  for (const s of Object.values(jobs)) {
    if (s.running && !isProcessAlive(s.running.pid)) Object.assign(s, interruptedFields(s));
  }
  return jobs;
}

/** What a run left behind by a process that died mid-run becomes. */
export function interruptedFields(s: JobState): Partial<JobState> {
  if (!s.running) return {};
  return {
    running: null,
    lastResult: 'interrupted',
    lastError: `the run started at ${s.running.since} by process ${s.running.pid} did not finish (that process stopped); it will run again`,
  };
}
