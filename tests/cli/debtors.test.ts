import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeDebtors, parseDebtorsCsv } from '../../src/cli/debtors-csv.js';
import type { Debtor } from '../../src/store/index.js';
import { cli, snapshotDir, tempDir } from './run-cli.js';

const HEADER = 'code,name,cellphone,email,loyaltyApplicable,excludeFromContracts,target1,percent1,target2,percent2,target3,percent3,target4,percent4';
export const DEBTORS_CSV = `${HEADER}
D1,Thandi Mokoena,+27821234567,thandi@example.co.za,monthly-payment,no,200.00,2.5,500.00,3,1000.00,4,2000.00,5
D2,"Acme Catering, Ltd",0115550100,accounts@acme.example.co.za,quarterly-journal,yes,1000.00,1,,,,,,
D3,Johan Botha,,,no,no,,,,,,,,
`;
const NOW = '2026-03-01T09:00:00+02:00';

function writeCsv(dir: string, name: string, text: string): string {
  const file = path.join(path.dirname(dir), name);
  fs.writeFileSync(file, text);
  return file;
}

function storeWithDebtors(): string {
  const dir = path.join(tempDir(), 'store');
  const r = cli(['--data', dir, 'import', 'debtors', writeCsv(dir, 'debtors.csv', DEBTORS_CSV)], { TILLPOINT_NOW: NOW });
  if (r.code !== 0) throw new Error(`import failed: ${r.stderr}`);
  return dir;
}

const debtorsOf = (dir: string): Debtor[] => JSON.parse(fs.readFileSync(path.join(dir, 'debtors.json'), 'utf8')).debtors;

