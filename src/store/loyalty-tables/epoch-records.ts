// The loyalty epochs of a store, read from the BACKOFFICE journal: every Delete Loyalty tables
// (reset) and restore is one `loyalty-epoch` record there, so any process (another till, a
// one-shot command) sees the same current epoch without a file of its own to keep in step. Each
// process remembers how far it has read, so a second look costs a stat and the new bytes only;
// journals/loyalty-epochs.json keeps the same for the next process (derived: deleting it loses
// nothing), so opening a store never reads years of accrual batches to find the epoch.
import fs from 'node:fs';
import path from 'node:path';
import type { Cents } from '../../engine/types.js';
import { BACK_OFFICE_JOURNAL, type JournalMarks, type LoyaltyEpochDoc } from '../back-office-types.js';
import { replaceFileDurably } from '../durable-file.js';
import { errnoCode, errorText } from '../errors.js';
import { decodeLine } from '../journal-format.js';
import { readLineAt, readLines } from '../journal-lines.js';
import type { Store } from '../store.js';

/** The epoch with the byte offsets of its marks (the book re-reads from them). */
export interface EpochMarks {
  id: string;
  from: Readonly<JournalMarks>;
  fromAt: Readonly<JournalMarks>;
  startedAt: string | null;
}

export const INITIAL_EPOCH: EpochMarks = Object.freeze({ id: 'initial', from: Object.freeze({}), fromAt: Object.freeze({}), startedAt: null });

export interface EpochHistoryEntry {
  /** The epoch current after the record. */
  id: string;
  action: 'reset' | 'restore';
  at: string;
  operator: string;
  /** reset: the liability written off; restore: the write-offs it posted again minus those it reversed. */
  writeOff: Cents;
  /** The account written off to (restore: of the first reversed reset; '' when none). */
  account: string;
  document: string;
}

interface Cache {
  ino: number;
  readTo: number;
  /** The last line read, checked again when the cache is loaded from its file. */
  last: { start: number; end: number } | null;
  docs: Map<string, LoyaltyEpochDoc>;
}

export const EPOCHS_CACHE = 'journals/loyalty-epochs.json';
/** Bytes read past the cache file's position before it is written again. */
const SAVE_AFTER_BYTES = 1 << 20;

function loadCache(store: Store, fd: number, ino: number, size: number): Cache | null {
  try {
    const j = JSON.parse(fs.readFileSync(path.join(store.dir, EPOCHS_CACHE), 'utf8')) as { v: number; readTo: number; last: Cache['last']; docs: LoyaltyEpochDoc[] };
    if (j.v !== 1 || !Number.isSafeInteger(j.readTo) || j.readTo > size || !Array.isArray(j.docs) || !j.last || j.last.end !== j.readTo) return null;
    const line = readLineAt(fd, j.last.start, j.last.end);
    if (!line || !decodeLine(line, BACK_OFFICE_JOURNAL, FILE).ok) return null;
    return { ino, readTo: j.readTo, last: j.last, docs: new Map(j.docs.map((d) => [d.number, d])) };
  } catch {
    return null;
  }
}

function saveCache(store: Store, c: Cache): void {
  try {
    replaceFileDurably(path.join(store.dir, EPOCHS_CACHE), `${JSON.stringify({ v: 1, readTo: c.readTo, last: c.last, docs: [...c.docs.values()] })}\n`);
  } catch (err) {
    store.warn(`could not save ${EPOCHS_CACHE}: ${errorText(err)}`);
  }
}

const cache = new WeakMap<Store, Cache>();
// Only lines holding this are decoded: the back-office journal is mostly accrual batches.
const MARK = Buffer.from('"kind":"loyalty-epoch"');
const FILE = `journals/${BACK_OFFICE_JOURNAL}.jsonl`;

/** Every epoch record of the store, oldest first. */
export function epochDocs(store: Store): LoyaltyEpochDoc[] {
  let fd: number;
  try {
    fd = fs.openSync(path.join(store.dir, FILE), 'r');
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') {
      cache.delete(store);
      return [];
    }
    throw err;
  }
  try {
    const st = fs.fstatSync(fd);
    let c = cache.get(store);
    if (!c || c.ino !== st.ino || st.size < c.readTo) c = loadCache(store, fd, st.ino, st.size) ?? { ino: st.ino, readTo: 0, last: null, docs: new Map() };
    cache.set(store, c);
    const started = c.readTo;
    let stuck = false;
    for (const line of readLines(fd, c.readTo, st.size)) {
      if (line.bytes.includes(MARK)) {
        const d = decodeLine(line.bytes, BACK_OFFICE_JOURNAL, FILE);
        if (d.ok && d.record.doc.kind === 'loyalty-epoch') c.docs.set(d.record.doc.number, d.record.doc);
        // A damaged line may be a torn write the writer will replace: read it again next time.
        else if (!d.ok) stuck = true;
      }
      if (!stuck) {
        c.readTo = line.end;
        c.last = { start: line.start, end: line.end };
      }
    }
    if (c.readTo - started >= SAVE_AFTER_BYTES) saveCache(store, c);
    return [...c.docs.values()];
  } finally {
    fs.closeSync(fd);
  }
}

/** When the epoch `id` first started (its reset), or null for the first epoch. */
function startOf(docs: readonly LoyaltyEpochDoc[], id: string): string | null {
  return docs.find((d) => d.action === 'reset' && d.epoch.id === id)?.completedAt ?? null;
}

export function marksOf(doc: LoyaltyEpochDoc, docs: readonly LoyaltyEpochDoc[]): EpochMarks {
  return { id: doc.epoch.id, from: doc.epoch.from, fromAt: doc.epoch.fromAt ?? {}, startedAt: doc.epoch.id === INITIAL_EPOCH.id ? null : (startOf(docs, doc.epoch.id) ?? doc.completedAt) };
}

export function currentMarks(store: Store): EpochMarks {
  const docs = epochDocs(store);
  const last = docs.at(-1);
  return last ? marksOf(last, docs) : INITIAL_EPOCH;
}

export function sameEpoch(a: Pick<EpochMarks, 'id' | 'from'>, b: Pick<EpochMarks, 'id' | 'from'>): boolean {
  if (a.id !== b.id) return false;
  const ka = Object.keys(a.from).filter((k) => (a.from[k] ?? 0) !== 0);
  const kb = Object.keys(b.from).filter((k) => (b.from[k] ?? 0) !== 0);
  return ka.length === kb.length && ka.every((k) => a.from[k] === b.from[k]);
}

export function epochHistory(store: Store): EpochHistoryEntry[] {
  return epochDocs(store).map((d) => ({
    id: d.epoch.id, action: d.action, at: d.completedAt, operator: d.operator, document: d.number,
    writeOff: d.action === 'reset' ? d.writeOff.amount
      : (d.reapplies ?? []).reduce((s, r) => s + r.amount, 0) - d.reverses.reduce((s, r) => s + r.amount, 0),
    account: d.action === 'reset' ? d.writeOff.account : (d.reverses[0]?.account ?? ''),
  }));
}
