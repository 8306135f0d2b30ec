import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ITEMS_CSV, snapshotDir, storeWithItems, tempDir } from './run-cli.js';

describe('tillpoint import/export items', () => {
  it('a missing --data folder becomes an empty store with working defaults', () => {
    const dir = path.join(tempDir(), 'new-store');
    const r = cli(['--data', dir, 'export', 'items']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe('code,barcode,description,price,taxRate');
    const tenders = JSON.parse(fs.readFileSync(path.join(dir, 'tenders.json'), 'utf8')).tenders.map((t: any) => [t.code, t.kind]);
    expect(tenders).toEqual([
      ['CASH', 'cash'],
      ['CARD', 'card'],
      ['ACC', 'account'],
      ['LOY', 'loyalty'],
    ]);
  });

  it('init --demo fills a store that can sell', () => {
    const dir = path.join(tempDir(), 'demo');
    expect(cli(['--data', dir, 'init', '--demo']).code).toBe(0);
    const sale = cli(['--data', dir, 'sell', '--item', 'MILK2L', '--tender', 'CASH', '--json']);
    expect(sale.code).toBe(0);
    expect(sale.json().total).toBe(3299);
  });

  it('round-trips: export writes the import format', () => {
    const dir = storeWithItems();
    const out = cli(['--data', dir, 'export', 'items']);
    expect(out.code).toBe(0);
    expect(out.stdout).toBe(ITEMS_CSV);
  });

  it('refuses a file with bad rows, reporting every one by line, and imports nothing', () => {
    const dir = storeWithItems();
    const before = snapshotDir(dir);
    const csv = path.join(path.dirname(dir), 'bad.csv');
    fs.writeFileSync(csv, 'code,description,price,taxRate\nOK1,Fine,1.00,15\nBAD,,abc,15\nOK1,Again,2.00,15\nX9,Bad rate,1.00,150\n');
    const r = cli(['--data', dir, 'import', 'items', csv]);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines.some((l) => /line 3: .*description/.test(l))).toBe(true);
    expect(lines.some((l) => /line 3: price/.test(l))).toBe(true);
    expect(lines.some((l) => /line 4: code OK1 already given on line 2/.test(l))).toBe(true);
    expect(lines.some((l) => /line 5: taxRate/.test(l))).toBe(true);
    expect(snapshotDir(dir)).toEqual(before);
  });

  it('refuses unknown and missing columns', () => {
    const dir = storeWithItems();
    const csv = path.join(path.dirname(dir), 'cols.csv');
    fs.writeFileSync(csv, 'code,price,colour\nA,1.00,red\n');
    const r = cli(['--data', dir, 'import', 'items', csv]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/unknown column colour/);
    expect(r.stderr).toMatch(/missing column description/);
  });

  it('updates existing codes and adds new ones', () => {
    const dir = storeWithItems();
    const csv = path.join(path.dirname(dir), 'upd.csv');
    fs.writeFileSync(csv, 'description,code,price\nApple juice 2L,A1,29.99\nDates,D4,5.5\n');
    const r = cli(['--data', dir, 'import', 'items', csv, '--json']);
    expect(r.json()).toEqual({ added: 1, updated: 1 });
    const out = cli(['--data', dir, 'export', 'items']).stdout;
    expect(out).toContain('A1,6001000000011,Apple juice 2L,29.99,15');
    expect(out).toContain('D4,,Dates,5.50,15');
  });
});
