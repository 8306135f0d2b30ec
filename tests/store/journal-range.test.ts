// A journal enquiry with dates reads only the part of each journal near them (journal-range.ts),
// and must answer exactly what a full scan answers: several tills, days of records, one till
// whose clock went back an hour, ranges at block boundaries and many random ranges.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filterJournal, type JournalFilter, type LedgerEntry } from '../../src/engine/ledger/index.js';
import type { CompletedSale, Item } from '../../src/engine/types.js';
import { backOffice } from '../../src/store/back-office.js';
import { ioCounters, SPARSE_EVERY, type Store } from '../../src/store/index.js';
import type { JournalRecord } from '../../src/store/journal-format.js';
import { RANGE_MARGIN_MS, scanTillRange } from '../../src/store/journal-range.js';
import { entriesOf } from '../../src/store/ledger-posting.js';
import { TillService } from '../../src/store/till-service.js';
import { quietStore, tempDir } from './helpers.js';

const ITEM: Item = { code: 'P1', barcode: '', description: 'Paint 5L', price: 11500, taxRate: 1500 };
const START = Date.parse('2026-03-01T06:00:00Z');
const MIN = 60 * 1000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** Per till: how many records, minutes between them, and where (seq) its clock goes back an hour. */
const TILLS: { till: string; count: number; every: number; setBackAt?: number; offset: number }[] = [
  { till: 'T1', count: 2400, every: 5, offset: 0 },
  // Set back at the first record of its second block: the block's first time is an hour earlier
  // than the end of the block before, the case a binary search over block times gets wrong.
  { till: 'T2', count: 1500, every: 8, setBackAt: SPARSE_EVERY + 1, offset: 7 * MIN },
  { till: 'T3', count: 400, every: 30, offset: 3 * HOUR },
];

let dir = '';
let store: Store;
let reader: Store;
let all: LedgerEntry[] = [];
/** The first record time of each block of each till (the boundaries the index seeks to). */
const blockStarts: number[] = [];

const iso = (ms: number) => new Date(ms).toISOString();

/** The sale made at the till, renumbered and re-timed; with its entries moved along, or without (posted when read). */
function copyOf(real: JournalRecord, number: string, till: string, at: string, withEntries: boolean) {
  const src = real.doc as CompletedSale;
  const doc: CompletedSale = { ...structuredClone(src), saleNumber: number, till, startedAt: at, completedAt: at, saleId: `copy-${number}` };
  const entries = (real.entries ?? []).map((e) => ({
    ...structuredClone(e), id: e.id.replace(src.saleNumber, number), source: number, at, memo: e.memo?.replace(src.saleNumber, number),
  }));
  return { kind: 'sale' as const, operator: 'ann', at, doc, rows: [], ...(withEntries ? { entries } : {}) };
}

beforeAll(async () => {
  dir = tempDir();
  ({ store } = await quietStore(dir));
  await store.edit('items', (d) => {
    d.items.push(structuredClone(ITEM));
  });
  // One real sale, made and journalled the way the till does it.
  const till = TillService.open(store, { till: 'T0', operator: 'ann', now: () => new Date(START - HOUR) });
  till.scan('P1', 2);
  if (till.addTender('CASH', 23000) === null) throw new Error('the sale did not complete');
  till.close();
  const real = [...store.journals.scan()].find((r) => r.till === 'T0')!;
  expect(real.entries?.length).toBeGreaterThan(0);

  for (const t of TILLS) {
    const w = store.claimTill(t.till);
    let ms = START + t.offset;
    for (let seq = 1; seq <= t.count; seq++) {
      if (seq === t.setBackAt) ms -= HOUR;
      const at = iso(ms);
      if ((seq - 1) % SPARSE_EVERY === 0) blockStarts.push(ms);
      w.append(copyOf(real, w.documentNumber(), t.till, at, seq % 2 === 0));
      ms += t.every * MIN;
    }
    w.release();
  }
  ({ store: reader } = await quietStore(dir, false));
  for (const rec of store.journals.scan()) all.push(...entriesOf(rec, { settings: store.get('settings'), tenders: store.get('tenders') }));
});

afterAll(() => {
  store.close();
  reader.close();
});

/** What journal() must answer: the full scan's matches, by time (stable, so ties keep journal order). */
function expected(filter: JournalFilter, offset: number, limit: number) {
  const found = filterJournal(all, filter).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return { entries: found.slice(offset, offset + limit), total: found.length };
}

