// Follows every till's journal incrementally: each process keeps, per till, how far it has read
// and a small index, and reads only the bytes appended since. A line without its newline is a
// write in progress and is left for later; a damaged line followed by good ones is skipped with
// a warning (it stays in the file); damaged lines at the very end are not stepped over, because
// the till's writer will move them out and write new records in their place.
import { notePosition, positionOf, type RecordPosition } from './journal-positions.js';
import fs from 'node:fs';
import path from 'node:path';
import type { CompletedRefund, CompletedSale } from '../engine/types.js';
import { StoreError, errnoCode, errorText } from './errors.js';
import { decodeLine, docNumberOf, isTillId, parseDocumentNumber, type JournalDoc, type JournalRecord } from './journal-format.js';
import { loadSnapshot, SPARSE_EVERY, TillIndex } from './journal-index.js';
import { readLineAt, readLines } from './journal-lines.js';
import { scanTillRange, type TimeRange } from './journal-range.js';

export interface JournalReader {
  /** New complete records of every till since the last poll (records already there when the store opened are not "new"). */
  poll(): JournalRecord[];
  findDocument(number: string): JournalDoc | undefined;
  refundsOf(saleNumber: string): CompletedRefund[];
  scan(): Iterable<JournalRecord>;
  /**
   * Like scan, but each till's journal from the byte offset given (0 for tills not in `from`), and
   * each record with where it is (a callback rather than a generator: the books read a million).
   */
  scanFrom(from: ReadonlyMap<string, number>, each: (rec: JournalRecord, pos: RecordPosition) => void): void;
  /**
   * Every till's records that may be in `range`, read from near its start (journal-range.ts): a
   * superset, in journal order, so callers still filter. Unbounded, it reads like scanFrom.
   */
  scanRange(range: TimeRange, each: (rec: JournalRecord, pos: RecordPosition) => void): void;
  /** The record at a known position (see positionOf), or undefined when it is not there any more. */
  readAt(pos: RecordPosition): JournalRecord | undefined;
  /** A record this process just appended and has handled: poll need not read it back. */
  noteOwn(rec: JournalRecord): void;
  counts(): { till: string; records: number; bytes: number }[];
}

export interface JournalPaths {
  journalsDir: string;
  warn: (m: string) => void;
  /** Warns once per key per process (a damaged line is met on every read). */
  warnOnce: (key: string, m: string) => void;
}

export const journalFile = (till: string) => `journals/${till}.jsonl`;
export type { RecordPosition };

/**
 * Reads the complete lines of `[from, to)`, calling `good` for each intact record; returns the end
 * of the last intact record (or `from`) and the damaged lines met after it.
 */
export function readRecords(
  fd: number, till: string, from: number, to: number, ctx: JournalPaths,
  good: (rec: JournalRecord, start: number, end: number) => void,
): { goodEnd: number; trailingBad: { start: number; end: number; reason: string }[] } {
  const file = journalFile(till);
  let goodEnd = from;
  let pendingBad: { start: number; end: number; reason: string }[] = [];
  for (const line of readLines(fd, from, to)) {
    const d = decodeLine(line.bytes, till, file);
    if (!d.ok) {
      pendingBad.push({ start: line.start, end: line.end, reason: d.reason });
      continue;
    }
    for (const b of pendingBad) {
      ctx.warnOnce(`${till}:${b.start}`, `${file}: the line at byte ${b.start} is damaged (${b.reason}); skipping it (it stays in the file)`);
    }
    pendingBad = [];
    good(d.record, line.start, line.end);
    goodEnd = line.end;
  }
  return { goodEnd, trailingBad: pendingBad };
}

interface Followed {
  till: string;
  file: string;
  fd: number | null;
  ino: number;
  index: TillIndex;
  /** Poll has returned every record before this offset. */
  polled: number;
}

export class JournalFollower implements JournalReader {
  private readonly tills = new Map<string, Followed>();
  private dirStamp = '';
  private listedAt = 0;
  private started = false;

  constructor(private readonly ctx: JournalPaths) {}

  /** Reads what is there now (snapshot + tail); from here on, poll returns only what is added. */
  init(): void {
    this.discover();
    this.started = true;
  }

