// `tillpoint cashup` through the real command line (a bundle of the sources run with node): exit
// codes and --json per SPEC section 7, and a Z killed by SIGKILL right after its record and before
// cashup/<TILL>.json: the day stays closed and the numbering goes on.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleCli, tillpoint } from '../uploads/cli-bundle.js';
import { cashupStore, journalRecords } from './helpers.js';

let cli: { file: string; remove(): void };
beforeAll(async () => {
  cli = await bundleCli();
}, 120_000);
afterAll(() => cli?.remove());

async function store(): Promise<string> {
  const { store, dir } = await cashupStore();
  store.close();
  return dir;
}

const DAY1 = { TILLPOINT_NOW: '2026-12-01T08:00:00+02:00' };
const DAY2 = { TILLPOINT_NOW: '2026-12-02T08:00:00+02:00' };
const run = (dir: string, args: string[], env: Record<string, string>) => tillpoint(cli.file, ['--data', dir, ...args], env);

describe('tillpoint cashup', () => {
  it('records a float, shows an X, closes the day with a Z and refuses a second one (exit 1, nothing changed)', async () => {
    const dir = await store();
    expect(run(dir, ['cashup', 'float', '300.00'], DAY1)).toMatchObject({ code: 0, stdout: expect.stringMatching(/Opening float 300\.00 recorded for till T1 \(T1-000001\)/) });
    expect(run(dir, ['sell', '--item', 'A', '--tender', 'CASH:50'], DAY1).code).toBe(0);
    expect(run(dir, ['sell', '--item', 'B', '--tender', 'CARD'], DAY1).code).toBe(0);
    const x = run(dir, ['cashup', 'x', '--json'], DAY1);
    expect(x.code).toBe(0);
    const xv = JSON.parse(x.stdout);
    expect(xv).toMatchObject({ till: 'T1', z: 1, day: '2026-12-01', closed: null });
    expect(xv.totals.cash).toEqual({ in: 1999, out: 0, expected: 31999 });
    const xText = run(dir, ['cashup', 'x'], DAY1).stdout;
    expect(xText).toMatch(/X REPORT \(before Z 1, 2026-12-01\)/);
    expect(xText).toMatch(/Expected\s+R319\.99/);
    const records = journalRecords(dir, 'T1').length;

    const z = run(dir, ['cashup', 'z', '--count', '320.50', '--json'], DAY1);
    expect(z.code).toBe(0);
    const zd = JSON.parse(z.stdout);
    expect(zd).toMatchObject({ kind: 'cashup', type: 'z', z: 1, day: '2026-12-01', counted: 32050, overShort: { amount: 51, overShortAccount: '1510.000.000.00', cashAccount: '3700.000.000.00' } });
    expect(journalRecords(dir, 'T1')).toHaveLength(records + 1);
    expect(fs.readFileSync(path.join(dir, 'slips', '2026-12-01', `${zd.number}-40.txt`), 'utf8')).toMatch(/Over\s+R0\.51/);

    const again = run(dir, ['cashup', 'z', '--count', '1', '--json'], DAY1);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/Z 1 already closed 2026-12-01 for till T1/);
    expect(JSON.parse(again.stdout).error).toMatch(/already closed/);
    expect(journalRecords(dir, 'T1')).toHaveLength(records + 1);

    const text = run(dir, ['cashup', 'z', '--count', '0'], DAY2);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/Z REPORT 2 \(2026-12-02\)/);
    expect(text.stdout).toMatch(/No records since the last Z/);
  });

  it('usage errors exit 2, refused input 1', async () => {
    const dir = await store();
    expect(run(dir, ['cashup'], DAY1).code).toBe(2);
    expect(run(dir, ['cashup', 'y'], DAY1).code).toBe(2);
    expect(run(dir, ['cashup', 'z'], DAY1).code).toBe(2);
    expect(run(dir, ['cashup', 'x', '--count', '1'], DAY1).code).toBe(2);
    const bad = run(dir, ['cashup', 'float', 'abc', '--json'], DAY1);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout).error).toMatch(/opening float/);
    expect(run(dir, ['cashup', 'float', '-5'], DAY1).code).toBe(2); // read as an option
    expect(run(dir, ['cashup', 'float', '--', '-5'], DAY1)).toMatchObject({ code: 1, stderr: expect.stringMatching(/the opening float: Amount cannot be negative/) });
    expect(journalRecords(dir, 'T1')).toEqual([]);
  });

  it('a Z killed after its record and before its state file still closes the day, and numbering continues', async () => {
    const dir = await store();
    expect(run(dir, ['sell', '--item', 'A', '--tender', 'CASH'], DAY1).code).toBe(0);
    const killed = run(dir, ['cashup', 'z', '--count', '19.99'], { ...DAY1, TILLPOINT_CRASH_AT: 'cashup-z-recorded' });
    expect(killed.signal).toBe('SIGKILL');
    expect(journalRecords(dir, 'T1').at(-1)).toMatchObject({ kind: 'cashup', doc: { type: 'z', z: 1 } });
    expect(fs.existsSync(path.join(dir, 'cashup', 'T1.json'))).toBe(false);
    const again = run(dir, ['cashup', 'z', '--count', '0'], DAY1);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/Z 1 already closed 2026-12-01/);
    expect(run(dir, ['sell', '--item', 'B', '--tender', 'CASH'], DAY2).code).toBe(0);
    const z2 = JSON.parse(run(dir, ['cashup', 'z', '--count', '17.49', '--json'], DAY2).stdout);
    expect(z2).toMatchObject({ z: 2, previousSeq: 2, totals: { sales: { count: 1, gross: 1749 } }, overShort: { amount: 0 } });
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'cashup', 'T1.json'), 'utf8')).zs.map((m: { z: number }) => m.z)).toEqual([1, 2]);
  });
});
