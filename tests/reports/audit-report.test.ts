// `tillpoint report audit`: the audit trail of a shop day as the real binary prints it, narrowed
// by operator and kind, CSV equal to JSON, no secret in any form, damaged lines counted, and the
// exit codes of SPEC section 7 (a bad kind or a filter the report does not take: usage, 2).
import { parse } from 'csv-parse/sync';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAudit } from '../../src/store/audit/audit-log.js';
import { bundleCli } from '../golive/cli-bundle.js';
import { DAY, SECRETS, openShop, type Shop } from '../reports-ui/reports-harness.js';
import { runCli } from './report-cli.js';

let bundle: string;
let shop: Shop;
const ON_DAY = ['--from', DAY, '--to', DAY];
const audit = (args: string[]) => shop.cli(['report', 'audit', ...args]);

beforeAll(async () => {
  bundle = await bundleCli();
  shop = await openShop(bundle);
}, 120_000);
afterAll(() => {
  shop?.close();
  if (bundle) fs.rmSync(path.dirname(bundle), { recursive: true, force: true });
});

describe('tillpoint report audit', () => {
  it('lists the day of the store clock, oldest first, with every column; the days either side stay out', () => {
    const r = audit([...ON_DAY, '--json']);
    expect(r.code).toBe(0);
    const rows = r.json();
    expect(Object.keys(rows[0])).toEqual(['time', 'till', 'kind', 'operator', 'approvedBy', 'action', 'ref', 'field', 'old', 'new', 'detail']);
    // What the trail holds for the day, read directly (the shop's day is 22:00Z to 22:00Z).
    const want = readAudit(shop.tmp.dir, { fromMs: Date.parse('2026-11-30T22:00:00Z'), toMs: Date.parse('2026-12-01T22:00:00Z') - 1 }).entries;
    expect(rows.map((x: any) => x.kind)).toEqual(want.map((e) => e.kind));
    expect(rows.every((x: any) => x.time.startsWith(`${DAY} `))).toBe(true);
    const voidOverride = rows.find((x: any) => x.kind === 'override' && x.action === 'void-line');
    expect(voidOverride).toMatchObject({ time: '2026-12-01 10:10:00', till: 'T1', operator: 'C1', approvedBy: 'S1', ref: 'T1-000003' });
    expect(rows.find((x: any) => x.field === 'company.storeName')).toMatchObject({ kind: 'setup', operator: 'M1', new: 'Corner Shop', ref: 'settings.json' });
    expect(rows.filter((x: any) => x.kind === 'failed-pin').map((x: any) => x.operator)).toEqual(['C1', 'C1']);
    // S1's logins at 23:59 the day before and 00:00 the day after are not in the day.
    expect(rows.filter((x: any) => x.kind === 'login' && x.operator === 'S1')).toEqual([]);
    const wide = audit(['--from', '2026-11-30', '--to', '2026-12-02', '--json']).json();
    expect(wide.filter((x: any) => x.kind === 'login' && x.operator === 'S1').map((x: any) => x.time)).toEqual(['2026-11-30 23:59:00', '2026-12-02 00:00:00']);
    expect(wide.length).toBe(rows.length + 2);
  });

  it('--by matches who acted or who approved, any case; --kind takes one or more kinds', () => {
    const s1 = audit([...ON_DAY, '--by', 's1', '--json']).json();
    expect(s1.length).toBeGreaterThan(0);
    expect(s1.every((x: any) => x.operator === 'S1' || x.approvedBy === 'S1')).toBe(true);
    expect(s1.some((x: any) => x.approvedBy === 'S1' && x.operator === 'C1')).toBe(true);
    const all = audit([...ON_DAY, '--json']).json();
    expect(s1).toEqual(all.filter((x: any) => x.operator === 'S1' || x.approvedBy === 'S1'));
    const some = audit([...ON_DAY, '--kind', 'override,failed-pin', '--json']).json();
    expect(some.map((x: any) => x.kind)).toEqual(all.filter((x: any) => x.kind === 'override' || x.kind === 'failed-pin').map((x: any) => x.kind));
    expect(some.filter((x: any) => x.kind === 'override')).toHaveLength(2);
    const both = audit([...ON_DAY, '--kind', 'override', '--by', 'M1', '--json']).json();
    expect(both.map((x: any) => [x.action, x.approvedBy])).toEqual([['refund', 'M1']]);
    expect(audit([...ON_DAY, '--by', 'NOBODY', '--json']).json()).toEqual([]);
  });

  it('prints the same rows as CSV as it does as JSON, and the text table with the period', () => {
    const json = audit([...ON_DAY, '--json']).json();
    const csv = audit([...ON_DAY, '--csv']);
    expect(csv.code).toBe(0);
    expect(parse(csv.stdout, { columns: true })).toEqual(json);
    const text = audit(ON_DAY);
    expect(text.code).toBe(0);
    expect(text.stdout.split('\n')[0]).toBe(`Audit trail: ${DAY}`);
    expect(text.stdout).toMatch(/2026-12-01 10:10:00\s+T1\s+override\s+C1\s+S1\s+void-line\s+T1-000003/);
  });

  it('shows a secret change only as changed: neither secret is in any output', () => {
    const outs = [audit([...ON_DAY, '--json']), audit([...ON_DAY, '--csv']), audit(ON_DAY), audit([...ON_DAY, '--kind', 'setup', '--json'])];
    for (const o of outs) for (const s of SECRETS) expect(o.stdout + o.stderr).not.toContain(s);
    const setup = outs[3]!.json();
    expect(setup.find((x: any) => x.field === 'loyaltyPlus.secretStart')).toMatchObject({ new: 'changed' });
    expect(setup.find((x: any) => x.field === 'loyaltyPlus.secretEnd')).toMatchObject({ new: 'changed' });
    // The PIN hashes of the operators added are setup changes too: never their value.
    expect(setup.filter((x: any) => /pinHash$/.test(x.field)).every((x: any) => !/scrypt|\$/.test(`${x.old}${x.new}`))).toBe(true);
  });

  it('counts damaged lines in a warning (stderr, and under the table) and lists the rest', () => {
    const copy = path.join(path.dirname(shop.tmp.dir), 'damaged');
    fs.cpSync(shop.tmp.dir, copy, { recursive: true });
    const file = path.join(copy, 'audit', '2026-12.jsonl');
    fs.appendFileSync(file, '0badc0de {"at":"2026-12-01T09:00:00Z","kind":"login","operator":"C1","detail":"torn"}\n{"at":"2026-12-01T09');
    const before = audit([...ON_DAY, '--json']).json();
    const r = runCli(bundle, ['--data', copy, 'report', 'audit', ...ON_DAY, '--json'], '2026-12-01T10:00:00Z');
    expect(r.code).toBe(0);
    expect(r.json()).toEqual(before);
    expect(r.stderr).toMatch(/warning: 2 damaged audit lines were skipped/);
    const text = runCli(bundle, ['--data', copy, 'report', 'audit', ...ON_DAY], '2026-12-01T10:00:00Z');
    expect(text.stdout.trimEnd().split('\n').at(-1)).toMatch(/^Warning: 2 damaged audit lines were skipped/);
  });

  it('refuses a bad kind, an empty one, --by or --kind on other reports and a backwards period: usage errors, exit 2', () => {
    const bad = audit([...ON_DAY, '--kind', 'login,bogus', '--json']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown audit kind "bogus": choose from login, logout, lock, failed-pin/);
    expect(bad.json()).toEqual({ error: expect.stringContaining('unknown audit kind "bogus"') });
    expect(audit(['--kind', ' , ']).code).toBe(2);
    expect(audit(['--by', '']).code).toBe(2);
    const other = shop.cli(['report', 'sales-by-item', '--by', 'C1']);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/report sales-by-item does not take --by/);
    expect(shop.cli(['report', 'trial-balance', '--kind', 'login']).code).toBe(2);
    expect(shop.cli(['report', 'slip', 'T1-000001', '--kind', 'login']).code).toBe(2);
    expect(audit(['--from', '2026-12-02', '--to', '2026-12-01']).code).toBe(2);
    expect(audit(['--from', '2026-13-01']).code).toBe(2);
  });
});
