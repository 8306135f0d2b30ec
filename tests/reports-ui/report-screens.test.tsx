// Main Menu > Reports, each table report on screen at 80x24 against the same shop day the real
// binary reports on: it opens on today, pages (page 2 differs from page 1 and holds the CLI's
// rows at those places), Home/End, a period change runs it again, Sales by Hour draws its bars,
// and Audit narrows by operator, kind and dates as `tillpoint report audit` does.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { reportNamed } from '../../src/reports/registry.js';
import { ReportScreen } from '../../src/screens/reports/report-screen.js';
import { screenColumns } from '../../src/screens/reports/report-table.js';
import { backOffice } from '../../src/store/back-office.js';
import { openStore } from '../../src/store/index.js';
import { bundleCli } from '../golive/cli-bundle.js';
import { renderScreen, tallestFrame } from '../screens/forms/harness.js';
import { END, F3, F10, HOME, PGDN, RIGHT, LEFT, TAB, UP, DOWN } from '../screens/keys.js';
import type { Rendered } from '../screens/render.js';
import { DAY, NOW, SECRETS, openShop, type Shop } from './reports-harness.js';
import { contentLines, lineHasRow, nextPage, rowsShown, tableLines } from './screen-helpers.js';

const CLEAR = '\x15'; // Ctrl+U empties the focused field

let bundle: string;
let shop: Shop;
let view: Rendered | undefined;

beforeAll(async () => {
  bundle = await bundleCli();
  shop = await openShop(bundle);
  backOffice(shop.tmp.store, () => NOW);
}, 120_000);
afterAll(() => {
  shop?.close();
  if (bundle) fs.rmSync(path.dirname(bundle), { recursive: true, force: true });
});
afterEach(() => {
  if (view) expect(tallestFrame(view)).toBeLessThanOrEqual(24);
  view?.unmount();
  view = undefined;
});

async function open(name: string): Promise<Rendered> {
  view = await renderScreen(<ReportScreen name={name} />, shop.tmp.store, name);
  await view.waitFor((f) => /Rows \d+-\d+ of \d+|Rows 0 of 0/.test(f));
  return view;
}

/**
 * The CLI's rows of a report as the screen prints them, in the screen's column order; over one
 * day the Audit screen shows times without the date (the line above the table has it).
 */
function cliRows(name: string, args: string[] = []): string[][] {
  const r = shop.cli(['report', name, ...args, '--json']);
  expect(r.code).toBe(0);
  const cols = screenColumns(reportNamed(name)!);
  const from = args.indexOf('--from');
  const oneDay = from < 0 || args[from + 1] === args[args.indexOf('--to') + 1];
  const cell = (key: string, v: string) => (name === 'audit' && key === 'time' && oneDay ? v.slice(11) : v);
  return (r.json() as Record<string, string | number>[]).map((row) => cols.map((c) => cell(c.key, String(row[c.key] ?? ''))));
}

function expectPage(frame: string, rows: string[][]): void {
  const [from, to] = rowsShown(frame);
  const lines = tableLines(frame);
  expect(lines).toHaveLength(to - from + 1);
  lines.forEach((line, i) => {
    const want = rows[from - 1 + i]!;
    if (!lineHasRow(line, want)) throw new Error(`row ${from + i} on screen:\n${line}\nis not the CLI's:\n${want.join(' | ')}`);
  });
}

/** Opens F3, sets each field from the first (text typed after clearing it), accepts. */
async function filter(v: Rendered, texts: (string | null)[], extra = ''): Promise<string> {
  await v.write(F3);
  await v.waitFor('› Filter');
  for (const [i, t] of texts.entries()) {
    if (t !== null) await v.write(`${CLEAR}${t}`);
    if (i < texts.length - 1) await v.write(TAB);
  }
  if (extra !== '') await v.write(extra);
  await v.write(F10);
  return v.waitFor((f) => !f.includes('› Filter') && /Rows \d+-\d+ of \d+|Rows 0 of 0/.test(f));
}

