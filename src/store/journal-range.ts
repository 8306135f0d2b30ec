// Reads only the part of one till's journal that can hold a time range, so an enquiry over a day
// costs the same after ten years of history as after one week. A till appends in time order
// almost always, but a clock set back (or an accrual run stamping all its batches with its start)
// breaks that a little; so the read starts a block and a margin early and stops a margin late,
// and callers still filter what they get. The sparse index (one offset per block of 256 records)
// is binary-searched by the time of each block's first record, one line read per probe.
import fs from 'node:fs';
import { decodeLine, type JournalRecord } from './journal-format.js';
import { journalFile, readRecords, type JournalPaths } from './journal-reader.js';
import { readLines } from './journal-lines.js';

/** How far out of time order records may be and still be found by a range read. */
export const RANGE_MARGIN_MS = 24 * 60 * 60 * 1000;

/** Smaller than a full scan's windows: a range read stops soon after its end, so less is decoded in vain. */
const WINDOW = 256 * 1024;

export interface TimeRange {
  /** ISO instant; records at or after it are wanted (undefined: from the start). */
  fromIso?: string | undefined;
  /** ISO instant; records before it are wanted (undefined: to the end). */
  toIso?: string | undefined;
}

/** An instant as ms; an absent or unreadable bound means "unbounded", which only reads more. */
function boundMs(iso: string | undefined): number | null {
  if (iso === undefined) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

/** The time of the record whose line starts at `start`, or null when it cannot be read. */
function firstAtMs(fd: number, till: string, start: number, size: number): number | null {
  for (const line of readLines(fd, start, size, 16 * 1024)) {
    const d = decodeLine(line.bytes, till, journalFile(till));
    if (!d.ok) return null;
    const ms = Date.parse(d.record.at);
    return Number.isNaN(ms) ? null : ms;
  }
  return null;
}

/**
 * The offset to read from so every record at or after `fromMs` comes after it: the last block
 * whose first record is at least a margin before `fromMs`, then one block further back (the
 * block times are not strictly ordered when a clock went back, so the search can land one off).
 */
export function rangeStart(fd: number, till: string, sparse: ReadonlyMap<number, number>, fromMs: number | null, size: number): number {
  if (fromMs === null || sparse.size === 0) return 0;
  const starts = [...sparse.values()].filter((o) => o < size).sort((a, b) => a - b);
  const limit = fromMs - RANGE_MARGIN_MS;
  // Largest i with firstAt(starts[i]) <= limit; an unreadable first line counts as "too late",
  // which moves the start earlier, never later.
  let lo = 0;
  let hi = starts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = firstAtMs(fd, till, starts[mid]!, size);
    if (at !== null && at <= limit) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found <= 0 ? 0 : starts[found - 1]!;
}

/**
 * Calls `each` for the records of one journal from near `range.fromIso` until one is a margin
 * past `range.toIso` (a superset of the range: the caller filters). Damaged lines are skipped
 * with the same warnings as a full scan; a torn tail is left alone.
 */
export function scanTillRange(
  fd: number, till: string, sparse: ReadonlyMap<number, number>, range: TimeRange, ctx: JournalPaths,
  each: (rec: JournalRecord, start: number, end: number) => void,
): void {
  const size = fs.fstatSync(fd).size;
  const toMs = boundMs(range.toIso);
  const stopAt = toMs === null ? Infinity : toMs + RANGE_MARGIN_MS;
  let from = rangeStart(fd, till, sparse, boundMs(range.fromIso), size);
  let window = WINDOW;
  let done = false;
  while (from < size && !done) {
    const to = Math.min(size, from + window);
    const r = readRecords(fd, till, from, to, ctx, (rec, start, end) => {
      if (done) return;
      if (Date.parse(rec.at) >= stopAt) {
        done = true;
        return;
      }
      each(rec, start, end);
    });
    if (to < size && !done) {
      for (const b of r.trailingBad) ctx.warnOnce(`${till}:${b.start}`, `${journalFile(till)}: the line at byte ${b.start} is damaged (${b.reason}); skipping it (it stays in the file)`);
    }
    const next = Math.max(r.goodEnd, r.trailingBad.at(-1)?.end ?? 0);
    if (next <= from) {
      if (to >= size) break; // no complete line up to the end: the rest is a torn tail
      window *= 2; // one record longer than the window (a big accrual batch)
      continue;
    }
    window = WINDOW;
    from = next;
  }
}
