// Reads one till's loyalty sales and refunds after a seq, from the journal itself: from where the
// last batch ended (checked: the record there must be that batch's last), so a run reads only
// what the till appended since, however long its history.
import type { Store } from '../../../store/store.js';
import type { JournalRecord } from '../../../store/journal-format.js';
import { salesRowOf, type SalesRow } from './sales-csv.js';

export interface Collected {
  rows: SalesRow[];
  /** Where the last row's record is in the journal (the next read starts after it). */
  last: { start: number; end: number } | null;
  scanFrom: number;
  /** The last record of the till read, whatever its kind (where a later read may start). */
  seen: { seq: number; start: number; end: number } | null;
}

/** Thrown from inside the journal's callback to stop reading once a batch is full. */
const FULL = Symbol('batch full');

/** Every till with a journal, sorted (the back-office journal included: callers leave it out). */
export function journalTills(store: Store): string[] {
  return store.journals.counts().map((c) => c.till);
}

/** The byte offset just after `hint` when the record there is still seq `seq`, else 0 (the start). */
export function startOffset(store: Store, till: string, seq: number, hint: { start: number; end: number } | undefined): number {
  if (!hint || seq <= 0) return 0;
  const rec = store.journals.readAt({ till, start: hint.start, end: hint.end });
  return rec?.seq === seq ? hint.end : 0;
}

/**
 * Up to `max` rows of `till` with seq in (afterSeq, untilSeq], in journal order. Reads from
 * `from` (a byte offset; anything before afterSeq there is skipped) and stops once it has `max`.
 */
export function collectRows(store: Store, till: string, o: { afterSeq: number; untilSeq?: number; from: number; max: number }): Collected {
  const rows: SalesRow[] = [];
  let last: Collected['last'] = null;
  let seen: Collected['seen'] = null;
  const offsets = new Map<string, number>();
  // Other journals are read from past their end, that is, not at all.
  for (const t of journalTills(store)) offsets.set(t, t === till ? o.from : Number.MAX_SAFE_INTEGER);
  const until = o.untilSeq ?? Infinity;
  try {
    store.journals.scanFrom(offsets, (rec: JournalRecord, pos) => {
      if (rec.till !== till || rec.seq <= o.afterSeq) return;
      if (rec.seq > until) throw FULL;
      seen = { seq: rec.seq, start: pos.start, end: pos.end };
      const row = salesRowOf(rec);
      if (!row) return;
      rows.push(row);
      last = { start: pos.start, end: pos.end };
      if (rows.length >= o.max) throw FULL;
    });
  } catch (err) {
    if (err !== FULL) throw err;
  }
  return { rows, last, scanFrom: o.from, seen };
}
