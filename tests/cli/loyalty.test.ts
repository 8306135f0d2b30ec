// `tillpoint sell --debtor` and `tillpoint loyalty DEBTOR`, run through the built bundle.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from './run-cli.js';

const NOW = { TILLPOINT_NOW: '2026-05-04T08:00:00+02:00' };
const LATER = { TILLPOINT_NOW: '2026-05-04T09:00:00+02:00' };

function storeWithLoyalty(): string {
  const dir = path.join(tempDir(), 'store');
  const write = (name: string, text: string) => {
    const file = path.join(path.dirname(dir), name);
    fs.writeFileSync(file, text);
    return file;
  };
  const imports: [string, string, string][] = [
    ['items', 'items.csv', 'code,barcode,description,price,taxRate,loyalty,loyaltyPercent\nA1,,Apple juice,19.99,15,yes,\nN1,,Newspaper,10.00,0,no,\n'],
    ['debtors', 'debtors.csv', 'code,name,cellphone,email,loyaltyApplicable,excludeFromContracts,target1,percent1,target2,percent2,target3,percent3,target4,percent4\n'
      + 'D1,Thandi Mokoena,,,monthly-payment,no,200,2.5,500,3,1000,4,2000,5\n'],
    ['contracts', 'contracts.csv', 'debtor,item,price,excludeFromRebates\nD1,A1,17.99,no\n'],
  ];
  for (const [kind, name, text] of imports) {
    const r = cli(['--data', dir, 'import', kind, write(name, text)], NOW);
    if (r.code !== 0) throw new Error(`import ${kind} failed: ${r.stderr}`);
  }
  return dir;
}

describe('tillpoint sell --debtor / loyalty', () => {
  it('prices by contract and reports the loyalty rate and credit in the sale JSON', () => {
    const dir = storeWithLoyalty();
    const r = cli(['--data', dir, 'sell', '--debtor', 'D1', '--item', 'A1x2', '--item', 'N1', '--tender', 'CARD', '--json'], LATER);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const sale = r.json();
    expect(sale.debtor).toBe('D1');
    expect(sale.lines.map((l: any) => [l.code, l.unitPrice, l.value, l.loyaltyRate])).toEqual([
      ['A1', 1799, 3598, 250],
      ['N1', 1000, 1000, 0],
    ]);
    expect(sale.loyaltyRate).toBe(250);
    // 35.98 x 2.5% = 0.8995 -> 0.90, rounded once per sale.
    expect(sale.loyaltyEarned).toBe(90);
    const plain = cli(['--data', dir, 'sell', '--item', 'A1', '--tender', 'CASH', '--json'], LATER).json();
    expect(plain).toMatchObject({ debtor: null, loyaltyRate: 0, loyaltyEarned: 0 });
    expect(plain.lines[0]).toMatchObject({ unitPrice: 1999, loyaltyRate: 0 });
  });

  it('prints the balances and rows of a debtor', () => {
    const dir = storeWithLoyalty();
    cli(['--data', dir, 'sell', '--debtor', 'd1', '--item', 'A1x2', '--tender', 'CARD'], LATER);
    const r = cli(['--data', dir, 'loyalty', 'D1', '--json'], LATER);
    expect(r.code).toBe(0);
    const out = r.json();
    expect(Object.keys(out)).toEqual(expect.arrayContaining(['monthToDate', 'pendingAccrual', 'accrued', 'redeemed', 'available', 'rows']));
    expect(out).toMatchObject({ monthToDate: 90, pendingAccrual: 0, accrued: 0, redeemed: 0, available: 0 });
    expect(out.rows).toEqual([expect.objectContaining({ kind: 'earn', debtor: 'D1', amount: 90, source: 'T1-000001' })]);
    // A month later the credit waits for Accrue Loyalties.
    expect(cli(['--data', dir, 'loyalty', 'D1', '--json'], { TILLPOINT_NOW: '2026-06-02T09:00:00+02:00' }).json())
      .toMatchObject({ monthToDate: 0, pendingAccrual: 90 });
    expect(cli(['--data', dir, 'loyalty', 'D1'], LATER).stdout).toMatch(/Loyalties Month to Date\s+R0\.90/);
  });

  it('refuses an unknown debtor and the loyalty tender below the first target, recording nothing', () => {
    const dir = storeWithLoyalty();
    const unknown = cli(['--data', dir, 'sell', '--debtor', 'NOPE', '--item', 'A1', '--tender', 'CASH'], LATER);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/No debtor/);
    const loy = cli(['--data', dir, 'sell', '--debtor', 'D1', '--item', 'A1', '--tender', 'LOY:1.00'], LATER);
    expect(loy.code).toBe(1);
    expect(loy.stderr).toMatch(/Loyalty refused: below the first target/);
    expect(cli(['--data', dir, 'loyalty', 'NOPE']).code).toBe(1);
    expect(fs.existsSync(path.join(dir, 'journals', 'T1.jsonl'))).toBe(false);
  });
});
