// What an outbox knows about its till's entries: which wait (in journal order), which were
// delivered or refused for good, and how far into the journal it has read. No network, no
// timers: the Outbox drives it. Records are read incrementally, only this till's new bytes.
import type { JournalRecord } from '../../../store/journal-format.js';
import type { Store } from '../../../store/store.js';
import type { Ack, AckError } from './ack-log.js';
import { isOutboxEntry, type OutboxEntry } from './entries.js';
import type { FailedEntry, Watermark } from './state.js';

export interface Tracked {
  entry: OutboxEntry;
  seq: number;
  row: number;
  attempts: number;
  /** ms since the epoch; 0 = never tried. */
  nextAttemptAt: number;
  lastError?: AckError;
  /** The record just before this entry's, once a scan has read it (null: it is the first). */
  before?: Watermark | null;
  warnedStale?: boolean;
}

const order = (a: Tracked, b: Tracked) => a.seq - b.seq || a.row - b.row;

export class EntryQueue {
  readonly waiting = new Map<string, Tracked>();
  /** Delivered ids still ahead of the watermark, with their record's seq once known (0 before). */
  readonly acked = new Map<string, number>();
  readonly failedById = new Map<string, FailedEntry>();
  private lastRecord: Watermark | null = null;
  private scanEnd = 0;

  constructor(private readonly store: Store, readonly till: string) {}

  /** Reading starts after `w` (a trusted state), or at the journal's start. */
  resumeAfter(w: Watermark | null): void {
    this.lastRecord = w;
    this.scanEnd = w?.end ?? 0;
  }

  remember(a: Ack, seq = 0): void {
    if (a.result === 'delivered') {
      this.acked.set(a.id, seq);
      this.failedById.delete(a.id);
    } else {
      this.failedById.set(a.id, {
        id: a.id, op: a.op ?? 'earn', sale: a.sale ?? '', createdAt: a.createdAt ?? a.at, at: a.at,
        error: a.error ?? { kind: 'unexpected', message: 'no reason was recorded' },
      });
    }
    this.waiting.delete(a.id);
  }

  /** Reads the till's journal from where this queue has read to; true when an entry was added. */
  catchUp(): boolean {
    const from = new Map<string, number>();
    // scanFrom reads every till from 0 unless told otherwise: point the others at their end.
    for (const c of this.store.journals.counts()) from.set(c.till, c.bytes);
    from.set(this.till, this.scanEnd);
    let added = false;
    this.store.journals.scanFrom(from, (rec, pos) => {
      if (pos.till !== this.till || pos.start < this.scanEnd) return;
      const before = this.lastRecord;
      this.lastRecord = { start: pos.start, end: pos.end, seq: rec.seq };
      this.scanEnd = pos.end;
      if (this.take(rec, before)) added = true;
    });
    return added;
  }

  /**
   * Adds a record's unacknowledged entries; true when one is new. `before` is undefined for a
   * record noted by its writer and not yet read by a scan.
   */
  take(rec: JournalRecord, before: Watermark | null | undefined): boolean {
    let added = false;
    rec.rows.forEach((row, i) => {
      if (!isOutboxEntry(row)) return;
      if (this.acked.has(row.id)) {
        if (before !== undefined) this.acked.set(row.id, rec.seq);
        return;
      }
      if (this.failedById.has(row.id)) return;
      const t = this.waiting.get(row.id);
      if (t) {
        if (t.before === undefined && before !== undefined) t.before = before;
        return;
      }
      this.waiting.set(row.id, { entry: row, seq: rec.seq, row: i, attempts: 0, nextAttemptAt: 0, ...(before !== undefined ? { before } : {}) });
      added = true;
    });
    return added;
  }

  /** The waiting entries, oldest first. */
  ordered(): Tracked[] {
    return [...this.waiting.values()].sort(order);
  }

  /** The last record before which everything is acknowledged: the oldest waiting entry's predecessor. */
  watermark(): Watermark | null {
    let oldest: Tracked | undefined;
    for (const t of this.waiting.values()) if (t.before !== undefined && (!oldest || order(t, oldest) < 0)) oldest = t;
    return oldest ? oldest.before ?? null : this.lastRecord;
  }

  /** True when no delivered entry lies after `seq` (so the acks before now are all behind it). */
  deliveredUpTo(seq: number): boolean {
    for (const s of this.acked.values()) if (s > seq) return false;
    return true;
  }

  /** Forgets delivered ids a scan will never meet again. */
  forgetUpTo(seq: number): void {
    for (const [id, s] of this.acked) if (s > 0 && s <= seq) this.acked.delete(id);
  }

  failed(): FailedEntry[] {
    return [...this.failedById.values()].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  }
}
