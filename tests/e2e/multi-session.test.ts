// SPEC 6 "Several processes use one store at once", end to end: the built bundle in three tmux
// sessions on one data folder (till T1, till T2 and a back-office session), plus one-shot commands
// run beside them, all at the same time. Keystrokes only; every check reads the screen or the files
// the processes wrote.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli, tempDir } from '../cli/run-cli.js';
import { startTmux, type TmuxSession } from './tmux.js';

const NOW = '2026-06-15T10:00:00Z';
const DAY = '2026-06-15';
/** Generous: three Node processes and the test share a loaded two-core machine. */
const WAIT = 60_000;

const NEW_STORE_NAME = 'Harbour Deli Kalk Bay';
const NEW_ITEM = { code: 'FIGJAM', barcode: '6009990000017', description: 'Harbour fig jam 450g', price: '45.00' };

let sessions: TmuxSession[] = [];
afterEach(() => {
  for (const s of sessions) s.kill();
  sessions = [];
});

function open(dir: string, args: string[]): TmuxSession {
  const s = startTmux({ args: ['--data', dir, ...args], env: { TILLPOINT_NOW: NOW } });
  sessions.push(s);
  return s;
}

interface JournalRecord {
  kind: 'sale' | 'refund';
  doc: any;
}

/** journals/<TILL>.jsonl: one `<crc hex> <json>` a line. */
function journal(dir: string, till: string): JournalRecord[] {
  const file = path.join(dir, 'journals', `${till}.jsonl`);
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const m = /^([0-9a-f]+) (.*)$/.exec(line);
      if (!m) throw new Error(`not a journal line: ${line}`);
      return JSON.parse(m[2]!) as JournalRecord;
    });
}

function readJson(dir: string, name: string): any {
  return JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
}

/** Esc is taken as Esc only once ~100 ms pass with nothing after it (the key parser's wait). */
async function escape(s: TmuxSession): Promise<void> {
  s.keys('Escape');
  await new Promise((r) => setTimeout(r, 150));
}

/** Leaves a slip panel (any key) and waits for the empty sale screen. */
async function nextSale(s: TmuxSession): Promise<void> {
  s.keys('Enter');
  await s.waitFor('Next sale', WAIT);
}

async function payCash(s: TmuxSession, amount: string, number: string): Promise<string> {
  s.keys('F2');
  await s.waitFor(/CASH/, WAIT);
  s.type('C');
  s.type(`${amount}\r`);
  return s.waitFor(`Sale ${number} complete`, WAIT);
}

