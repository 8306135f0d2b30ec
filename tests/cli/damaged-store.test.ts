// A damaged store is never silently "repaired" into something else: a torn journal tail goes to
// .rejected with a warning, a corrupt middle line is reported and skipped, an empty document is
// restored from its .bak loudly, and without a .bak the command is refused, changing nothing.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, snapshotDir, storeWithItems } from './run-cli.js';

function sell(dir: string, item = 'A1') {
  const r = cli(['--data', dir, 'sell', '--item', item, '--tender', 'CASH', '--json']);
  expect(r.stderr).toBe('');
  return r.json().saleNumber as string;
}

describe('a damaged store', () => {
  it('moves a torn last journal line to .rejected and keeps every record before it', () => {
    const dir = storeWithItems();
    sell(dir);
    sell(dir);
    const file = path.join(dir, 'journals', 'T1.jsonl');
    fs.appendFileSync(file, '0badc0de {"v":1,"seq":3,"till":"T1","kind":"sa'); // power cut mid-write
    const r = cli(['--data', dir, 'sell', '--item', 'B2', '--tender', 'CASH', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/T1\.jsonl/);
    expect(r.stderr).toMatch(/rejected/i);
    expect(r.json().saleNumber).toBe('T1-000003');
    expect(fs.readFileSync(`${file}.rejected`, 'utf8')).toContain('"seq":3,"till":"T1","kind":"sa');
    const numbers = cli(['--data', dir, 'sales', '--json']).json().map((s: any) => s.saleNumber);
    expect(numbers).toEqual(['T1-000001', 'T1-000002', 'T1-000003']);
  });

  it('reports a corrupt line in the middle of a journal, skips it and keeps the file as it is', () => {
    const dir = storeWithItems();
    sell(dir);
    sell(dir);
    sell(dir);
    const file = path.join(dir, 'journals', 'T1.jsonl');
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    lines[1] = lines[1]!.replace('"qty":1', '"qty":9'); // checksum no longer matches
    fs.writeFileSync(file, lines.join('\n'));
    const before = fs.readFileSync(file);
    const r = cli(['--data', dir, 'sales', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/T1\.jsonl/);
    expect(r.json().map((s: any) => s.saleNumber)).toEqual(['T1-000001', 'T1-000003']);
    expect(fs.readFileSync(file)).toEqual(before);
  });

  it('restores an emptied document from its .bak, loudly', () => {
    const dir = storeWithItems();
    const csv = path.join(path.dirname(dir), 'more.csv');
    fs.writeFileSync(csv, 'code,description,price\nD4,Dates,5.00\n');
    expect(cli(['--data', dir, 'import', 'items', csv]).code).toBe(0); // leaves the 3-item copy as .bak
    fs.writeFileSync(path.join(dir, 'items.json'), '');
    const r = cli(['--data', dir, 'export', 'items']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/items\.json/);
    expect(r.stdout).toContain('A1,6001000000011');
  });

  it('refuses an unreadable document that has no good copy, naming it, and changes nothing', () => {
    const dir = storeWithItems();
    fs.rmSync(path.join(dir, 'items.json.bak'), { force: true });
    fs.writeFileSync(path.join(dir, 'items.json'), '{"schemaVersion":1,"items":[{"code":');
    const before = snapshotDir(dir);
    const r = cli(['--data', dir, 'sell', '--item', 'A1', '--tender', 'CASH']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/items\.json/);
    expect(snapshotDir(dir)).toEqual(before);
  });

  it('refuses a document that fails validation, naming the file and the field', () => {
    const dir = storeWithItems();
    const file = path.join(dir, 'items.json');
    const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    doc.items[1].price = 17.49;
    fs.writeFileSync(file, JSON.stringify(doc));
    const before = snapshotDir(dir);
    const r = cli(['--data', dir, 'export', 'items']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/items\.json: items\[1\]\.price/);
    expect(snapshotDir(dir)).toEqual(before);
  });

  it('refuses a document from a newer tillpoint', () => {
    const dir = storeWithItems();
    const file = path.join(dir, 'tenders.json');
    const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    doc.schemaVersion = 99;
    fs.writeFileSync(file, JSON.stringify(doc));
    const r = cli(['--data', dir, 'sales']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/tenders\.json.*99/);
  });
});
