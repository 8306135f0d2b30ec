// `cashup/<TILL>.json`: where the till's last Z is in its journal (and its past Zs), so a Z reads
// only the records after the previous one instead of the whole history. Derived data, written
// durably after the Z record: trusted only when the record it names is still a Z at that place,
// and when it is behind (a crash between the record and this file) the read from its position
// meets the newer Z and moves on. Missing or wrong, it is rebuilt by one read of the journal.
import fs from 'node:fs';
import path from 'node:path';
import { DurableJsonFileSync } from '../durable-file.js';
import { StoreError, errorText } from '../errors.js';
import type { JournalRecord } from '../journal-format.js';
import type { RecordPosition } from '../journal-positions.js';
import type { Store } from '../store.js';

/** One Z of the till and where its record is. */
export interface ZMark {
  z: number;
  seq: number;
  day: string;
  at: string;
  start: number;
  end: number;
}

export interface CashupState {
  v: 1;
  till: string;
  /** Every Z of the till, oldest first (one a day: a few hundred a year). */
  zs: ZMark[];
}

const label = (till: string) => `cashup/${till}.json`;

function file(store: Store, till: string): DurableJsonFileSync<CashupState> {
  return new DurableJsonFileSync<CashupState>(path.join(store.dir, 'cashup', `${till}.json`), { warn: (m) => store.warn(m), label: label(till), pretty: false });
}

const isMark = (m: Partial<ZMark> | null): boolean => typeof m === 'object' && m !== null
  && [m.z, m.seq, m.start, m.end].every(Number.isSafeInteger) && typeof m.day === 'string' && typeof m.at === 'string';

export function isZRecord(rec: JournalRecord): boolean {
  return rec.kind === 'cashup' && rec.doc.kind === 'cashup' && rec.doc.type === 'z';
}

export function markOf(rec: JournalRecord, pos: RecordPosition): ZMark {
  if (rec.doc.kind !== 'cashup' || rec.doc.type !== 'z') throw new Error(`seq ${rec.seq} is not a Z`);
  return { z: rec.doc.z, seq: rec.seq, day: rec.doc.day, at: rec.doc.completedAt, start: pos.start, end: pos.end };
}

/** The state when its last Z is still where it says, else null (with a warning when it was there but wrong). */
export function loadCashupState(store: Store, till: string): CashupState | null {
  let s: CashupState | null;
  try {
    s = file(store, till).read();
  } catch (err) {
    if (err instanceof StoreError && err.code === 'CORRUPT') {
      store.warn(`ignoring ${label(till)}: ${err.message}; reading journals/${till}.jsonl from its start`);
      return null;
    }
    throw err;
  }
  if (s === null) return null;
  const last = Array.isArray(s.zs) ? s.zs.at(-1) : undefined;
  let problem: string | null = s.v !== 1 || s.till !== till || !Array.isArray(s.zs) || !s.zs.every(isMark) ? 'its fields are not valid' : null;
  if (problem === null && last) {
    const rec = store.journals.readAt({ till, start: last.start, end: last.end });
    if (!rec || rec.seq !== last.seq || !isZRecord(rec)) problem = `journals/${till}.jsonl has no Z seq ${last.seq} ending at byte ${last.end}`;
  }
  if (problem !== null) {
    store.warn(`ignoring ${label(till)}: ${problem}; reading journals/${till}.jsonl from its start`);
    return null;
  }
  return s;
}

/** The Z is already recorded: a state file that cannot be written only makes the next Z read more. */
export function saveCashupState(store: Store, s: CashupState): void {
  try {
    fs.mkdirSync(path.join(store.dir, 'cashup'), { recursive: true });
    file(store, s.till).write(s);
  } catch (err) {
    store.warn(`could not save ${label(s.till)}: ${errorText(err)} (the next Z reads journals/${s.till}.jsonl again)`);
  }
}
