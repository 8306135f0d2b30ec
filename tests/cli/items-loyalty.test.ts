// Items CSV columns loyalty and loyaltyPercent (Inventory > Extra).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Item } from '../../src/engine/types.js';
import { cli, ITEMS_CSV, snapshotDir, storeWithItems, tempDir } from './run-cli.js';

const LOYALTY_CSV = `code,barcode,description,price,taxRate,loyalty,loyaltyPercent
A1,6001000000011,Apple juice 1L,19.99,15,yes,
B2,6001000000028,Brown bread,17.49,0,no,
C3,6001000000035,Coffee 200g,89.99,15,yes,7.5
D4,,Dates,5.50,15,,
`;

function writeCsv(dir: string, name: string, text: string): string {
  const file = path.join(path.dirname(dir), name);
  fs.writeFileSync(file, text);
  return file;
}

const itemsOf = (dir: string): Item[] => JSON.parse(fs.readFileSync(path.join(dir, 'items.json'), 'utf8')).items;

describe('items CSV loyalty columns', () => {
  it('round-trips, and stores the Extra tab as the engine reads it', () => {
    const dir = path.join(tempDir(), 'store');
    expect(cli(['--data', dir, 'import', 'items', writeCsv(dir, 'i.csv', LOYALTY_CSV)]).code).toBe(0);
    expect(cli(['--data', dir, 'export', 'items']).stdout).toBe(LOYALTY_CSV);
    expect(itemsOf(dir).map((i) => i.loyalty)).toEqual([
      { loyaltyApplicable: true }, { loyaltyApplicable: false }, { loyaltyApplicable: true, loyaltyRate: 750 }, undefined,
    ]);
  });

  it('a store without item loyalty exports the file it always did', () => {
    expect(cli(['--data', storeWithItems(), 'export', 'items']).stdout).toBe(ITEMS_CSV);
  });

  it('refuses a bad yes/no, a bad percentage and a percentage without loyalty=yes, by line, changing nothing', () => {
    const dir = storeWithItems();
    const before = snapshotDir(dir);
    const file = writeCsv(dir, 'bad.csv', 'code,description,price,loyalty,loyaltyPercent\nX1,A,1.00,no,5\nX2,B,1.00,,5\nX3,C,1.00,maybe,\nX4,D,1.00,yes,101\nX5,E,1.00,yes,2.5\n');
    const r = cli(['--data', dir, 'import', 'items', file]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n').map((l) => l.replace(`tillpoint: ${file}: `, ''))).toEqual([
      'line 2: loyaltyPercent: is allowed only with loyalty=yes on the same row',
      'line 3: loyaltyPercent: is allowed only with loyalty=yes on the same row',
      'line 4: loyalty: must be yes or no (got "maybe")',
      'line 5: loyaltyPercent: Enter a percentage from 0 to 100 with at most 2 decimals, e.g. 15 or 2.5 (got "101")',
    ]);
    expect(snapshotDir(dir)).toEqual(before);
  });

  it('an update keeps the loyalty settings of columns the file leaves out', () => {
    const dir = path.join(tempDir(), 'store');
    expect(cli(['--data', dir, 'import', 'items', writeCsv(dir, 'i.csv', LOYALTY_CSV)]).code).toBe(0);
    // No loyalty columns: both kept. loyalty=yes without the loyaltyPercent column: the own rate kept.
    expect(cli(['--data', dir, 'import', 'items', writeCsv(dir, 'u1.csv', 'code,description,price\nC3,Coffee 250g,99.99\n')]).code).toBe(0);
    expect(cli(['--data', dir, 'import', 'items', writeCsv(dir, 'u2.csv', 'code,description,price,loyalty\nC3,Coffee 250g,99.99,yes\nB2,Brown bread,17.49,yes\n')]).code).toBe(0);
    let items = itemsOf(dir);
    expect(items[2]).toMatchObject({ description: 'Coffee 250g', loyalty: { loyaltyApplicable: true, loyaltyRate: 750 } });
    expect(items[1]!.loyalty).toEqual({ loyaltyApplicable: true });
    // An empty loyaltyPercent cell next to loyalty=yes drops the own rate; loyalty=no drops it too.
    expect(cli(['--data', dir, 'import', 'items', writeCsv(dir, 'u3.csv', 'code,description,price,loyalty,loyaltyPercent\nC3,Coffee 250g,99.99,yes,\nA1,Apple juice 1L,19.99,no,\n')]).code).toBe(0);
    items = itemsOf(dir);
    expect(items[2]!.loyalty).toEqual({ loyaltyApplicable: true });
    expect(items[0]!.loyalty).toEqual({ loyaltyApplicable: false });
  });

  it('the demo items are mostly loyalty-applicable, some not, one with its own percentage', () => {
    const dir = path.join(tempDir(), 'demo');
    expect(cli(['--data', dir, 'init', '--demo']).code).toBe(0);
    const items = itemsOf(dir);
    const on = items.filter((i) => i.loyalty?.loyaltyApplicable);
    expect(on.length).toBeGreaterThan(items.length / 2);
    expect(items.some((i) => i.loyalty?.loyaltyApplicable === false)).toBe(true);
    expect(on.filter((i) => i.loyalty?.loyaltyRate !== undefined)).toHaveLength(1);
  });
});
