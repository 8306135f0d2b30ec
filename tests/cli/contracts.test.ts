import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Contract } from '../../src/engine/loyalty/types.js';
import { cli, snapshotDir, storeWithItems, tempDir } from './run-cli.js';

const CONTRACTS_CSV = `debtor,item,price,excludeFromRebates
D1,A1,17.99,no
D1,C3,79.00,yes
D2,A1,18.50,no
`;

function writeCsv(dir: string, name: string, text: string): string {
  const file = path.join(path.dirname(dir), name);
  fs.writeFileSync(file, text);
  return file;
}

/** Items A1, B2, C3 and debtors D1, D2. */
function storeWithDebtors(): string {
  const dir = storeWithItems();
  const debtors = writeCsv(dir, 'debtors.csv', 'code,name\nD1,Thandi Mokoena\nD2,Acme Catering\n');
  const r = cli(['--data', dir, 'import', 'debtors', debtors]);
  if (r.code !== 0) throw new Error(`import failed: ${r.stderr}`);
  return dir;
}

function storeWithContracts(): string {
  const dir = storeWithDebtors();
  const r = cli(['--data', dir, 'import', 'contracts', writeCsv(dir, 'contracts.csv', CONTRACTS_CSV)]);
  if (r.code !== 0) throw new Error(`import failed: ${r.stderr}`);
  return dir;
}

const contractsOf = (dir: string): Contract[] => JSON.parse(fs.readFileSync(path.join(dir, 'contracts.json'), 'utf8')).contracts;

describe('tillpoint import/export contracts', () => {
  it('round-trips: export writes the import format', () => {
    const dir = storeWithContracts();
    const out = cli(['--data', dir, 'export', 'contracts']);
    expect(out.code).toBe(0);
    expect(out.stdout).toBe(CONTRACTS_CSV);
    expect(contractsOf(dir)).toEqual([
      { debtor: 'D1', item: 'A1', price: 1799, excludeFromRebates: false },
      { debtor: 'D1', item: 'C3', price: 7900, excludeFromRebates: true },
      { debtor: 'D2', item: 'A1', price: 1850, excludeFromRebates: false },
    ]);
  });

  it('refuses every kind of bad row, each by line, and changes nothing', () => {
    const dir = storeWithContracts();
    const before = snapshotDir(dir);
    const file = writeCsv(dir, 'bad.csv', `debtor,item,price,excludeFromRebates
D2,B2,10.00,no
ZZ,NOPE,-1,maybe
D2,B2,11.00,
,,,
D1,A1,1.999,yes
`);
    const r = cli(['--data', dir, 'import', 'contracts', file]);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n').map((l) => l.replace(`tillpoint: ${file}: `, ''));
    expect(lines).toEqual([
      'line 3: debtor: no debtor with code ZZ: import it with tillpoint import debtors first',
      'line 3: item: no item with code NOPE: import it with tillpoint import items first',
      'line 3: price: Amount cannot be negative: enter an amount like 19.99 (at most 2 decimals) (got "-1")',
      'line 3: excludeFromRebates: must be yes or no (got "maybe")',
      'line 4: item: debtor D2 and item B2 already given on line 2',
      'line 5: debtor: is required (a debtor code)',
      'line 5: item: is required (an item code)',
      'line 5: price: Enter an amount like 19.99 (at most 2 decimals) (got "")',
      'line 6: price: Enter an amount like 19.99 (at most 2 decimals) (got "1.999")',
    ]);
    expect(snapshotDir(dir)).toEqual(before);
  });

  it('refuses contracts for debtors that do not exist yet', () => {
    const dir = storeWithItems();
    const before = snapshotDir(dir);
    const r = cli(['--data', dir, 'import', 'contracts', writeCsv(dir, 'c.csv', CONTRACTS_CSV)]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(3);
    expect(r.stderr).toMatch(/line 2: debtor: no debtor with code D1/);
    expect(snapshotDir(dir)).toEqual(before);
  });

  it('refuses unknown and missing columns', () => {
    const dir = storeWithContracts();
    const before = snapshotDir(dir);
    const r = cli(['--data', dir, 'import', 'contracts', writeCsv(dir, 'cols.csv', 'debtor,item,discount\nD1,A1,5\n')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/line 1: unknown column discount/);
    expect(r.stderr).toMatch(/line 1: missing column price/);
    expect(snapshotDir(dir)).toEqual(before);
  });

  it('updates existing contracts keeping excludeFromRebates when the file leaves it out, and adds new ones', () => {
    const dir = storeWithContracts();
    const file = writeCsv(dir, 'upd.csv', 'price,item,debtor\n75.00,C3,D1\n16.00,B2,D2\n');
    const r = cli(['--data', dir, 'import', 'contracts', file, '--json']);
    expect(r.json()).toEqual({ added: 1, updated: 1 });
    expect(contractsOf(dir)).toEqual([
      { debtor: 'D1', item: 'A1', price: 1799, excludeFromRebates: false },
      { debtor: 'D1', item: 'C3', price: 7500, excludeFromRebates: true },
      { debtor: 'D2', item: 'A1', price: 1850, excludeFromRebates: false },
      { debtor: 'D2', item: 'B2', price: 1600, excludeFromRebates: false },
    ]);
    // An empty cell keeps the contract's setting too; a given one replaces it.
    const again = writeCsv(dir, 'again.csv', 'debtor,item,price,excludeFromRebates\nD1,C3,75.00,\nD1,A1,17.99,YES\n');
    expect(cli(['--data', dir, 'import', 'contracts', again]).code).toBe(0);
    expect(contractsOf(dir).slice(0, 2).map((c) => c.excludeFromRebates)).toEqual([true, true]);
  });

  it('an empty store exports the header only', () => {
    const dir = path.join(tempDir(), 'empty');
    expect(cli(['--data', dir, 'export', 'contracts']).stdout).toBe('debtor,item,price,excludeFromRebates\n');
  });

  it('the demo store ships contracts of both Exclude from Rebates values, for its own debtors and items', () => {
    const dir = path.join(tempDir(), 'demo');
    expect(cli(['--data', dir, 'init', '--demo']).code).toBe(0);
    const contracts = contractsOf(dir);
    expect(contracts.length).toBeGreaterThanOrEqual(3);
    expect(new Set(contracts.map((c) => c.excludeFromRebates))).toEqual(new Set([true, false]));
    const debtors = new Set(JSON.parse(fs.readFileSync(path.join(dir, 'debtors.json'), 'utf8')).debtors.map((d: { code: string }) => d.code));
    const items = new Set(JSON.parse(fs.readFileSync(path.join(dir, 'items.json'), 'utf8')).items.map((i: { code: string }) => i.code));
    for (const c of contracts) {
      expect(debtors.has(c.debtor)).toBe(true);
      expect(items.has(c.item)).toBe(true);
    }
  });
});
