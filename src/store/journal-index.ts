// What a process knows about one till's journal without re-reading it: how far it has read, the
// last seq, a sparse seq -> byte offset index (one entry per block of 256 records) and the refunds
// recorded against each sale. The till's writer saves it now and then as
// `journals/<TILL>.index.json` so opening a store reads only the journal's tail.
import type { JournalRecord } from './journal-format.js';
import { decodeLine } from './journal-format.js';
import { readLineAt } from './journal-lines.js';
import { DurableJsonFileSync } from './durable-file.js';
import { StoreError, errorText } from './errors.js';

export const SPARSE_EVERY = 256;
export const SNAPSHOT_EVERY = 1000;

export interface IndexSnapshot {
  v: 1;
  till: string;
  /** End of the last good record covered. */
  offset: number;
  /** Start of that record, so its checksum can be verified against the journal. */
  lastLineStart: number;
  lastSeq: number;
  records: number;
  /** [block, offset of the first record whose seq falls in that block] */
  sparse: [number, number][];
  /** sale number -> refund numbers recorded in this journal */
  refunds: Record<string, string[]>;
}

export class TillIndex {
  offset = 0;
  lastLineStart = 0;
  lastSeq = 0;
  records = 0;
  readonly sparse = new Map<number, number>();
  readonly refunds = new Map<string, string[]>();

  add(rec: JournalRecord, start: number, end: number): void {
    const block = Math.floor((rec.seq - 1) / SPARSE_EVERY);
    if (!this.sparse.has(block)) this.sparse.set(block, start);
    if (rec.seq > this.lastSeq) this.lastSeq = rec.seq;
    this.records++;
    if (rec.doc.kind === 'refund') {
      const list = this.refunds.get(rec.doc.saleNumber);
      if (list) list.push(rec.doc.refundNumber);
      else this.refunds.set(rec.doc.saleNumber, [rec.doc.refundNumber]);
    }
    this.offset = end;
    this.lastLineStart = start;
  }

  /** Offset to start reading at to find `seq` (at most one block of lines away), or undefined. */
  locate(seq: number): number | undefined {
    return this.sparse.get(Math.floor((seq - 1) / SPARSE_EVERY));
  }

  toSnapshot(till: string): IndexSnapshot {
    return {
      v: 1,
      till,
      offset: this.offset,
      lastLineStart: this.lastLineStart,
      lastSeq: this.lastSeq,
      records: this.records,
      sparse: [...this.sparse],
      refunds: Object.fromEntries(this.refunds),
    };
  }

  static fromSnapshot(s: IndexSnapshot): TillIndex {
    const ix = new TillIndex();
    ix.offset = s.offset;
    ix.lastLineStart = s.lastLineStart;
    ix.lastSeq = s.lastSeq;
    ix.records = s.records;
    for (const [b, o] of s.sparse) ix.sparse.set(b, o);
    for (const [sale, list] of Object.entries(s.refunds)) ix.refunds.set(sale, [...list]);
    return ix;
  }
}

function isInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

function shapeProblem(s: unknown, till: string): string | null {
  if (typeof s !== 'object' || s === null) return 'not an index';
  const x = s as Partial<IndexSnapshot>;
  if (x.v !== 1) return `unknown index version ${String(x.v)}`;
  if (x.till !== till) return `it belongs to till ${String(x.till)}`;
  if (!isInt(x.offset) || !isInt(x.lastLineStart) || !isInt(x.lastSeq) || !isInt(x.records)) return 'its counters are not whole numbers';
  if (!Array.isArray(x.sparse) || !x.sparse.every((e) => Array.isArray(e) && isInt(e[0]) && isInt(e[1]) && e[1] < (x.offset ?? 0))) return 'its seq index is damaged';
  if (typeof x.refunds !== 'object' || x.refunds === null) return 'its refund list is damaged';
  if (!Object.values(x.refunds).every((l) => Array.isArray(l) && l.every((n) => typeof n === 'string'))) return 'its refund list is damaged';
  return null;
}

export function snapshotFile(indexPath: string, label: string, warn: (m: string) => void): DurableJsonFileSync<IndexSnapshot> {
  // Readers never repair it: only the till's writer writes its index.
  return new DurableJsonFileSync<IndexSnapshot>(indexPath, { warn, label, repair: false, pretty: false });
}

/**
 * Loads the snapshot and checks it against the journal (`fd`, `size`): an offset beyond the end,
 * or a line ending at that offset that is not the record it claims, means it is ignored (with a
 * warning) and the caller rebuilds from the start.
 */
export function loadSnapshot(indexPath: string, label: string, till: string, fd: number, size: number, warn: (m: string) => void, journalFile: string): TillIndex | null {
  let s: IndexSnapshot | null;
  try {
    s = snapshotFile(indexPath, label, warn).read();
  } catch (err) {
    if (err instanceof StoreError && err.code === 'CORRUPT') {
      warn(`ignoring ${label}: ${err.message}; rebuilding it from ${journalFile}`);
      return null;
    }
    throw err;
  }
  if (s === null) return null;
  let problem = shapeProblem(s, till);
  if (problem === null && s.offset > size) problem = `it covers ${s.offset} bytes but ${journalFile} has ${size}`;
  if (problem === null && s.offset > 0) {
    const line = readLineAt(fd, s.lastLineStart, s.offset);
    if (line === null) problem = `no record ends at byte ${s.offset} of ${journalFile}`;
    else {
      let d;
      try {
        d = decodeLine(line, till, journalFile);
      } catch (err) {
        d = { ok: false as const, reason: errorText(err) };
      }
      if (!d.ok) problem = `the record ending at byte ${s.offset} of ${journalFile} fails its check (${d.reason})`;
      else if (d.record.seq !== s.lastSeq) problem = `it says seq ${s.lastSeq} ends at byte ${s.offset}, the journal says ${d.record.seq}`;
    }
  }
  if (problem !== null) {
    warn(`ignoring ${label}: ${problem}; rebuilding it from ${journalFile}`);
    return null;
  }
  return TillIndex.fromSnapshot(s);
}
