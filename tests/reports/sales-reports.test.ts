// The period reports against a day of mixed sales, refunds and loyalty, run as a user runs them.
import { parse } from 'csv-parse/sync';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slipFilePaths } from '../../src/store/till-service-slips.js';
import { openStore } from '../../src/store/index.js';
import { bundleCli } from '../golive/cli-bundle.js';
import { snapshotDir } from '../cli/run-cli.js';
import { mixedDay, runCli, type Day } from './report-cli.js';

const cents = (s: string) => Math.round(Number(s) * 100); // test-side only: printed values back to cents
const money = (c: number) => `${c < 0 ? '-' : ''}${Math.floor(Math.abs(c) / 100)}.${String(Math.abs(c) % 100).padStart(2, '0')}`;

let bundle: string;
let day: Day;
const DAY = ['--from', '2026-03-10', '--to', '2026-03-10'];
const report = (args: string[], now = '2026-03-11T08:00:00Z') => runCli(bundle, ['--data', day.dir, 'report', ...args], now);

beforeAll(async () => {
  bundle = await bundleCli();
  day = await mixedDay(bundle);
}, 120_000);
afterAll(() => {
  if (bundle) fs.rmSync(path.dirname(bundle), { recursive: true, force: true });
  if (day) fs.rmSync(path.dirname(day.dir), { recursive: true, force: true });
});

function inDay() {
  return day.docs.filter((d) => d.inDay);
}

