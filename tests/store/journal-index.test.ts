import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ioCounters, SPARSE_EVERY } from '../../src/store/index.js';
import { quietStore, sampleRefund, sampleSale, tempDir } from './helpers.js';

const at = '2025-01-02T08:01:00.000Z';
const jpath = (dir: string) => path.join(dir, 'journals', 'T1.jsonl');
const ipath = (dir: string) => path.join(dir, 'journals', 'T1.index.json');

/** A store with `n` sales on T1, a refund of sale 5 at seq 6; the writer is left open (not released) when `keep`. */
async function filled(n: number, keep = false) {
  const dir = tempDir();
  const { store } = await quietStore(dir);
  const w = store.claimTill('T1');
  for (let seq = 1; seq <= n; seq++) {
    const doc = seq === 6 ? sampleRefund('T1', 6, 'T1-000005') : sampleSale('T1', seq, 100 + seq);
    w.append({ kind: doc.kind, operator: 'ann', at, doc });
  }
  if (!keep) w.release();
  return { dir, store, w };
}

const bytesReadBy = <T>(fn: () => T): [T, number] => {
  const before = ioCounters.journalBytesRead;
  const result = fn();
  return [result, ioCounters.journalBytesRead - before];
};

describe('journal index snapshot', () => {
  it('is written every 1000 appends and on release, covering the whole journal', async () => {
    const { dir, store, w } = await filled(2500, true);
    let snap = JSON.parse(fs.readFileSync(ipath(dir), 'utf8'));
    expect(snap).toMatchObject({ v: 1, till: 'T1', lastSeq: 2000, records: 2000 });
    w.release();
    snap = JSON.parse(fs.readFileSync(ipath(dir), 'utf8'));
    expect(snap).toMatchObject({ lastSeq: 2500, records: 2500, offset: fs.statSync(jpath(dir)).size });
    expect(snap.sparse).toHaveLength(Math.ceil(2500 / SPARSE_EVERY));
    expect(snap.refunds).toEqual({ 'T1-000005': ['T1-000006'] });
    store.close();
  });

  it('finds any document among 3,000 by reading at most one block of lines', async () => {
    const { dir, store } = await filled(3000);
    const { store: reader } = await quietStore(dir);
    const size = fs.statSync(jpath(dir)).size;
    const perLine = size / 3000;
    for (const seq of [1, 255, 256, 257, 1500, 2999, 3000]) {
      const number = `T1-${String(seq).padStart(6, '0')}`;
      const [doc, bytes] = bytesReadBy(() => reader.journals.findDocument(number));
      expect(doc).toEqual(sampleSale('T1', seq, 100 + seq));
      // At most one block of 256 lines (plus the last 16 KB read window), never the journal.
      expect(bytes).toBeLessThanOrEqual(perLine * SPARSE_EVERY + 16 * 1024);
      expect(bytes).toBeLessThan(size / 10);
    }
    expect(reader.journals.findDocument('T1-003001')).toBeUndefined();
    const [refunds, bytes] = bytesReadBy(() => reader.journals.refundsOf('T1-000005'));
    expect(refunds.map((r) => r.refundNumber)).toEqual(['T1-000006']);
    expect(bytes).toBeLessThan(size / 10);
    store.close();
    reader.close();
  });

  it('reopening after 3,000 appends reads only the tail after the snapshot', async () => {
    const { dir, store, w } = await filled(3000, true); // snapshot at 3000 by the every-1000 rule
    const snapOffset = JSON.parse(fs.readFileSync(ipath(dir), 'utf8')).offset as number;
    for (let i = 0; i < 40; i++) w.append({ kind: 'sale', operator: 'ann', at, doc: sampleSale('T1', w.nextSeq(), 9) });
    const size = fs.statSync(jpath(dir)).size;
    const tail = size - snapOffset;
    const [reopened, bytes] = await (async () => {
      const before = ioCounters.journalBytesRead;
      const r = await quietStore(dir);
      return [r, ioCounters.journalBytesRead - before] as const;
    })();
    // The tail, plus the one record at the snapshot's offset whose checksum is verified.
    expect(bytes).toBeLessThanOrEqual(tail + 2 * (snapOffset / 3000));
    expect(bytes).toBeGreaterThanOrEqual(tail);
    expect(reopened.store.journals.counts()).toEqual([{ till: 'T1', records: 3040, bytes: size }]);
    expect(reopened.store.journals.findDocument('T1-003040')).toEqual(sampleSale('T1', 3040, 9));
    expect(reopened.store.journals.findDocument('T1-000006')?.kind).toBe('refund');
    store.close();
    reopened.store.close();
  });

  it.each([
    ['its offset is beyond the end of the journal', (s: Record<string, number>) => ({ ...s, offset: s.offset! + 10_000 })],
    ['the line ending at its offset is not the record it claims', (s: Record<string, number>) => ({ ...s, lastSeq: s.lastSeq! - 1 })],
    ['its offset is not at the end of a line', (s: Record<string, number>) => ({ ...s, offset: s.offset! - 7 })],
  ])('is ignored with a warning when %s, and the index is rebuilt', async (_what, spoil) => {
    const { dir, store } = await filled(600);
    store.close();
    const snap = JSON.parse(fs.readFileSync(ipath(dir), 'utf8'));
    fs.writeFileSync(ipath(dir), JSON.stringify(spoil(snap)));
    const before = ioCounters.journalBytesRead;
    const { store: again, warnings } = await quietStore(dir);
    expect(ioCounters.journalBytesRead - before).toBeGreaterThanOrEqual(fs.statSync(jpath(dir)).size); // read in full
    expect(warnings.some((m) => /ignoring journals\/T1\.index\.json: .*rebuilding it from journals\/T1\.jsonl/.test(m))).toBe(true);
    expect(again.journals.counts()[0]!.records).toBe(600);
    expect(again.journals.findDocument('T1-000600')).toEqual(sampleSale('T1', 600, 700));
    expect(again.journals.refundsOf('T1-000005')).toHaveLength(1);
    // The writer replaces the bad snapshot with a good one when it claims the till.
    again.claimTill('T1').release();
    expect(JSON.parse(fs.readFileSync(ipath(dir), 'utf8'))).toMatchObject({ lastSeq: 600, offset: fs.statSync(jpath(dir)).size });
    again.close();
  });

  it('an unreadable snapshot is ignored too, never fatal', async () => {
    const { dir, store } = await filled(10);
    store.close();
    fs.writeFileSync(ipath(dir), '{"v":1,');
    fs.rmSync(`${ipath(dir)}.bak`, { force: true });
    const { store: again, warnings } = await quietStore(dir);
    expect(again.journals.counts()[0]!.records).toBe(10);
    expect(warnings.some((m) => /ignoring journals\/T1\.index\.json/.test(m))).toBe(true);
    again.close();
  });
});
