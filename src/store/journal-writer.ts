// The single writer of one till's journal. Claiming it takes the till's lock, checks the tail (a
// torn or damaged last record is moved to `.rejected` and cut off) and keeps the file open at its
// end, so an append costs one write and one fdatasync however long the history is.
import fs from 'node:fs';
import path from 'node:path';
import type { LedgerEntry } from '../engine/ledger/types.js';
import { StoreError, errorText } from './errors.js';
import { fsyncDir, readJournalBytes, storeFs, writeAll } from './fs-layer.js';
import { assertTillId, docNumberOf, documentNumber, encodeRecord, type JournalDoc, type JournalKind, type JournalRecord } from './journal-format.js';
import { loadSnapshot, SNAPSHOT_EVERY, snapshotFile, TillIndex } from './journal-index.js';
import { notePosition } from './journal-positions.js';
import { journalFile, readRecords, type JournalPaths } from './journal-reader.js';
import { lockNow, type HeldLock } from './locks.js';
import { openSaleFile, type OpenSaleFile } from './open-sale.js';

export interface AppendInput {
  kind: JournalKind;
  operator: string;
  /** The supervisor or manager whose override allowed it. */
  approvedBy?: string;
  at: string;
  doc: JournalDoc;
  rows?: unknown[];
  entries?: LedgerEntry[];
}

export interface TillJournalWriter {
  readonly till: string;
  nextSeq(): number;
  documentNumber(): string;
  append(rec: AppendInput): JournalRecord;
  readonly openSale: OpenSaleFile;
  release(): void;
}

export interface WriterContext extends JournalPaths {
  locksDir: string;
  openDir: string;
}

class TillWriter implements TillJournalWriter {
  readonly openSale: OpenSaleFile;
  private sinceSnapshot = 0;
  private released = false;
  /** Set when a failed append could not be undone: the next claim repairs the tail. */
  private broken: string | null = null;

  constructor(
    readonly till: string,
    private readonly ctx: WriterContext,
    private readonly lock: HeldLock,
    /** null until the first append: claiming a till that never sells leaves no file behind. */
    private fd: number | null,
    private readonly index: TillIndex,
    private readonly onRelease: () => void,
  ) {
    this.openSale = openSaleFile(ctx.openDir, till, ctx.warn, () => this.assertHeld());
  }

  private assertHeld(): void {
    if (this.released) throw new StoreError('LOCKED', `till ${this.till} is no longer claimed by this process`);
  }

  nextSeq(): number {
    return this.index.lastSeq + 1;
  }

  documentNumber(): string {
    return documentNumber(this.till, this.nextSeq());
  }

  append(input: AppendInput): JournalRecord {
    this.assertHeld();
    const file = journalFile(this.till);
    if (this.broken) throw new StoreError('IO', `${file} could not be restored after a failed write (${this.broken}): restart the till`, { file });
    const expected = this.documentNumber();
    const got = docNumberOf(input.doc);
    if (input.doc.kind !== input.kind) throw new StoreError('INVALID', `a ${input.kind} record cannot carry a ${input.doc.kind} document`, { field: 'kind' });
    if (got !== expected) throw new StoreError('INVALID', `document number ${got} is not the next number of till ${this.till} (${expected})`, { field: 'doc' });
    if (input.doc.till !== this.till) throw new StoreError('INVALID', `document ${got} belongs to till ${input.doc.till}, not ${this.till}`, { field: 'doc.till' });

    const rec: JournalRecord = { v: 1, seq: this.nextSeq(), till: this.till, operator: input.operator, ...(input.approvedBy ? { approvedBy: input.approvedBy } : {}), at: input.at, kind: input.kind, doc: input.doc, rows: input.rows ?? [], ...(input.entries ? { entries: input.entries } : {}) };
    const buf = encodeRecord(rec);
    const start = this.index.offset;
    const fd = this.journalFd(file);
    try {
      const n = storeFs.writeSync(fd, buf, 0, buf.length, start);
      if (n !== buf.length) throw new Error(`only ${n} of ${buf.length} bytes were written`);
      storeFs.fdatasyncSync(fd);
    } catch (err) {
      this.undo(fd, start);
      throw new StoreError('IO', `recording ${expected} in ${file} failed: ${errorText(err)}; nothing was recorded`, { file, cause: err });
    }
    this.index.add(rec, start, start + buf.length);
    notePosition(rec, this.till, start, start + buf.length);
    if (++this.sinceSnapshot >= SNAPSHOT_EVERY) this.saveSnapshot();
    return rec;
  }

  private journalFd(file: string): number {
    if (this.fd !== null) return this.fd;
    try {
      this.fd = storeFs.openSync(path.join(this.ctx.journalsDir, `${this.till}.jsonl`), fs.constants.O_RDWR | fs.constants.O_CREAT, 0o644);
      fsyncDir(this.ctx.journalsDir);
    } catch (err) {
      throw new StoreError('IO', `cannot create ${file}: ${errorText(err)}; nothing was recorded`, { file, cause: err });
    }
    return this.fd;
  }

  /** Cuts the file back to `start` so a half-written line never stays in the journal. */
  private undo(fd: number, start: number): void {
    try {
      storeFs.ftruncateSync(fd, start);
      storeFs.fdatasyncSync(fd);
    } catch (err) {
      this.broken = errorText(err);
    }
  }

