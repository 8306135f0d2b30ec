import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, snapshotDir, storeWithItems } from './run-cli.js';

describe('tillpoint sell / refund / sales', () => {
  it('records a sale as the till would and prints its JSON', () => {
    const dir = storeWithItems();
    const r = cli(['--data', dir, 'sell', '--item', 'A1x2', '--item', '6001000000028', '--tender', 'CASH:100', '--json'], { TILLPOINT_NOW: '2026-03-01T10:00:00+02:00' });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const sale = r.json();
    expect(sale.saleNumber).toBe('T1-000001');
    expect(sale.lines.map((l: any) => [l.code, l.qty, l.value])).toEqual([
      ['A1', 2, 3998],
      ['B2', 1, 1749],
    ]);
    expect(sale.total).toBe(5747);
    // 15% VAT included in 39.98: 39.98 * 15 / 115 = 5.2147 -> 5.21; bread is zero-rated.
    expect(sale.tax).toBe(521);
    expect(sale.tenders).toEqual([{ tender: 'CASH', kind: 'cash', amount: 10000 }]);
    expect(sale.change).toBe(10000 - 5747);
    const journal = fs.readFileSync(path.join(dir, 'journals', 'T1.jsonl'), 'utf8').trim().split('\n');
    expect(journal).toHaveLength(1);
    expect(journal[0]).toContain('"saleNumber":"T1-000001"');
    expect(fs.existsSync(path.join(dir, 'slips', '2026-03-01', 'T1-000001-40.txt'))).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'slips', '2026-03-01', 'T1-000001-80.txt'), 'utf8')).toContain('Apple juice 1L');
  });

  it('numbers sales per till, unique across tills, and lists them', () => {
    const dir = storeWithItems();
    expect(cli(['--data', dir, 'sell', '--item', 'A1', '--tender', 'cash', '--json']).json().saleNumber).toBe('T1-000001');
    expect(cli(['--data', dir, '--till', 'T2', 'sell', '--item', 'A1', '--tender', 'card', '--json']).json().saleNumber).toBe('T2-000001');
    expect(cli(['--data', dir, 'sell', '--item', 'C3', '--tender', 'CARD', '--json']).json().saleNumber).toBe('T1-000002');
    const list = cli(['--data', dir, 'sales', '--json']).json();
    expect(list.map((s: any) => s.saleNumber).sort()).toEqual(['T1-000001', 'T1-000002', 'T2-000001']);
  });

  it('refunds part of a sale, then refuses to return more than was sold over all refunds', () => {
    const dir = storeWithItems();
    cli(['--data', dir, 'sell', '--item', 'A1x3', '--item', 'B2', '--tender', 'CASH']);
    const first = cli(['--data', dir, '--till', 'T2', 'refund', 'T1-000001', '--line', '1x2', '--json']);
    expect(first.code).toBe(0);
    expect(first.json()).toMatchObject({ saleNumber: 'T1-000001', refundNumber: 'T2-000001', total: 3998 });
    const before = snapshotDir(dir);
    const over = cli(['--data', dir, 'refund', 'T1-000001', '--line', '1x2', '--json']);
    expect(over.code).toBe(1);
    expect(over.stderr).toMatch(/line 1/i);
    expect(over.json().error).toBeTruthy();
    expect(snapshotDir(dir)).toEqual(before);
    const rest = cli(['--data', dir, 'refund', 'T1-000001', '--json']);
    expect(rest.code).toBe(0);
    expect(rest.json().total).toBe(1999 + 1749);
    expect(cli(['--data', dir, 'refund', 'T1-000001']).code).toBe(1);
  });

  it.each([
    [['sell', '--item', 'NOPE', '--tender', 'CASH'], /NOPE/],
    [['sell', '--item', 'A1x0', '--tender', 'CASH'], /quantity/i],
    [['sell', '--item', 'A1x-2', '--tender', 'CASH'], /quantity.*-2/i],
    [['sell', '--item', 'A1x1.5', '--tender', 'CASH'], /quantity.*1\.5/i],
    [['sell', '--item', 'A1', '--tender', 'CASH:5'], /short tender|still due/i],
    [['sell', '--item', 'A1', '--tender', 'CARD:50'], /cash only|at most/i],
    [['sell', '--item', 'A1', '--tender', 'CASH:abc'], /amount|decimal/i],
    [['sell', '--item', 'A1', '--tender', 'GOLD'], /GOLD/],
    [['refund', 'T9-000123'], /T9-000123/],
  ])('refuses %j with a clear message and changes nothing', (args, message) => {
    const dir = storeWithItems();
    const before = snapshotDir(dir);
    const r = cli(['--data', dir, ...args]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(snapshotDir(dir)).toEqual(before);
  });

  it('exits 2 on usage errors', () => {
    const dir = storeWithItems();
    expect(cli(['--data', dir, 'sell', '--item', 'A1']).code).toBe(2);
    expect(cli(['--data', dir, 'frobnicate']).code).toBe(2);
    expect(cli(['--data', dir, 'sell', '--bogus']).code).toBe(2);
  });
});

describe('till ids on the command line', () => {
  it('are taken in any case as the upper-case till, and its sales refund by either spelling', () => {
    const dir = storeWithItems();
    const sale = cli(['--data', dir, '--till', 't2', 'sell', '--item', 'A1', '--tender', 'CASH', '--json']).json();
    expect(sale.saleNumber).toBe('T2-000001');
    const refund = cli(['--data', dir, 'refund', 't2-000001', '--json']);
    expect(refund.code).toBe(0);
    expect(refund.json()).toMatchObject({ saleNumber: 'T2-000001', total: 1999 });
  });
});