describe('tillpoint import/export debtors', () => {
  it('round-trips: export writes the import format', () => {
    const dir = storeWithDebtors();
    const out = cli(['--data', dir, 'export', 'debtors']);
    expect(out.code).toBe(0);
    expect(out.stdout).toBe(DEBTORS_CSV);
    const file = path.join(path.dirname(dir), 'out.csv');
    expect(cli(['--data', dir, 'export', 'debtors', '--out', file]).code).toBe(0);
    expect(fs.readFileSync(file, 'utf8')).toBe(DEBTORS_CSV);
  });

  it('stores the Loyalty tab as the engine reads it, switched on at the import instant', () => {
    const [d1, d2, d3] = debtorsOf(storeWithDebtors());
    expect(d1).toMatchObject({
      code: 'D1', name: 'Thandi Mokoena', cellphone: '+27821234567', account: { creditLimit: 0, onHold: false },
      loyalty: { applicable: 'monthly-payment', excludeFromContracts: false, tiers: [
        { target: 20000, rate: 250 }, { target: 50000, rate: 300 }, { target: 100000, rate: 400 }, { target: 200000, rate: 500 },
      ] },
    });
    // TILLPOINT_NOW starts the clock there; it then runs forward, so allow the run's few seconds.
    const on = Date.parse(d1!.loyalty.switchedOnAt!);
    expect(on - Date.parse(NOW)).toBeGreaterThanOrEqual(0);
    expect(on - Date.parse(NOW)).toBeLessThan(30_000);
    expect(d2!.loyalty).toMatchObject({ excludeFromContracts: true, tiers: [{ target: 100000, rate: 100 }] });
    expect(d3!.loyalty).toEqual({ applicable: 'no', excludeFromContracts: false, tiers: [], switchedOnAt: null });
  });

  it('refuses every kind of bad row, each by line, and changes nothing', () => {
    const dir = storeWithDebtors();
    const before = snapshotDir(dir);
    const file = writeCsv(dir, 'bad.csv', `${HEADER}
N1,Fine,,,no,no,,,,,,,,
bad code!,,123,not-an-email,weekly,maybe,,,,,,,,
N3,Down,,,monthly-journal,no,200,2.5,500,3,400,4,,
N4,Gap,,,monthly-journal,no,200,2.5,,,1000,4,,
N5,Halves,,,monthly-journal,no,200,150,300,,x,2,,
N1,Again,,,,,,,,,,,,
N7,${'x'.repeat(61)},+2782123456789012,a@b,,,,,,,,,,
`);
    const r = cli(['--data', dir, 'import', 'debtors', file, '--json']);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n').map((l) => l.replace(`tillpoint: ${file}: `, ''));
    expect(lines).toEqual([
      'line 3: code: "bad code!" must be 1-32 letters, digits or . _ -',
      'line 3: name: is required',
      'line 3: cellphone: "123" must be 7-15 digits with an optional leading +, e.g. +27821234567 (empty when none)',
      'line 3: email: "not-an-email" is not an email address like name@example.co.za (empty when none)',
      'line 3: loyaltyApplicable: must be one of no, monthly-journal, quarterly-journal, yearly-journal, monthly-payment, quarterly-payment (got "weekly")',
      'line 3: excludeFromContracts: must be yes or no (got "maybe")',
      'line 4: target3: must be more than target2 (R500.00): targets ascend strictly',
      'line 5: target2: is empty but tier 3 is set: fill the targets in order from target1',
      'line 6: percent1: enter a percentage from 0 to 100 with at most 2 decimals, e.g. 15 or 2.5 (got "150")',
      'line 6: percent2: is needed with target2: enter a percentage from 0 to 100, e.g. 2.5',
      'line 6: target3: enter an amount like 19.99 (at most 2 decimals) (got "x")',
      'line 7: code: N1 already given on line 2',
      'line 8: name: is longer than 60 characters',
      'line 8: cellphone: "+2782123456789012" must be 7-15 digits with an optional leading +, e.g. +27821234567 (empty when none)',
      'line 8: email: "a@b" is not an email address like name@example.co.za (empty when none)',
    ]);
    expect(r.json().problems).toHaveLength(15);
    expect(snapshotDir(dir)).toEqual(before);
  });

  it('refuses unknown and missing columns', () => {
    const dir = storeWithDebtors();
    const before = snapshotDir(dir);
    const r = cli(['--data', dir, 'import', 'debtors', writeCsv(dir, 'cols.csv', 'code,phone,target5\nD9,0821234567,1\n')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/line 1: unknown columns phone, target5/);
    expect(r.stderr).toMatch(/line 1: missing column name/);
    expect(snapshotDir(dir)).toEqual(before);
  });

  it('updates existing codes keeping the fields of columns the file leaves out, and adds new ones', () => {
    const dir = storeWithDebtors();
    // Fields the file cannot carry (Account tab, a later version's extras) must survive too.
    const f = path.join(dir, 'debtors.json');
    const doc = JSON.parse(fs.readFileSync(f, 'utf8'));
    doc.debtors[0].account = { creditLimit: 500000, onHold: true };
    doc.debtors[0].addedLater = 'kept';
    fs.writeFileSync(f, JSON.stringify(doc));
    const switchedOn = doc.debtors[0].loyalty.switchedOnAt;
    const file = writeCsv(dir, 'upd.csv', 'name,code,percent2\nThandi M,D1,3.5\nNew One,D4,\n');
    const r = cli(['--data', dir, 'import', 'debtors', file, '--json'], { TILLPOINT_NOW: '2026-04-01T09:00:00+02:00' });
    expect(r.stderr).toBe('');
    expect(r.json()).toEqual({ added: 1, updated: 1 });
    const [d1, , , d4] = debtorsOf(dir);
    expect(d1).toMatchObject({ name: 'Thandi M', cellphone: '+27821234567', email: 'thandi@example.co.za', account: { creditLimit: 500000, onHold: true }, addedLater: 'kept' });
    expect(d1!.loyalty.tiers.map((t) => t.rate)).toEqual([250, 350, 400, 500]);
    expect(d1!.loyalty.switchedOnAt).toBe(switchedOn); // still on: the switch-on time stays
    expect(d4).toMatchObject({ code: 'D4', name: 'New One', cellphone: '', email: '', loyalty: { applicable: 'no', tiers: [] } });
  });

  it('records a new switch-on time only when loyalty goes from no to on', () => {
    const dir = storeWithDebtors();
    const later = '2026-05-10T12:00:00Z';
    const file = writeCsv(dir, 'on.csv', 'code,name,loyaltyApplicable,target1,percent1\nD3,Johan Botha,yearly-journal,0,1\nD1,Thandi Mokoena,no,200,2.5\n');
    expect(cli(['--data', dir, 'import', 'debtors', file], { TILLPOINT_NOW: later }).code).toBe(0);
    const [d1, , d3] = debtorsOf(dir);
    expect(d1!.loyalty).toMatchObject({ applicable: 'no', switchedOnAt: null });
    expect(Date.parse(d3!.loyalty.switchedOnAt!) - Date.parse(later)).toBeLessThan(30_000);
    expect(Date.parse(d3!.loyalty.switchedOnAt!)).toBeGreaterThanOrEqual(Date.parse(later));
  });

  it('an empty store exports the header only; a missing file is refused', () => {
    const dir = path.join(tempDir(), 'empty');
    expect(cli(['--data', dir, 'export', 'debtors']).stdout).toBe(`${HEADER}\n`);
    const r = cli(['--data', dir, 'import', 'debtors', path.join(dir, 'nope.csv')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot read .*nope\.csv: ENOENT/);
    expect(cli(['--data', dir, 'export', 'creditors']).code).toBe(2);
  });

  it('the demo store ships debtors for every Loyalty Applicable option, the seed example among them', () => {
    const dir = path.join(tempDir(), 'demo');
    expect(cli(['--data', dir, 'init', '--demo']).code).toBe(0);
    const debtors = debtorsOf(dir);
    expect(debtors.length).toBeGreaterThanOrEqual(8);
    expect(new Set(debtors.map((d) => d.loyalty.applicable))).toEqual(new Set(['no', 'monthly-journal', 'quarterly-journal', 'yearly-journal', 'monthly-payment', 'quarterly-payment']));
    expect(debtors.some((d) => JSON.stringify(d.loyalty.tiers) === JSON.stringify([
      { target: 20000, rate: 250 }, { target: 50000, rate: 300 }, { target: 100000, rate: 400 }, { target: 200000, rate: 500 },
    ]))).toBe(true);
    expect(debtors.some((d) => d.loyalty.excludeFromContracts)).toBe(true);
  });
});

describe('mergeDebtors (what the screen and the import share)', () => {
  const rows = (text: string) => parseDebtorsCsv(`${HEADER}\n${text}`, 'd.csv');
  const money = { symbol: 'R', decimals: 2 };

  it('uses the injected instant as the switch-on time', () => {
    const { list } = mergeDebtors([], rows('D1,A,,,monthly-journal,no,100,1,,,,,,\n'), 'd.csv', { now: '2026-01-31T22:00:00Z', money });
    expect(list[0]!.loyalty.switchedOnAt).toBe('2026-01-31T22:00:00Z');
  });

  it('reads targets with the store currency decimals', () => {
    const { list } = mergeDebtors([], rows('D1,A,,,monthly-journal,no,200,1,,,,,,\n'), 'd.csv', { now: '2026-01-31T22:00:00Z', money: { symbol: '¥', decimals: 0 } });
    expect(list[0]!.loyalty.tiers[0]!.target).toBe(200);
    expect(() => mergeDebtors([], rows('D1,A,,,monthly-journal,no,200.5,1,,,,,,\n'), 'd.csv', { now: '2026-01-31T22:00:00Z', money: { symbol: '¥', decimals: 0 } }))
      .toThrow(/d\.csv: line 2: target1: enter whole units, e\.g\. 19 \(got "200\.5"\)/);
  });

  it('keeps the switch-on time while loyalty stays on, clears it when off, and takes a new one when on again', () => {
    const opts = (now: string) => ({ now, money });
    let list = mergeDebtors([], rows('D1,A,,,monthly-journal,no,100,1,,,,,,\n'), 'd.csv', opts('2026-01-01T00:00:00Z')).list;
    list = mergeDebtors(list, rows('D1,A,,,quarterly-payment,no,100,2,,,,,,\n'), 'd.csv', opts('2026-02-01T00:00:00Z')).list;
    expect(list[0]!.loyalty).toMatchObject({ applicable: 'quarterly-payment', switchedOnAt: '2026-01-01T00:00:00Z' });
    list = mergeDebtors(list, rows('D1,A,,,no,no,100,2,,,,,,\n'), 'd.csv', opts('2026-03-01T00:00:00Z')).list;
    expect(list[0]!.loyalty.switchedOnAt).toBeNull();
    list = mergeDebtors(list, rows('D1,A,,,monthly-payment,no,100,2,,,,,,\n'), 'd.csv', opts('2026-04-01T00:00:00Z')).list;
    expect(list[0]!.loyalty.switchedOnAt).toBe('2026-04-01T00:00:00Z');
  });

  it('never changes the list it is given', () => {
    const existing = mergeDebtors([], rows('D1,A,,,no,no,,,,,,,,\n'), 'd.csv', { now: '2026-01-31T22:00:00Z', money }).list;
    const copy = structuredClone(existing);
    mergeDebtors(existing, rows('D1,B,,,monthly-payment,yes,1,1,,,,,,\n'), 'd.csv', { now: '2026-02-01T00:00:00Z', money });
    expect(existing).toEqual(copy);
  });
});