describe('Reports screens: page by page, the rows of tillpoint report', () => {
  for (const name of ['sales-by-hour', 'sales-by-item', 'loyalty-sales', 'audit', 'trial-balance']) {
    it(`${name}: page 1, page 2 (different rows, the CLI's), End and Home`, async () => {
      const rows = cliRows(name);
      expect(rows.length).toBeGreaterThan(11); // more than one page of 11 rows at 80x24
      const v = await open(name);
      let f = v.frame();
      expect(rowsShown(f)).toEqual([1, 11, rows.length]);
      expectPage(f, rows);
      const first = tableLines(f);
      f = await nextPage(v);
      expect(rowsShown(f)[0]).toBeGreaterThan(1);
      expect(tableLines(f)).not.toEqual(first);
      expectPage(f, rows);
      await v.write(HOME);
      f = await v.waitFor((x) => rowsShown(x)[0] === 1);
      expect(tableLines(f)).toEqual(first);
      await v.write(END);
      f = await v.waitFor((x) => rowsShown(x)[1] === rows.length);
      expectPage(f, rows);
    });
  }

  it('the reports without rows today say so, as the CLI prints none', async () => {
    for (const name of ['accrual-history', 'uploads', 'outbox']) {
      expect(cliRows(name)).toEqual([]);
      const v = await open(name);
      expect(v.frame()).toMatch(/Nothing in this (period|report)/);
      expect(v.frame()).toContain('Rows 0 of 0');
      v.unmount();
      view = undefined;
    }
  });

  it('a totals report keeps its Total line under every page; the selected row shows every column', async () => {
    const v = await open('sales-by-hour');
    const json = shop.cli(['report', 'sales-by-hour', '--json']).json() as Record<string, string | number>[];
    const sales = json.reduce((n, r) => n + Number(r.sales), 0);
    const total = () => contentLines(v.frame()).find((l) => l.startsWith('Total'))!;
    expect(total()).toMatch(new RegExp(`^Total\\s+${sales}\\s`));
    await nextPage(v);
    expect(total()).toMatch(new RegExp(`^Total\\s+${sales}\\s`));
    await v.write(HOME);
    await v.write(DOWN);
    const f = await v.waitFor(`Hour: ${json[1]!.hour}`);
    expect(f).toContain(`Sales value: ${json[1]!.salesValue}`);
    await v.write(UP);
    await v.waitFor(`Hour: ${json[0]!.hour}`);
  });

  it('Sales by Hour draws a bar per hour, longest for the best hour, in the columns the table leaves', async () => {
    const v = await open('sales-by-hour');
    const json = shop.cli(['report', 'sales-by-hour', '--json']).json() as Record<string, string>[];
    const cents = (s: string) => Number(s.replace('.', ''));
    const bars = new Map<string, number>();
    const read = (f: string) => {
      for (const l of tableLines(f)) bars.set(l.slice(0, 5), /█+$/.exec(l)?.[0].length ?? 0);
    };
    read(v.frame());
    read(await nextPage(v));
    expect(bars.size).toBe(json.length);
    const best = json.reduce((a, b) => (cents(b.net!) > cents(a.net!) ? b : a));
    const longest = Math.max(...bars.values());
    expect(bars.get(best.hour!)).toBe(longest);
    expect(longest).toBeGreaterThanOrEqual(8);
    for (const r of json) {
      // Integer scaling as the text report does it: floor(net * longest / best), at least one mark.
      expect(bars.get(r.hour!)).toBe(Math.max(1, Math.floor((cents(r.net!) * longest) / cents(best.net!))));
    }
    for (const l of contentLines(v.frame())) expect(l).not.toMatch(/█~/); // no bar is cut at the edge
  });

  it('keys typed while the report runs wait for its rows, then act on them (nothing dropped)', async () => {
    view = await renderScreen(<ReportScreen name="sales-by-item" />, shop.tmp.store, 'sales-by-item');
    // Written as soon as the key layer is ready: the run has begun, its rows are not in yet.
    await view.write(PGDN);
    const f = await view.waitFor((x) => /Rows \d+-\d+ of \d+/.test(x));
    expect(rowsShown(f)).toEqual([4, 14, 14]);
    expect(view.frames.some((x) => x.includes('Running Sales by item'))).toBe(true);
  });

  it('F3 changes the period and runs the report again; a bad date is refused at its field', async () => {
    const v = await open('sales-by-hour');
    expect(v.frame()).toContain(`Sales by hour: ${DAY}`);
    let f = await filter(v, ['2026-12-02', '2026-12-02']);
    expect(f).toContain('Sales by hour: 2026-12-02');
    expect(f).toContain('Nothing in this period');
    f = await filter(v, ['2026-11-30', DAY]);
    expect(f).toContain(`Sales by hour: 2026-11-30 to ${DAY}`);
    expect(rowsShown(f)[2]).toBe(cliRows('sales-by-hour', ['--from', '2026-11-30', '--to', DAY]).length);
    await v.write(F3);
    await v.waitFor('› Filter');
    await v.write(`${CLEAR}2026-02-30`);
    await v.write(F10);
    f = await v.waitFor('From date: a calendar date as YYYY-MM-DD');
    expect(f).toContain('› Filter');
  });

  it('Audit: narrowed by operator, by kind and by dates, the rows the CLI gives for the same filter', async () => {
    const v = await open('audit');
    expect(rowsShown(v.frame())[2]).toBe(cliRows('audit').length);
    // Fields: From, To, Operator, Kind. Operator S1: what S1 did or approved.
    let f = await filter(v, [null, null, 's1']);
    expect(f).toContain(`Audit trail: ${DAY}, operator S1`);
    let want = cliRows('audit', ['--by', 'S1']);
    expect(rowsShown(f)[2]).toBe(want.length);
    expectPage(f, want);
    // Kind: override (the 7th kind of the list after "(every kind)").
    f = await filter(v, [null, null, null, null], RIGHT.repeat(7));
    expect(f).toContain('operator S1, kind override');
    want = cliRows('audit', ['--by', 'S1', '--kind', 'override']);
    expect(want).toHaveLength(1);
    expect(rowsShown(f)).toEqual([1, 1, 1]);
    expectPage(f, want);
    // Every kind again, over three days: S1's logins either side of the day come in.
    f = await filter(v, ['2026-11-30', '2026-12-02', null, null], LEFT.repeat(7));
    want = cliRows('audit', ['--from', '2026-11-30', '--to', '2026-12-02', '--by', 'S1']);
    expect(rowsShown(f)[2]).toBe(want.length);
    expectPage(f, want);
    expect(tableLines(f).filter((l) => /\blogin\s+S1\b/.test(l))).toHaveLength(2);
  });

  it('Audit: no frame shows a secret, even with each setup row selected; damaged lines are counted in the status line', async () => {
    const v = await open('audit');
    const total = rowsShown(v.frame())[2];
    for (let i = 1; i < total; i += 1) await v.write(DOWN);
    await v.waitFor(`Rows ${total - 10}-${total} of ${total}`);
    const seen = v.frames.join('\n');
    expect(seen).toContain('loyaltyPlus.secretStart');
    for (const secret of SECRETS) expect(seen).not.toContain(secret);
    v.unmount();
    view = undefined;

    const copy = path.join(path.dirname(shop.tmp.dir), 'damaged-ui');
    fs.cpSync(shop.tmp.dir, copy, { recursive: true });
    fs.appendFileSync(path.join(copy, 'audit', '2026-12.jsonl'), 'not a line of the audit trail\n');
    const store = await openStore(copy, { stderr: false });
    try {
      backOffice(store, () => NOW);
      view = await renderScreen(<ReportScreen name="audit" />, store, 'audit');
      const f = await view.waitFor('1 damaged audit line was skipped');
      expect(rowsShown(f)[2]).toBe(total);
    } finally {
      view?.unmount();
      view = undefined;
      store.close();
    }
  });
});