/** A small seeded generator, so a failing range can be reproduced. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('a journal enquiry with dates', () => {
  it('has several blocks per till, days of records, and a till whose clock went back', () => {
    expect(blockStarts.length).toBeGreaterThanOrEqual(7);
    const times = all.map((e) => Date.parse(e.at));
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThan(8 * DAY);
    const t2 = all.filter((e) => e.source.startsWith('T2-')).map((e) => e.at);
    expect(t2.some((at, i) => i > 0 && at < t2[i - 1]!)).toBe(true);
  });

  it('answers as the full scan does for ranges at and around block boundaries', () => {
    for (const s of [reader, store]) {
      const bo = backOffice(s);
      for (const b of blockStarts) {
        for (const [from, to] of [[b, b + 1], [b - 1, b], [b, b + HOUR], [b - HOUR, b + HOUR], [b + 1, b + DAY], [b - DAY, b]]) {
          const filter = { from: iso(from!), to: iso(to!) };
          expect(bo.journal(filter, 0, 1_000_000)).toEqual(expected(filter, 0, 1_000_000));
        }
      }
    }
  });

  it('answers as the full scan does for 200 random ranges, pages and filters', () => {
    const r = random(20260301);
    const lo = START - DAY;
    const span = 9 * DAY;
    const bo = backOffice(reader);
    for (let i = 0; i < 200; i++) {
      const a = lo + Math.floor(r() * span);
      const len = [MIN, HOUR, 3 * HOUR, DAY, 2 * DAY, 6 * DAY][Math.floor(r() * 6)]! * r();
      const filter: JournalFilter = {};
      if (r() < 0.9) filter.from = iso(a);
      if (r() < 0.9) filter.to = iso(a + Math.floor(len));
      if (r() < 0.2) filter.account = all[0]!.lines[0]!.account;
      if (r() < 0.1) filter.source = all[Math.floor(r() * all.length)]!.source;
      const offset = r() < 0.5 ? 0 : Math.floor(r() * 50);
      const limit = 1 + Math.floor(r() * 40);
      expect(bo.journal(filter, offset, limit), JSON.stringify({ filter, offset, limit })).toEqual(expected(filter, offset, limit));
    }
  });

  it('finds records up to a margin out of time order (the clock set back an hour)', () => {
    const t2 = all.filter((e) => e.source.startsWith('T2-'));
    const back = t2.findIndex((e, i) => i > 0 && e.at < t2[i - 1]!.at);
    // The hour that T2 went through twice, and the minutes either side.
    const at = Date.parse(t2[back]!.at);
    for (const [from, to] of [[at, at + HOUR], [at + 30 * MIN, at + 31 * MIN], [at - MIN, at + 2 * HOUR], [at - HOUR, at + 1]]) {
      const filter = { from: iso(from!), to: iso(to!) };
      const page = backOffice(reader).journal(filter, 0, 1000);
      expect(page).toEqual(expected(filter, 0, 1000));
      // The first record after the clock went back, and the last one before it (an hour later).
      if (from! <= at) expect(page.entries.map((e) => e.source)).toContain(t2[back]!.source);
      const last = Date.parse(t2[back - 1]!.at);
      if (from! <= last && last < to!) expect(page.entries.map((e) => e.source)).toContain(t2[back - 1]!.source);
    }
  });

  it('reads only the part of the journals near the dates', () => {
    const size = fs.readdirSync(path.join(dir, 'journals')).filter((n) => n.endsWith('.jsonl'))
      .reduce((sum, n) => sum + fs.statSync(path.join(dir, 'journals', n)).size, 0);
    const before = ioCounters.journalBytesRead;
    const from = START + 6 * DAY;
    const page = backOffice(reader).journal({ from: iso(from), to: iso(from + HOUR) }, 0, 100);
    const read = ioCounters.journalBytesRead - before;
    expect(page.total).toBeGreaterThan(0);
    // A day's margin each side, a block before and a read window after, of over eight days.
    expect(read).toBeLessThan(size * 0.75);
    const beforeAll = ioCounters.journalBytesRead;
    backOffice(reader).journal({}, 0, 100);
    expect(ioCounters.journalBytesRead - beforeAll).toBeGreaterThanOrEqual(size);
  });

  it('reads a journal from its start when its index has no blocks, with the same answer', () => {
    const journals = path.join(dir, 'journals');
    const fd = fs.openSync(path.join(journals, 'T2.jsonl'), 'r');
    try {
      const paths = { journalsDir: journals, warn: () => {}, warnOnce: () => {} };
      // The index T2's writer saved on release: one offset per block.
      const sparse = new Map<number, number>(JSON.parse(fs.readFileSync(path.join(journals, 'T2.index.json'), 'utf8')).sparse);
      expect(sparse.size).toBe(Math.ceil(1500 / SPARSE_EVERY));
      const from = Date.parse(all.find((e) => e.source === 'T2-001200')!.at);
      const range = { fromIso: iso(from), toIso: iso(from + 2 * HOUR) };
      const read = (ix: ReadonlyMap<number, number>) => {
        const seen: { seq: number; start: number; at: number }[] = [];
        scanTillRange(fd, 'T2', ix, range, paths, (rec, start) => seen.push({ seq: rec.seq, start, at: Date.parse(rec.at) }));
        return seen;
      };
      const inRange = (seen: { seq: number; at: number }[]) => seen.filter((x) => x.at >= from && x.at < from + 2 * HOUR).map((x) => x.seq);
      const without = read(new Map());
      const withIndex = read(sparse);
      expect(without[0]!.start).toBe(0);
      expect(withIndex[0]!.start).toBeGreaterThan(0);
      expect(inRange(withIndex)).toEqual(inRange(without));
      expect(inRange(withIndex).length).toBeGreaterThan(0);
      // Both stop at the same record, the first a margin past the end.
      expect(withIndex.at(-1)!.seq).toBe(without.at(-1)!.seq);
      expect(without.at(-1)!.seq).toBeLessThan(1500);
    } finally {
      fs.closeSync(fd);
    }
  });
});
