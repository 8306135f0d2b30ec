import fs from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, StoreError, storeFs } from '../../src/store/index.js';
import { quietStore, sampleRefund, sampleSale, storeErrorOf, tempDir } from './helpers.js';

const real = { ...storeFs };
afterEach(() => Object.assign(storeFs, real));

const at = '2025-01-02T08:01:00.000Z';
const journal = (dir: string, till: string) => path.join(dir, 'journals', `${till}.jsonl`);

function line(obj: unknown): string {
  const json = JSON.stringify(obj);
  return `${crc32(json).toString(16).padStart(8, '0')} ${json}\n`;
}

async function storeWith(till: string, n: number) {
  const dir = tempDir();
  const { store, warnings } = await quietStore(dir);
  const w = store.claimTill(till);
  for (let i = 0; i < n; i++) w.append({ kind: 'sale', operator: 'ann', at, doc: sampleSale(till, w.nextSeq()) });
  return { dir, store, warnings, w };
}


describe('till journal', () => {
  it('appends records and reads them back by number, refund, scan, poll and counts', async () => {
    const dir = tempDir();
    const { store } = await quietStore(dir);
    const follower = (await quietStore(dir)).store; // opened before the appends: poll sees them all
    const w = store.claimTill('T1');
    expect(w.nextSeq()).toBe(1);
    expect(w.documentNumber()).toBe('T1-000001');
    const r1 = w.append({ kind: 'sale', operator: 'ann', at, doc: sampleSale('T1', 1), rows: [{ earn: 12 }] });
    expect(r1).toMatchObject({ v: 1, seq: 1, till: 'T1', operator: 'ann', at, kind: 'sale', rows: [{ earn: 12 }] });
    w.append({ kind: 'sale', operator: 'ann', at, doc: sampleSale('T1', 2) });
    w.append({ kind: 'refund', operator: 'bob', at, doc: sampleRefund('T1', 3, 'T1-000001') });
    expect(w.documentNumber()).toBe('T1-000004');

    const lines = fs.readFileSync(journal(dir, 'T1'), 'utf8').split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
    for (const l of lines.slice(0, 3)) {
      const [hex, json] = [l.slice(0, 8), l.slice(9)];
      expect(parseInt(hex, 16)).toBe(crc32(json));
    }

    expect(follower.journals.poll().map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(follower.journals.poll()).toEqual([]);
    expect(follower.journals.findDocument('T1-000002')).toEqual(sampleSale('T1', 2));
    expect(follower.journals.findDocument('T1-000009')).toBeUndefined();
    expect(follower.journals.findDocument('nonsense')).toBeUndefined();
    expect(follower.journals.refundsOf('T1-000001')).toEqual([sampleRefund('T1', 3, 'T1-000001')]);
    expect(follower.journals.refundsOf('T1-000002')).toEqual([]);
    expect([...follower.journals.scan()].map((r) => r.doc.kind)).toEqual(['sale', 'sale', 'refund']);
    expect(follower.journals.counts()).toEqual([{ till: 'T1', records: 3, bytes: fs.statSync(journal(dir, 'T1')).size }]);
    w.release();
    const reopened = (await quietStore(dir)).store.claimTill('T1');
    expect(reopened.nextSeq()).toBe(4);
    store.close();
    follower.close();
  });

  it('refuses a document whose number is not the next one, or of another till', async () => {
    const { store, w } = await storeWith('T1', 1);
    expect(storeErrorOf(() => w.append({ kind: 'sale', operator: 'a', at, doc: sampleSale('T1', 5) })).message).toBe(
      'document number T1-000005 is not the next number of till T1 (T1-000002)',
    );
    expect(storeErrorOf(() => w.append({ kind: 'refund', operator: 'a', at, doc: sampleSale('T1', 2) })).code).toBe('INVALID');
    expect(w.nextSeq()).toBe(2);
    store.close();
  });

  it.each(['', 'T 1', '../T1', 'x'.repeat(17), 'T1.jsonl'])('refuses till id %j', async (till) => {
    const { store } = await quietStore(tempDir());
    const err = storeErrorOf(() => store.claimTill(till));
    expect(err.code).toBe('INVALID');
    expect(err.message).toMatch(/1-16 capital letters, digits, _ or -/);
    store.close();
  });

  it('moves a torn last line to .rejected, cuts it off and keeps every earlier record', async () => {
    const { dir, store, w } = await storeWith('T1', 3);
    w.release();
    const good = fs.readFileSync(journal(dir, 'T1'));
    const torn = line({ v: 1, seq: 4, till: 'T1' }).slice(0, 30);
    fs.appendFileSync(journal(dir, 'T1'), torn);
    store.close();
    const again = await quietStore(dir);
    const w2 = again.store.claimTill('T1');
    expect(fs.readFileSync(journal(dir, 'T1'))).toEqual(good);
    expect(fs.readFileSync(`${journal(dir, 'T1')}.rejected`, 'utf8')).toMatch(new RegExp(`^# .* numbers up to seq 3 stay used\n${torn.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}\n$`));
    expect(again.warnings.some((m) => /T1\.jsonl: the last 30 bytes .*torn.*moved them to journals\/T1\.jsonl\.rejected.*seq 3/.test(m))).toBe(true);
    expect(w2.nextSeq()).toBe(4);
    w2.append({ kind: 'sale', operator: 'a', at, doc: sampleSale('T1', 4) });
    expect([...again.store.journals.scan()].map((r) => r.seq)).toEqual([1, 2, 3, 4]);
    again.store.close();
  });

  it('rejects a complete last line with a bad checksum the same way', async () => {
    const { dir, store, w } = await storeWith('T1', 2);
    w.release();
    store.close();
    const size = fs.statSync(journal(dir, 'T1')).size;
    const bad = line({ v: 1, seq: 3, till: 'T1', kind: 'sale', doc: sampleSale('T1', 3), rows: [] }).replace('"seq":3', '"seq":8');
    fs.appendFileSync(journal(dir, 'T1'), bad);
    const again = await quietStore(dir);
    expect(again.store.journals.counts()[0]!.records).toBe(2); // a reader never steps over it
    const w2 = again.store.claimTill('T1');
    expect(fs.statSync(journal(dir, 'T1')).size).toBe(size);
    expect(fs.readFileSync(`${journal(dir, 'T1')}.rejected`, 'utf8').endsWith(bad)).toBe(true);
    expect(again.warnings.some((m) => /bad checksum/.test(m))).toBe(true);
    // That line was complete, so its slip may have been shown: its numbers are never reused,
    // also after the next start, when the line is no longer in the journal.
    expect(w2.nextSeq()).toBe(9);
    w2.release();
    again.store.close();
    const third = await quietStore(dir);
    expect(third.store.claimTill('T1').nextSeq()).toBe(9);
    third.store.close();
  });

  it('skips a corrupt line in the middle with a warning and keeps it in the file', async () => {
    const { dir, store, w } = await storeWith('T1', 3);
    w.release();
    store.close();
    const text = fs.readFileSync(journal(dir, 'T1'), 'utf8');
    const damaged = text.replace('"seq":2,', '"seq":2 ,');
    fs.writeFileSync(journal(dir, 'T1'), damaged);
    fs.rmSync(path.join(dir, 'journals/T1.index.json'));
    const again = await quietStore(dir);
    expect([...again.store.journals.scan()].map((r) => r.seq)).toEqual([1, 3]);
    expect(again.store.journals.findDocument('T1-000002')).toBeUndefined();
    expect(again.store.journals.findDocument('T1-000003')).toEqual(sampleSale('T1', 3));
    expect(again.warnings.filter((m) => /T1\.jsonl: the line at byte \d+ is damaged \(bad checksum\); skipping it/.test(m))).toHaveLength(1);
    const w2 = again.store.claimTill('T1');
    expect(fs.readFileSync(journal(dir, 'T1'), 'utf8')).toBe(damaged);
    expect(fs.existsSync(`${journal(dir, 'T1')}.rejected`)).toBe(false);
    expect(w2.nextSeq()).toBe(4);
    again.store.close();
  });

  it('refuses a record written by a newer tillpoint', async () => {
    const { dir, store, w } = await storeWith('T1', 1);
    w.release();
    store.close();
    fs.appendFileSync(journal(dir, 'T1'), line({ v: 2, seq: 2, till: 'T1', kind: 'sale', doc: { kind: 'sale' }, rows: [] }));
    const err = await openStore(dir, { stderr: false }).then(() => null, (e: unknown) => e as StoreError);
    expect(err?.code).toBe('NEWER_SCHEMA');
    expect(err?.message).toBe('journals/T1.jsonl has a record (seq 2) of version 2; this tillpoint reads up to 1: install a newer tillpoint');
  });

  it.each([
    ['a write that fails half-way (disk full)', 'writeSync'],
    ['an fdatasync that fails', 'fdatasyncSync'],
  ] as const)('after %s the journal is exactly as it was and the seq is unused', async (_what, fault) => {
    const { dir, store, w } = await storeWith('T1', 2);
    const before = fs.readFileSync(journal(dir, 'T1'));
    if (fault === 'writeSync') {
      storeFs.writeSync = (fd, buf, off, len, pos) => {
        real.writeSync(fd, buf, off, Math.floor(len / 2), pos);
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      };
    } else {
      storeFs.fdatasyncSync = () => {
        storeFs.fdatasyncSync = real.fdatasyncSync; // the undo's own fdatasync works
        throw Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' });
      };
    }
    const err = storeErrorOf(() => w.append({ kind: 'sale', operator: 'a', at, doc: sampleSale('T1', 3) }));
    Object.assign(storeFs, real);
    expect(err.code).toBe('IO');
    expect(err.message).toMatch(/^recording T1-000003 in journals\/T1\.jsonl failed: .*nothing was recorded$/);
    expect(fs.readFileSync(journal(dir, 'T1'))).toEqual(before);
    expect(w.nextSeq()).toBe(3);
    w.append({ kind: 'sale', operator: 'a', at, doc: sampleSale('T1', 3) });
    expect([...store.journals.scan()].map((r) => r.seq)).toEqual([1, 2, 3]);
    store.close();
  });
});

describe('till ids', () => {
  it('are upper case, so a sale number typed in any case finds its own till only', async () => {
    const { store } = await quietStore(tempDir());
    expect(() => store.claimTill('t1')).toThrow(/till id "t1" is not allowed: use 1-16 capital letters/);
    store.close();
  });
});
