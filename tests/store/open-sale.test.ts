import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { StoreError } from '../../src/store/index.js';
import { quietStore, sampleOpenSale, startChild, tempDir } from './helpers.js';

describe('open sale', () => {
  it('saves, loads and clears durably', async () => {
    const dir = tempDir();
    const { store } = await quietStore(dir);
    const w = store.claimTill('T1');
    expect(w.openSale.load()).toBeNull();
    const sale = sampleOpenSale('T1');
    w.openSale.save(sale);
    expect(w.openSale.load()).toEqual(sale);
    w.openSale.save({ ...sale, nextLineId: 4 });
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'open/T1.json'), 'utf8')).sale.nextLineId).toBe(4);
    w.openSale.clear();
    expect(w.openSale.load()).toBeNull();
    expect(fs.readdirSync(path.join(dir, 'open'))).toEqual([]);
    w.openSale.clear(); // clearing nothing is fine
    w.release();
    expect(() => w.openSale.load()).toThrow(StoreError);
    store.close();
  });

  it('refuses an open sale of another till or with bad money', async () => {
    const { store } = await quietStore(tempDir());
    const w = store.claimTill('T1');
    expect(() => w.openSale.save(sampleOpenSale('T2'))).toThrow(/open\/T1\.json: till: the open sale belongs to till T2/);
    const bad = sampleOpenSale('T1');
    bad.lines[0]!.unitPrice = 19.99;
    expect(() => w.openSale.save(bad)).toThrow(/^open\/T1\.json: lines\[0\]\.unitPrice: expected a whole number of cents$/);
    expect(w.openSale.load()).toBeNull();
    store.close();
  });

  it('survives a SIGKILLed till: the next claim takes over its lock and reopens the sale', async () => {
    const dir = tempDir();
    (await quietStore(dir)).store.close();
    const sale = sampleOpenSale('T1');
    const child = await startChild('save-open-sale', dir, 'T1', JSON.stringify(sale));
    await child.waitFor(/^saved/);
    child.proc.kill('SIGKILL');
    expect((await child.done).signal).toBe('SIGKILL');
    const { store, warnings } = await quietStore(dir);
    const w = store.claimTill('T1');
    expect(warnings.some((m) => m.includes(`lock of process ${child.proc.pid}`))).toBe(true);
    expect(w.openSale.load()).toEqual(sale);
    w.openSale.clear();
    expect(w.openSale.load()).toBeNull();
    store.close();
  });
});

describe('open sale schema version', () => {
  it('reads a bare sale of version 0, and refuses one from a newer tillpoint', async () => {
    const dir = tempDir();
    const { store } = await quietStore(dir);
    const w = store.claimTill('T1');
    const sale = { id: 's1', till: 'T1', operator: 'system', startedAt: '2026-01-01T00:00:00.000Z', lines: [], tenders: [], nextLineId: 1 };
    w.openSale.save(sale);
    const file = path.join(dir, 'open', 'T1.json');
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({ schemaVersion: 1, sale: { id: 's1' } });
    fs.writeFileSync(file, JSON.stringify(sale));
    expect(w.openSale.load()).toMatchObject({ id: 's1' });
    fs.writeFileSync(file, JSON.stringify({ schemaVersion: 5, sale }));
    expect(() => w.openSale.load()).toThrow(/open\/T1\.json has schema version 5; this tillpoint reads up to 1/);
    w.release();
    store.close();
  });
});
