// The records of one till since its last Z: read from the byte after that Z (cashup/<TILL>.json),
// or from the journal's start when the state is missing. Every Z met on the way (the state was
// behind) becomes the last one, so the answer is the same either way.
import type { CashupRecord } from '../../engine/cashup/types.js';
import type { JournalRecord } from '../journal-format.js';
import type { RecordPosition } from '../journal-positions.js';
import type { Store } from '../store.js';
import { isZRecord, loadCashupState, markOf, saveCashupState, type ZMark } from './state.js';

export interface SinceLastZ {
  /** Every Z of the till, oldest first; the last one is the previous Z of the next. */
  zs: ZMark[];
  /** The till's records after the last Z, in journal order. */
  records: JournalRecord[];
}

/** One till's records from byte `from`: the other tills are passed at their ends, so they are not read. */
function scanTill(store: Store, till: string, from: number, each: (rec: JournalRecord, pos: RecordPosition) => void): void {
  const marks = new Map(store.journals.counts().map((c) => [c.till, c.bytes]));
  marks.set(till, from);
  store.journals.scanFrom(marks, (rec, pos) => {
    if (pos.till === till) each(rec, pos);
  });
}

export function sinceLastZ(store: Store, till: string): SinceLastZ {
  const state = loadCashupState(store, till);
  const zs = state ? [...state.zs] : [];
  const known = zs.length;
  let records: JournalRecord[] = [];
  scanTill(store, till, zs.at(-1)?.end ?? 0, (rec, pos) => {
    if (isZRecord(rec)) {
      zs.push(markOf(rec, pos));
      records = [];
    } else records.push(rec);
  });
  // Rebuilt, or behind: written now so the next read starts after the last Z.
  if (state === null ? zs.length > 0 : zs.length > known) saveCashupState(store, { v: 1, till, zs });
  return { zs, records };
}

export const asCashupRecord = (rec: JournalRecord): CashupRecord => rec as unknown as CashupRecord;