describe('tillpoint report (period reports)', () => {
  it('sales-by-item: per item sold, refunded and net as the journal holds them; the net adds up to the day', () => {
    const rows = report(['sales-by-item', ...DAY, '--json']).json();
    const want = new Map<string, { sold: number; soldValue: number; refunded: number; refundedValue: number }>();
    for (const d of inDay()) {
      for (const l of d.json.lines) {
        const w = want.get(l.code) ?? { sold: 0, soldValue: 0, refunded: 0, refundedValue: 0 };
        if (d.kind === 'sale') { w.sold += l.qty; w.soldValue += l.value; } else { w.refunded += l.qty; w.refundedValue += l.value; }
        want.set(l.code, w);
      }
    }
    expect(rows.map((r: any) => r.item)).toEqual([...want.keys()].sort());
    for (const r of rows) {
      const w = want.get(r.item)!;
      expect([r.soldQty, r.soldValue, r.refundedQty, r.refundedValue, r.netQty, r.netValue])
        .toEqual([w.sold, money(w.soldValue), w.refunded, money(w.refundedValue), w.sold - w.refunded, money(w.soldValue - w.refundedValue)]);
    }
    const dayNet = inDay().reduce((n, d) => n + (d.kind === 'sale' ? d.json.total : -d.json.total), 0);
    expect(rows.reduce((n: number, r: any) => n + cents(r.netValue), 0)).toBe(dayNet);
  });

  it('sales-by-hour: hours of the store clock; counts and values add up to the day; a bar per hour', () => {
    const rows = report(['sales-by-hour', ...DAY, '--json']).json();
    const hourOf = (iso: string) => `${String((new Date(iso).getUTCHours() + 2) % 24).padStart(2, '0')}:00`;
    const byHour = new Map<string, number>();
    for (const d of inDay()) byHour.set(hourOf(d.at), (byHour.get(hourOf(d.at)) ?? 0) + (d.kind === 'sale' ? d.json.total : -d.json.total));
    for (const [hour, net] of byHour) expect(rows.find((r: any) => r.hour === hour)?.net).toBe(money(net));
    expect(rows[0].hour).toBe('00:00'); // the sale at midnight sharp is in
    expect(rows.at(-1).hour).toBe('23:00');
    expect(rows.reduce((n: number, r: any) => n + r.sales, 0)).toBe(inDay().filter((d) => d.kind === 'sale').length);
    expect(rows.reduce((n: number, r: any) => n + r.refunds, 0)).toBe(inDay().filter((d) => d.kind === 'refund').length);
    expect(rows.reduce((n: number, r: any) => n + cents(r.net), 0)).toBe(inDay().reduce((n, d) => n + (d.kind === 'sale' ? d.json.total : -d.json.total), 0));
    const text = report(['sales-by-hour', ...DAY]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Sales by hour: 2026-03-10');
    const bars = text.stdout.split('\n').map((l) => /#+$/.exec(l)?.[0].length ?? 0);
    expect(Math.max(...bars)).toBe(40);
    const best = rows.reduce((a: any, b: any) => (cents(b.net) > cents(a.net) ? b : a));
    expect(text.stdout.split('\n').find((l) => l.startsWith(best.hour))).toMatch(/#{40}$/);
  });

  it('loyalty-sales: only the loyalty debtor\'s sales and refunds, per till, inside the inclusive period', () => {
    const rows = report(['loyalty-sales', ...DAY, '--json']).json();
    const loyal = inDay().filter((d) => d.loyalty);
    const tills = [...new Set(loyal.map((d) => d.number.split('-')[0]))].sort();
    expect(rows.map((r: any) => r.till)).toEqual(tills);
    for (const r of rows) {
      const mine = loyal.filter((d) => d.number.startsWith(`${r.till}-`));
      const sales = mine.filter((d) => d.kind === 'sale');
      const refunds = mine.filter((d) => d.kind === 'refund');
      expect(r).toEqual({
        till: r.till, sales: sales.length, salesValue: money(sales.reduce((n, d) => n + d.json.total, 0)),
        refunds: refunds.length, refundsValue: money(refunds.reduce((n, d) => n + d.json.total, 0)),
        net: money(sales.reduce((n, d) => n + d.json.total, 0) - refunds.reduce((n, d) => n + d.json.total, 0)),
        builtIn: mine.length, loyaltyPlus: 0,
      });
    }
    // The loyalty sale just after midnight of the 11th is the next day's; the 11th alone has only it.
    const next = report(['loyalty-sales', '--from', '2026-03-11', '--json']).json();
    expect(next).toEqual([expect.objectContaining({ till: 'T1', sales: 1, refunds: 0, salesValue: '89.99' })]);
    // Without dates: today at the shop (TILLPOINT_NOW 2026-03-10 12:00 SAST).
    expect(rows.length).toBeGreaterThan(0);
    expect(report(['loyalty-sales', '--json'], '2026-03-10T10:00:00Z').json()).toEqual(rows);
  });

  it('--csv is a header of the field names and the same rows as --json', () => {
    for (const name of ['sales-by-item', 'sales-by-hour', 'loyalty-sales']) {
      const json = report([name, ...DAY, '--json']).json();
      const csv = report([name, ...DAY, '--csv']);
      expect(csv.code).toBe(0);
      const parsed = parse(csv.stdout, { columns: true }) as Record<string, string>[];
      expect(parsed).toEqual(json.map((r: any) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, String(v)]))));
      expect(csv.stdout.split('\n')[0]).toBe(Object.keys(json[0]).join(','));
    }
  });

  it('trial-balance: the VAT and sales accounts follow the journal; debits equal credits', () => {
    const rows = report(['trial-balance', '--json']).json();
    const all = day.docs;
    const sign = (d: Day['docs'][number]) => (d.kind === 'sale' ? 1 : -1);
    const tax = all.reduce((n, d) => n + sign(d) * d.json.tax, 0);
    const net = all.reduce((n, d) => n + sign(d) * d.json.total, 0);
    expect(cents(rows.find((r: any) => r.name === 'VAT Output').balance)).toBe(-tax);
    expect(cents(rows.find((r: any) => r.name === 'Sales').balance)).toBe(-(net - tax));
    const cardIn = all.filter((d) => d.kind === 'sale').reduce((n, d) => n + d.json.tenders.filter((t: any) => t.kind === 'card').reduce((m: number, t: any) => m + t.amount, 0), 0);
    expect(cents(rows.find((r: any) => r.name === 'Card Clearing').debit)).toBe(cardIn);
    expect(rows.reduce((n: number, r: any) => n + cents(r.debit), 0)).toBe(rows.reduce((n: number, r: any) => n + cents(r.credit), 0));
    expect(report(['trial-balance']).stdout).toMatch(/^Trial balance \(now\)\n/);
  });

  it('slip: the reprint is the slip as printed between two REPRINT marks, at 40 and 80 columns; rebuilt the same from the journal', async () => {
    const r = report(['slip', day.firstSlip.number.toLowerCase()]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toContain('*** REPRINT ***');
    expect(lines.at(-2)).toContain('*** REPRINT ***');
    expect(lines.slice(1, -2).join('\n') + '\n').toBe(day.firstSlip.text);
    const store = await openStore(day.dir, { stderr: false, log: () => undefined });
    const doc = store.journals.findDocument(day.firstSlip.number)!;
    const files = slipFilePaths(store.dir, doc as never, store.get('settings').company);
    store.close();
    const wide = report(['slip', day.firstSlip.number, '80', '--json']).json();
    expect(wide).toMatchObject({ number: day.firstSlip.number, kind: 'sale', width: 80, source: 'file' });
    const w = wide.text.split('\n');
    expect(w.slice(1, -2).join('\n') + '\n').toBe(fs.readFileSync(files.w80, 'utf8'));
    expect(w.every((l: string) => l.length <= 80)).toBe(true);
    // Without its file (slips/ cleared) the slip is rendered again from the journal: the same text.
    fs.rmSync(files.w40);
    const again = report(['slip', day.firstSlip.number, '--json']).json();
    expect(again.source).toBe('journal');
    expect(again.text).toBe(r.stdout);
    const refund = day.docs.find((d) => d.kind === 'refund')!;
    expect(report(['slip', refund.number]).stdout).toContain(refund.number);
  });

  it('exit codes: unknown report and bad dates are usage errors (2); a missing sale is refused (1)', () => {
    const unknown = report(['sales-by-week']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('loyalty-sales, accrual-history, uploads, outbox, trial-balance, sales-by-item, sales-by-hour, audit, slip');
    for (const bad of [['--from', '2026-02-30'], ['--from', '10/03/2026'], ['--from', '2026-03-11', '--to', '2026-03-10']]) {
      const r = report(['sales-by-item', ...bad, '--json']);
      expect(r.code).toBe(2);
      expect(r.json().error).toMatch(/--from|--to/);
    }
    expect(report(['trial-balance', '--from', '2026-03-10']).code).toBe(2);
    expect(report(['sales-by-item', '--csv', '--json']).code).toBe(2);
    const missing = report(['slip', 'T1-000999', '--json']);
    expect(missing.code).toBe(1);
    expect(missing.json().error).toContain('T1-000999');
    expect(report(['slip', 'T1-000001', '60']).code).toBe(2);
    const help = runCli(bundle, ['report', '--help']);
    for (const name of ['loyalty-sales', 'accrual-history', 'uploads', 'outbox', 'trial-balance', 'sales-by-item', 'sales-by-hour', 'slip']) expect(help.stdout).toContain(name);
  });

  it('no report changes a file of the store', () => {
    const before = snapshotDir(day.dir);
    for (const name of ['loyalty-sales', 'sales-by-item', 'sales-by-hour', 'trial-balance', 'accrual-history', 'uploads', 'outbox']) {
      expect(report([name]).code).toBe(0);
    }
    expect(report(['slip', day.firstSlip.number]).code).toBe(0);
    expect(snapshotDir(day.dir)).toEqual(before);
  });

  // Last: the run posts to the books, which the trial balance above reads.
  it('accrual-history: each Accrue Loyalties run with its debtors and amounts, as the run reported them', () => {
    expect(report(['accrual-history', '--json']).json()).toEqual([]);
    const run = runCli(bundle, ['--data', day.dir, 'accrue', '--json'], '2026-04-02T06:00:00Z');
    expect(run.code, run.stderr).toBe(0);
    const result = run.json();
    expect(result.posted).toBeGreaterThan(0);
    const rows = report(['accrual-history', '--json']).json();
    expect(rows).toEqual([{
      run: result.runId, at: expect.stringMatching(/^2026-04-02T06:00/), operator: 'system', documents: result.documents.length,
      debtors: result.debtors, posted: money(result.posted), journalCredited: money(result.journalCredited), zeroed: money(result.zeroed),
    }]);
    // A second run posts nothing and writes no document: still one run in the history.
    expect(runCli(bundle, ['--data', day.dir, 'accrue', '--json'], '2026-04-02T07:00:00Z').json().documents).toEqual([]);
    expect(report(['accrual-history', '--json']).json()).toHaveLength(1);
    // Inside a period: the day of the run has it, the day before has none.
    expect(report(['accrual-history', '--from', '2026-04-02', '--to', '2026-04-02', '--json']).json()).toHaveLength(1);
    expect(report(['accrual-history', '--from', '2026-04-01', '--to', '2026-04-01', '--json']).json()).toEqual([]);
  });
});