describe('several processes on one store (SPEC 6)', () => {
  it('two tills and a back office session working on one store at once', { timeout: 300_000 }, async () => {
    const dir = path.join(tempDir(), 'store');
    expect(cli(['--data', dir, 'init', '--demo']).code).toBe(0);
    const demoItems: { code: string }[] = readJson(dir, 'items.json').items;
    expect(demoItems.length).toBeGreaterThan(3);
    expect(demoItems.some((i: any) => i.barcode === NEW_ITEM.barcode || i.code === NEW_ITEM.code)).toBe(false);
    const oldName: string = readJson(dir, 'settings.json').company.storeName;
    expect(oldName).not.toBe(NEW_STORE_NAME);

    // Three sessions started together, all running for the whole test.
    const t1 = open(dir, ['--till', 'T1']);
    const t2 = open(dir, ['--till', 'T2']);
    const bo = open(dir, ['--back-office']);
    await Promise.all([t1.waitFor('ENTRY', WAIT), t2.waitFor('ENTRY', WAIT), bo.waitFor('Main Menu', WAIT)]);
    const t1Pid = t1.pid();
    const t2Pid = t2.pid();
    expect(t1Pid).not.toBe(t2Pid);
    // Each till holds its own writer lock; the back office holds none.
    expect(readJson(dir, 'locks/till-T1.lock').pid).toBe(t1Pid);
    expect(readJson(dir, 'locks/till-T2.lock').pid).toBe(t2Pid);
    expect(fs.readdirSync(path.join(dir, 'locks')).filter((f) => f.startsWith('till-')).sort()).toEqual(['till-T1.lock', 'till-T2.lock']);

    // --- 1. Both tills sell at once, keystrokes interleaved. ---
    t1.type('6001000000018\r'); // MILK2L 32.99
    t2.type('6001000000032\r'); // EGGS18 64.99
    t1.type('6001000000025\r'); // BREADB 17.49
    t2.type('6001000000049\r'); // RICE2K 42.99
    await Promise.all([t1.waitFor('Brown bread 700g', WAIT), t2.waitFor('Long grain rice 2kg', WAIT)]);
    const t1Sale = t1.screen();
    const t2Sale = t2.screen();
    expect(t1Sale).toContain('Fresh full cream milk 2L');
    expect(t1Sale).not.toContain('Large eggs 18s');
    expect(t2Sale).toContain('Large eggs 18s');
    expect(t2Sale).not.toContain('Brown bread 700g');
    t1.keys('F2');
    t2.keys('F2');
    await Promise.all([t1.waitFor(/CASH/, WAIT), t2.waitFor(/CASH/, WAIT)]);
    t2.type('C');
    t1.type('C');
    t2.type('200\r');
    t1.type('100\r');
    const [t1Done, t2Done] = await Promise.all([t1.waitFor('Sale T1-000001 complete', WAIT), t2.waitFor('Sale T2-000001 complete', WAIT)]);
    expect(t1Done).toMatch(/49\.52/); // change from 100.00 on 50.48
    expect(t2Done).toMatch(/92\.02/); // change from 200.00 on 107.98
    {
      const j1 = journal(dir, 'T1');
      const j2 = journal(dir, 'T2');
      expect(j1.map((r) => [r.kind, r.doc.saleNumber])).toEqual([['sale', 'T1-000001']]);
      expect(j2.map((r) => [r.kind, r.doc.saleNumber])).toEqual([['sale', 'T2-000001']]);
      expect(j1[0]!.doc.lines.map((l: any) => l.itemCode)).toEqual(['MILK2L', 'BREADB']);
      expect(j2[0]!.doc.lines.map((l: any) => l.itemCode)).toEqual(['EGGS18', 'RICE2K']);
      expect(j1[0]!.doc.total).toBe(5048);
      expect(j2[0]!.doc.total).toBe(10798);
    }
    await Promise.all([nextSale(t1), nextSale(t2)]);

    // The new item is not known yet: the same scan that works later is refused now.
    t1.type(`${NEW_ITEM.barcode}\r`);
    await t1.waitFor(`No item with code or barcode "${NEW_ITEM.barcode}"`, WAIT);

    // --- 2. While both tills are open: back office edits Company Details, and at the same time
    // a one-shot import adds an item. ---
    bo.type('u');
    await bo.waitFor('Main Menu › Utilities', WAIT);
    bo.type('s');
    await bo.waitFor('Company Details  store name', WAIT);
    bo.type('c');
    const form = await bo.waitFor(/>\s+Store name\s+My Store/, WAIT);
    expect(form).toContain('F10 Accept');
    bo.keys('C-u'); // kill line: the field is empty
    bo.type(NEW_STORE_NAME);
    await bo.waitFor(new RegExp(`Store name\\s+${NEW_STORE_NAME}`), WAIT);
    const csv = path.join(path.dirname(dir), 'new-items.csv');
    fs.writeFileSync(csv, `code,barcode,description,price,taxRate\n${NEW_ITEM.code},${NEW_ITEM.barcode},${NEW_ITEM.description},${NEW_ITEM.price},15\n`);
    // F10 and the import go off together: both want the store lock, neither may lose the other's edit.
    bo.keys('F10');
    const imported = cli(['--data', dir, 'import', 'items', csv], { TILLPOINT_NOW: NOW });
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('1 added');
    // Accept leaves the form for the Setup menu (a back-office session's top line says so).
    await bo.waitFor(/Main Menu › Utilities › Setup\s+Back office \| system/, WAIT);
    expect(bo.screen()).not.toContain('Store name');

    const settings = readJson(dir, 'settings.json');
    expect(settings.company.storeName).toBe(NEW_STORE_NAME);
    expect(settings.company.currencySymbol).toBe('R'); // only the changed field was written
    const items: any[] = readJson(dir, 'items.json').items;
    expect(items.map((i) => i.code).sort()).toEqual([...demoItems.map((i) => i.code), NEW_ITEM.code].sort());
    expect(items.find((i) => i.code === NEW_ITEM.code)).toMatchObject({ barcode: NEW_ITEM.barcode, description: NEW_ITEM.description, price: 4500 });

    // The next sale at T1 (never restarted) scans the new item and its slip has the new name.
    t1.type(`${NEW_ITEM.barcode}\r`);
    await t1.waitFor(NEW_ITEM.description, WAIT);
    expect(t1.pid()).toBe(t1Pid);
    const sale2 = await payCash(t1, '50', 'T1-000002');
    expect(sale2).toContain(NEW_STORE_NAME); // the slip on screen
    const slip = fs.readFileSync(path.join(dir, 'slips', DAY, 'T1-000002-40.txt'), 'utf8');
    expect(slip).toContain(NEW_STORE_NAME);
    expect(slip).not.toContain(oldName);
    expect(slip).toContain(NEW_ITEM.description);
    // The first sale's slip was written before the change, with the old name.
    expect(fs.readFileSync(path.join(dir, 'slips', DAY, 'T1-000001-40.txt'), 'utf8')).toContain(oldName);
    {
      const j1 = journal(dir, 'T1');
      expect(j1.map((r) => r.doc.saleNumber)).toEqual(['T1-000001', 'T1-000002']);
      expect(j1[1]!.doc.lines.map((l: any) => l.itemCode)).toEqual([NEW_ITEM.code]);
      expect(j1[1]!.doc).toMatchObject({ total: 4500, change: 500 });
    }
    await nextSale(t1);

    // --- 3. Refund across tills. T1 opens the refund of its first sale and marks line 1; before
    // it confirms, T2 refunds that same line. T1's confirmation is then refused. ---
    t1.keys('F9');
    t2.keys('F9');
    await Promise.all([t1.waitFor(/[Ss]ale number/, WAIT), t2.waitFor(/[Ss]ale number/, WAIT)]);
    t1.type('T1-000001\r');
    t2.type('T1-000001\r');
    await Promise.all([t1.waitFor('Refund of sale T1-000001', WAIT), t2.waitFor('Refund of sale T1-000001', WAIT)]);
    // Line 1 (milk, 32.99) is selected on both; Space marks it.
    t1.keys('Space');
    t2.keys('Space');
    await Promise.all([t1.waitFor(/Returning about \D*32\.99/, WAIT), t2.waitFor(/Returning about \D*32\.99/, WAIT)]);
    t2.keys('Enter');
    await t2.waitFor('Pay back on', WAIT);
    t2.keys('Enter'); // CASH is the default
    await t2.waitFor(/Pay back \D*32\.99 in CASH\? Enter to confirm/, WAIT);
    t2.keys('Enter');
    const refunded = await t2.waitFor('Refund T2-000002', WAIT);
    expect(refunded).toContain('of sale T1-000001');
    {
      const j2 = journal(dir, 'T2');
      expect(j2.map((r) => r.kind)).toEqual(['sale', 'refund']);
      expect(j2[1]!.doc).toMatchObject({ refundNumber: 'T2-000002', saleNumber: 'T1-000001' });
      expect(j2[1]!.doc.lines).toEqual([expect.objectContaining({ lineNo: 1, itemCode: 'MILK2L', qty: 1, value: 3299 })]);
    }
    // T1 still shows the line it loaded as returnable; the engine, reading T2's journal under the
    // store lock, refuses.
    t1.keys('Enter');
    await t1.waitFor('Pay back on', WAIT);
    t1.keys('Enter'); // the exact payout is asked of the engine, which already refuses
    const refused = await t1.waitFor(/already been returned/, WAIT);
    expect(refused).toContain('Line 1');
    expect(refused).not.toMatch(/Refund T1-\d+/);
    // Nothing was recorded at T1, and T1 follows T2's journal: a fresh look shows line 1 as done.
    await escape(t1);
    await t1.waitFor(/[Ss]ale number/, WAIT);
    t1.type('T1-000001\r');
    await t1.waitFor('Refund of sale T1-000001', WAIT);
    t1.keys('Space');
    t1.keys('Enter');
    await t1.waitFor('Mark a line to return', WAIT);

    const all = [...journal(dir, 'T1'), ...journal(dir, 'T2')];
    expect(all.filter((r) => r.kind === 'refund')).toHaveLength(1);
    expect(all.filter((r) => r.kind === 'sale').map((r) => r.doc.saleNumber).sort()).toEqual(['T1-000001', 'T1-000002', 'T2-000001']);
    expect(fs.readdirSync(path.join(dir, 'slips', DAY)).filter((f) => f.endsWith('-40.txt')).sort()).toEqual([
      'T1-000001-40.txt', 'T1-000002-40.txt', 'T2-000001-40.txt', 'T2-000002-40.txt',
    ]);

    // --- 4. A third process for till T1 is refused, naming the T1 session's pid. ---
    const before = fs.readFileSync(path.join(dir, 'journals', 'T1.jsonl'));
    const third = cli(['--data', dir, '--till', 'T1', 'sell', '--item', 'MILK2L', '--tender', 'CASH'], { TILLPOINT_NOW: NOW });
    expect(third.code).toBe(1);
    expect(third.stderr).toContain(String(t1Pid));
    expect(third.stdout).toBe('');
    expect(fs.readFileSync(path.join(dir, 'journals', 'T1.jsonl')).equals(before)).toBe(true);
    expect(readJson(dir, 'locks/till-T1.lock').pid).toBe(t1Pid);
    // The sessions are all still alive and working.
    expect(t1.pid()).toBe(t1Pid);
    expect(t2.pid()).toBe(t2Pid);
    for (const pid of [t1Pid, t2Pid, bo.pid()]) expect(() => process.kill(pid, 0)).not.toThrow();
  });
});
