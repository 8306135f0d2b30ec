// jobs/log.jsonl: one line per finished run of any job, for the Automation screen's log. Only
// the job lock holder writes it (one writer per store), each line appended with one write and an
// fsync, so a run the screen says finished is on disk. Bounded: past MAX_BYTES the newest lines
// are kept (rewritten through the durable temp-fsync-rename path) and the oldest dropped.
import fs from 'node:fs';
import path from 'node:path';
import { replaceFileDurably } from '../store/durable-file.js';
import { storeFs, writeAll } from '../store/fs-layer.js';
import type { RunReason, RunResult } from './types.js';

export interface RunLogEntry {
  job: string;
  reason: RunReason;
  startedAt: string;
  finishedAt: string;
  result: RunResult;
  note: string | null;
  error: string | null;
}

export interface RunLogLimits {
  /** Past this size the file is cut down to the newest `keepLines`. */
  maxBytes: number;
  keepLines: number;
}

export const RUN_LOG_LIMITS: RunLogLimits = { maxBytes: 512 * 1024, keepLines: 1000 };

export function runLogPath(storeDir: string): string {
  return path.join(storeDir, 'jobs', 'log.jsonl');
}

/** Appends one line (one write, one fsync); trims the file first when it has grown too big. */
export function appendRunLog(storeDir: string, entry: RunLogEntry, limits: RunLogLimits = RUN_LOG_LIMITS): void {
  const file = runLogPath(storeDir);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  trimIfLarge(file, limits);
  const fd = storeFs.openSync(file, 'a');
  try {
    writeAll(fd, Buffer.from(`${JSON.stringify(entry)}\n`, 'utf8'), null);
    storeFs.fsyncSync(fd);
  } finally {
    storeFs.closeSync(fd);
  }
}

function trimIfLarge(file: string, limits: RunLogLimits): void {
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    return;
  }
  if (size <= limits.maxBytes) return;
  const lines = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
  const kept = lines.slice(-limits.keepLines);
  replaceFileDurably(file, kept.length === 0 ? '' : `${kept.join('\n')}\n`);
}

const RESULTS = new Set<string>(['success', 'failed', 'stopped', 'interrupted']);

function parseLine(line: string): RunLogEntry | null {
  try {
    const v = JSON.parse(line) as Partial<RunLogEntry>;
    if (typeof v.job !== 'string' || typeof v.startedAt !== 'string' || typeof v.finishedAt !== 'string' || !RESULTS.has(String(v.result))) return null;
    return { job: v.job, reason: v.reason ?? 'scheduled', startedAt: v.startedAt, finishedAt: v.finishedAt, result: v.result!, note: v.note ?? null, error: v.error ?? null };
  } catch {
    // A line torn by a power cut mid-append: the runs before and after it still show.
    return null;
  }
}

/** The newest `limit` runs of `job`, newest first (every job when job is null). */
export function readRunLog(storeDir: string, job: string | null, limit = 200): RunLogEntry[] {
  let text: string;
  try {
    text = fs.readFileSync(runLogPath(storeDir), 'utf8');
  } catch {
    return [];
  }
  const out: RunLogEntry[] = [];
  const lines = text.split('\n');
  for (let i = lines.length - 1; i >= 0 && out.length < limit; i -= 1) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const e = parseLine(line);
    if (e && (job === null || e.job === job)) out.push(e);
  }
  return out;
}