  private discover(): void {
    let stamp = '';
    try {
      const st = fs.statSync(this.ctx.journalsDir);
      stamp = `${st.mtimeMs}:${st.ino}`;
    } catch {
      return;
    }
    // The folder's mtime says when a journal appeared; on file systems with coarse timestamps it
    // can miss one, so the folder is also listed again at least once a second.
    if (stamp === this.dirStamp && Date.now() - this.listedAt < 1000) return;
    this.dirStamp = stamp;
    this.listedAt = Date.now();
    for (const name of fs.readdirSync(this.ctx.journalsDir)) {
      if (!name.endsWith('.jsonl')) continue;
      const till = name.slice(0, -'.jsonl'.length);
      if (isTillId(till) && !this.tills.has(till)) this.follow(till);
    }
  }

  private follow(till: string): Followed | undefined {
    const t: Followed = { till, file: path.join(this.ctx.journalsDir, `${till}.jsonl`), fd: null, ino: -1, index: new TillIndex(), polled: 0 };
    if (!this.openFd(t)) return undefined;
    const size = fs.fstatSync(t.fd!).size;
    const label = `journals/${till}.index.json`;
    t.index = loadSnapshot(path.join(this.ctx.journalsDir, `${till}.index.json`), label, till, t.fd!, size, this.ctx.warn, journalFile(till)) ?? new TillIndex();
    this.tills.set(till, t);
    this.catchUp(t, null);
    // A journal that appears after the store opened is new in full.
    t.polled = this.started ? 0 : t.index.offset;
    return t;
  }

  private openFd(t: Followed): boolean {
    try {
      t.fd = fs.openSync(t.file, 'r');
      t.ino = fs.fstatSync(t.fd).ino;
      return true;
    } catch (err) {
      if (errnoCode(err) === 'ENOENT') return false;
      throw new StoreError('IO', `opening ${journalFile(t.till)} failed: ${errorText(err)}`, { file: journalFile(t.till), cause: err });
    }
  }

  /** Reads new bytes of one journal; with `out`, also returns every record not yet polled. */
  private catchUp(t: Followed, out: JournalRecord[] | null): void {
    let st: fs.Stats;
    try {
      st = fs.statSync(t.file);
    } catch {
      return; // removed (a restore in progress): keep what we know
    }
    if (st.ino !== t.ino || st.size < t.index.offset) {
      this.ctx.warn(`${journalFile(t.till)} was replaced or shortened by something other than its till; re-reading it`);
      if (t.fd !== null) fs.closeSync(t.fd);
      if (!this.openFd(t)) return;
      t.index = new TillIndex();
      readRecords(t.fd!, t.till, 0, st.size, this.ctx, (rec, s, e) => t.index.add(rec, s, e));
      t.polled = t.index.offset;
      return;
    }
    const from = out ? Math.min(t.polled, t.index.offset) : t.index.offset;
    if (from >= st.size) return;
    const ix = t.index;
    readRecords(t.fd!, t.till, from, st.size, this.ctx, (rec, start, end) => {
      if (start >= ix.offset) ix.add(rec, start, end);
      if (out) {
        notePosition(rec, t.till, start, end);
        out.push(rec);
      }
    });
    if (out) t.polled = ix.offset;
  }

  private get(till: string): Followed | undefined {
    return this.tills.get(till) ?? (isTillId(till) ? this.follow(till) : undefined);
  }

  private sorted(): Followed[] {
    this.discover();
    return [...this.tills.values()].sort((a, b) => (a.till < b.till ? -1 : a.till > b.till ? 1 : 0));
  }

  poll(): JournalRecord[] {
    const out: JournalRecord[] = [];
    for (const t of this.sorted()) this.catchUp(t, out);
    return out;
  }

  findDocument(number: string): JournalDoc | undefined {
    const p = parseDocumentNumber(number);
    if (!p) return undefined;
    const t = this.get(p.till);
    if (!t || t.fd === null) return undefined;
    if (p.seq > t.index.lastSeq) this.catchUp(t, null);
    const from = t.index.locate(p.seq);
    if (from === undefined) return undefined;
    let lines = 0;
    for (const line of readLines(t.fd, from, t.index.offset, 16 * 1024)) {
      if (++lines > 2 * SPARSE_EVERY) break;
      const d = decodeLine(line.bytes, t.till, journalFile(t.till));
      if (!d.ok) continue;
      if (d.record.seq === p.seq) return docNumberOf(d.record.doc) === number ? d.record.doc : undefined;
      if (d.record.seq > p.seq) break;
    }
    return undefined;
  }

