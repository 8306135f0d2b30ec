// Where a record read or written in this process sits in its journal: the books keep it to
// re-read a debtor's rows, and the reader to skip records this process has just appended.
import type { JournalRecord } from './journal-format.js';

export interface RecordPosition {
  till: string;
  start: number;
  end: number;
}

const positions = new WeakMap<JournalRecord, RecordPosition>();

export function positionOf(rec: JournalRecord): RecordPosition | undefined {
  return positions.get(rec);
}

export function notePosition(rec: JournalRecord, till: string, start: number, end: number): void {
  positions.set(rec, { till, start, end });
}
