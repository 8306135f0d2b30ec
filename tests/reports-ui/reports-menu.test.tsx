// Main Menu > Reports: its nine items with unique letters, each opening its screen through the
// real screen registry (loaded when first opened), Esc back to the menu; and the pure parts of the
// screens (the filter's checks, the slip narrowing) on their own.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { reportNamed } from '../../src/reports/registry.js';
import { commandFor } from '../../src/screens/keys/bindings.js';
import { createKeyParser } from '../../src/screens/keys/parse-keys.js';
import { mainMenuEntry } from '../../src/screens/menu/main-menu.js';
import { screenRegistry } from '../../src/screens/menu/screen-registry.js';
import { reportRunOf } from '../../src/screens/reports/report-filter-fields.js';
import { REPORT_ITEMS, reportsMenuItems } from '../../src/screens/reports/reports-menu.js';
import { narrowLine } from '../../src/screens/reports/slip-reprint.js';
import { backOffice } from '../../src/store/back-office.js';
import { services } from '../screens/forms/harness.js';
import { ESC } from '../screens/keys.js';
import { render, type Rendered } from '../screens/render.js';
import { DAY, NOW, ZONE, openShop, type Shop } from './reports-harness.js';

let shop: Shop;
let view: Rendered | undefined;
beforeAll(async () => {
  shop = await openShop('(no CLI in this file)');
  backOffice(shop.tmp.store, () => NOW);
}, 60_000);
afterAll(() => shop?.close());
afterEach(() => {
  view?.unmount();
  view = undefined;
});

describe('Main Menu > Reports', () => {
  it('offers every report once, each with its own letter that no menu key takes; a missing screen is offered disabled', () => {
    const items = reportsMenuItems(screenRegistry);
    expect(items.map((i) => i.label)).toEqual(['Loyalty Sales', 'Accrual History', 'Uploads', 'Outbox', 'Slip Reprint', 'Trial Balance', 'Sales by Item', 'Sales by Hour', 'Audit']);
    const keys = items.map((i) => i.hotKey);
    expect(new Set(keys).size).toBe(keys.length);
    for (const k of keys) expect(commandFor(createKeyParser().feed(k, 0)[0]!, 'menu')).toBeUndefined();
    // Every table report of the menu is a report `tillpoint report` knows.
    for (const { name } of REPORT_ITEMS.filter((i) => i.name !== 'slip')) expect(reportNamed(name)).toBeDefined();
    expect(items.every((i) => i.disabled === undefined)).toBe(true);
    const none = reportsMenuItems({});
    expect(none.every((i) => /not available in this session/.test(i.disabled ?? ''))).toBe(true);
  });

  it('r opens Reports; each letter opens its screen (loaded on first use); Esc comes back', async () => {
    view = await render(null, { services: services(shop.tmp.store), stack: [mainMenuEntry(screenRegistry, { till: null })] });
    await view.write('r');
    let f = await view.waitFor('Main Menu › Reports');
    expect(f).toContain('Sales by Hour');
    await view.write('h');
    f = await view.waitFor(`Sales by hour: ${DAY}`);
    expect(f.split('\n')[0]).toMatch(/^Main Menu › Reports › Sales by Hour\s/);
    await view.waitFor('Rows 1-11 of 14');
    await view.write(ESC);
    await view.waitFor((x) => x.includes('Audit') && !x.includes('Rows '));
    await view.write('a');
    await view.waitFor(`Audit trail: ${DAY}`);
    await view.write(ESC);
    await view.waitFor((x) => x.split('\n')[0]!.startsWith('Main Menu › Reports') && !x.includes('Audit trail'));
    await view.write('s');
    await view.waitFor('Sale or refund number');
    await view.write(ESC);
    await view.write('o');
    f = await view.waitFor('Loyalty Plus outbox (now)');
    // A report of now has no period to change: no F3 in its hint bar.
    expect(f.split('\n').at(-1)).not.toContain('F3');
  });
});

describe('the screens\' pure parts', () => {
  const audit = reportNamed('audit')!;
  const nowMs = NOW.getTime();
  it('the filter gives the period and filters the CLI would, and refuses with the field named', () => {
    const run = reportRunOf(audit, { from: '2026-11-30', to: DAY, operator: ' s1 ', kind: 'override' }, nowMs, ZONE);
    expect(run.period.from).toBe('2026-11-30');
    expect(run.period.range).toEqual({ fromIso: '2026-11-29T22:00:00.000Z', toIso: '2026-12-01T22:00:00.000Z' });
    expect(run.filters).toEqual({ operator: 'S1', kinds: ['override'] });
    expect(reportRunOf(audit, { from: '', to: '' }, nowMs, ZONE).period.from).toBe(DAY);
    expect(() => reportRunOf(audit, { from: '2026-12-02', to: DAY }, nowMs, ZONE)).toThrow(/^To date: must be on or after the From date/);
    expect(() => reportRunOf(audit, { from: '01/12/2026' }, nowMs, ZONE)).toThrow(/^From date: a calendar date as YYYY-MM-DD/);
    expect(() => reportRunOf(audit, { operator: 'C 1' }, nowMs, ZONE)).toThrow(/^Operator: an operator code/);
    expect(() => reportRunOf(audit, { kind: 'bogus' }, nowMs, ZONE)).toThrow(/^Kind: choose one from the list/);
  });

  it('narrows a slip line by its widest gap, shortens a rule, and cuts only a line with no gap to give', () => {
    expect(narrowLine(`TOTAL${' '.repeat(69)}R33.00`, 76)).toBe(`TOTAL${' '.repeat(65)}R33.00`);
    expect(narrowLine('-'.repeat(80), 76)).toBe('-'.repeat(76));
    expect(narrowLine('short', 76)).toBe('short');
    expect(narrowLine('x'.repeat(40) + ' ' + 'y'.repeat(39), 76)).toHaveLength(76);
    expect(narrowLine('x'.repeat(40) + ' ' + 'y'.repeat(39), 76).endsWith('~')).toBe(true);
  });
});