  refundsOf(saleNumber: string): CompletedRefund[] {
    const out: CompletedRefund[] = [];
    for (const t of this.sorted()) {
      this.catchUp(t, null);
      for (const n of t.index.refunds.get(saleNumber) ?? []) {
        const doc = this.findDocument(n);
        if (doc?.kind === 'refund' && doc.saleNumber === saleNumber) out.push(doc);
      }
    }
    return out;
  }

  *scan(): Iterable<JournalRecord> {
    for (const t of this.sorted()) {
      const batch: JournalRecord[] = [];
      // Records are handed out in batches so the generator never holds a whole journal.
      for (const _ of this.readFrom(t, 0, (rec) => batch.push(rec))) yield* batch.splice(0);
    }
  }

  scanFrom(from: ReadonlyMap<string, number>, each: (rec: JournalRecord, pos: RecordPosition) => void): void {
    for (const t of this.sorted()) {
      for (const _ of this.readFrom(t, from.get(t.till) ?? 0, (rec, start, end) => each(rec, { till: t.till, start, end })));
    }
  }

  scanRange(range: TimeRange, each: (rec: JournalRecord, pos: RecordPosition) => void): void {
    for (const t of this.sorted()) {
      this.catchUp(t, null); // so the sparse index covers what was appended since
      if (t.fd !== null) scanTillRange(t.fd, t.till, t.index.sparse, range, this.ctx, (rec, start, end) => each(rec, { till: t.till, start, end }));
    }
  }

  noteOwn(rec: JournalRecord): void {
    const pos = positionOf(rec);
    const t = this.tills.get(rec.till);
    // Only when it is exactly the next record: anything else is read back the usual way.
    if (!pos || !t || t.index.offset !== pos.start || t.polled !== pos.start) return;
    t.index.add(rec, pos.start, pos.end);
    t.polled = pos.end;
  }

  readAt(pos: RecordPosition): JournalRecord | undefined {
    const t = this.get(pos.till);
    if (!t || t.fd === null) return undefined;
    const line = readLineAt(t.fd, pos.start, pos.end);
    if (!line) return undefined;
    const d = decodeLine(line, t.till, journalFile(t.till));
    if (!d.ok) return undefined;
    notePosition(d.record, pos.till, pos.start, pos.end);
    return d.record;
  }

  /** Reads one journal from `start` to its end in 4 MB windows, yielding after each window. */
  private *readFrom(t: Followed, start: number, good: (rec: JournalRecord, start: number, end: number) => void): Generator<void> {
    if (t.fd === null) return;
    const size = fs.fstatSync(t.fd).size;
    let from = Math.min(start, size);
    while (from < size) {
      const to = Math.min(size, from + 4 * 1024 * 1024);
      const r = readRecords(t.fd, t.till, from, to, this.ctx, good);
      yield;
      if (to < size) {
        for (const b of r.trailingBad) this.ctx.warnOnce(`${t.till}:${b.start}`, `${journalFile(t.till)}: the line at byte ${b.start} is damaged (${b.reason}); skipping it (it stays in the file)`);
      }
      const next = Math.max(r.goodEnd, r.trailingBad.at(-1)?.end ?? 0);
      if (next <= from) break; // no complete line in this window: the rest is a torn tail
      from = next;
    }
  }

  counts(): { till: string; records: number; bytes: number }[] {
    return this.sorted().map((t) => {
      this.catchUp(t, null);
      const bytes = t.fd === null ? 0 : fs.fstatSync(t.fd).size;
      return { till: t.till, records: t.index.records, bytes };
    });
  }

  close(): void {
    for (const t of this.tills.values()) {
      if (t.fd !== null) fs.closeSync(t.fd);
      t.fd = null;
    }
    this.tills.clear();
  }
}