  private saveSnapshot(): void {
    try {
      snapshotFile(indexPath(this.ctx, this.till), `journals/${this.till}.index.json`, this.ctx.warn).write(this.index.toSnapshot(this.till));
      this.sinceSnapshot = 0;
    } catch (err) {
      // The records are safe; only the next start gets slower.
      this.ctx.warn(`could not save journals/${this.till}.index.json: ${errorText(err)}`);
    }
  }

  release(): void {
    if (this.released) return;
    if (this.sinceSnapshot > 0 && !this.broken) this.saveSnapshot();
    this.released = true;
    try {
      if (this.fd !== null) storeFs.closeSync(this.fd);
    } finally {
      this.lock.release();
      this.onRelease();
    }
  }
}

const indexPath = (ctx: WriterContext, till: string) => path.join(ctx.journalsDir, `${till}.index.json`);

/** Claims the writer of `till`'s journal: StoreError LOCKED naming the pid when a live process has it. */
export function claimTillWriter(ctx: WriterContext, till: string, onRelease: () => void): TillJournalWriter {
  assertTillId(till);
  const lock = lockNow(path.join(ctx.locksDir, `till-${till}.lock`), `till ${till}`, ctx.warn);
  let fd: number | undefined;
  try {
    const file = path.join(ctx.journalsDir, `${till}.jsonl`);
    if (!fs.existsSync(file)) return new TillWriter(till, ctx, lock, null, new TillIndex(), onRelease);
    fd = storeFs.openSync(file, fs.constants.O_RDWR, 0o644);
    const index = repairTail(ctx, till, fd);
    return new TillWriter(till, ctx, lock, fd, index, onRelease);
  } catch (err) {
    if (fd !== undefined) storeFs.closeSync(fd);
    lock.release();
    throw err;
  }
}

/** Loads the index, reads the tail, and cuts off a torn or damaged last record (kept in `.rejected`). */
function repairTail(ctx: WriterContext, till: string, fd: number): TillIndex {
  const label = journalFile(till);
  const size = fs.fstatSync(fd).size;
  const snap = loadSnapshot(indexPath(ctx, till), `journals/${till}.index.json`, till, fd, size, ctx.warn, label);
  const index = snap ?? new TillIndex();
  const before = index.records;
  const { goodEnd, trailingBad } = readRecords(fd, till, index.offset, size, ctx, (rec, s, e) => index.add(rec, s, e));
  const rejected = path.join(ctx.journalsDir, `${till}.jsonl.rejected`);
  if (goodEnd < size) {
    const bytes = readJournalBytes(fd, goodEnd, size - goodEnd);
    const why = trailingBad.length > 0 ? trailingBad.map((b) => b.reason).join(', ') : 'torn: no end of line';
    // A complete line was written and fsynced, so its slip may have been shown: its number is
    // never given to another sale. The header line keeps that true for every later start.
    // A torn line never finished its fsync, so its sale was never shown: its number may be reused.
    const complete = bytes.subarray(0, trailingBad.length > 0 ? trailingBad[trailingBad.length - 1]!.end - goodEnd : 0).toString('latin1');
    const seqs = [...complete.matchAll(/"seq":(\d+)/g)].map((m) => Number(m[1]));
    const burned = Math.max(index.lastSeq + trailingBad.length, ...seqs);
    const header = Buffer.from(`# ${new Date().toISOString()} from byte ${goodEnd} (${why}); numbers up to seq ${burned} stay used\n`);
    const rfd = storeFs.openSync(rejected, 'a', 0o644);
    try {
      writeAll(rfd, Buffer.concat([header, bytes[bytes.length - 1] === 0x0a ? bytes : Buffer.concat([bytes, Buffer.from('\n')])]), null);
      storeFs.fsyncSync(rfd);
    } finally {
      storeFs.closeSync(rfd);
    }
    storeFs.ftruncateSync(fd, goodEnd);
    storeFs.fdatasyncSync(fd);
    ctx.warn(`${label}: the last ${size - goodEnd} bytes (from byte ${goodEnd}: ${why}) were not a complete record; moved them to journals/${till}.jsonl.rejected. The journal ends at seq ${index.lastSeq}.`);
  }
  index.lastSeq = Math.max(index.lastSeq, burnedSeq(rejected));
  if (snap === null ? index.records > 0 : index.records - before >= SNAPSHOT_EVERY) {
    try {
      snapshotFile(indexPath(ctx, till), `journals/${till}.index.json`, ctx.warn).write(index.toSnapshot(till));
    } catch (err) {
      ctx.warn(`could not save journals/${till}.index.json: ${errorText(err)}`);
    }
  }
  return index;
}

/** The highest seq a `.rejected` file says stays used (0 when there is none). */
function burnedSeq(rejected: string): number {
  let text: string;
  try {
    text = fs.readFileSync(rejected, 'latin1');
  } catch {
    return 0;
  }
  let max = 0;
  for (const m of text.matchAll(/^# .* numbers up to seq (\d+) stay used$/gm)) max = Math.max(max, Number(m[1]));
  return max;
}
