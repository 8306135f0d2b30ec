import { afterEach, describe, expect, it } from 'vitest';
import { LoyaltyEnquiryScreen } from '../../../src/screens/loyalties/loyalty-enquiry.js';
import { rowColumns } from '../../../src/screens/loyalties/enquiry-layout.js';
import { reachedTier, salesBar } from '../../../src/screens/loyalties/progress.js';
import { backOffice } from '../../../src/store/index.js';
import { render, type Rendered } from '../render.js';
import { ENTER, ESC, PGDN, PGUP, UP } from '../keys.js';
import { MENU_TEXT, renderScreen, rowWith, services, tallestFrame } from '../forms/harness.js';
import { seededStore, sellMay, type Seeded } from './fixtures.js';

let tmp: Seeded | undefined;
let view: Rendered | undefined;
afterEach(() => {
  if (view) expect(tallestFrame(view)).toBeLessThanOrEqual(view.stdout.rows);
  view?.unmount();
  tmp?.cleanup();
  view = undefined;
  tmp = undefined;
});

describe('Loyalty Enquiry: the sales bar', () => {
  it('marks each target and fills to the sales, on a scale a quarter past the last target', () => {
    // Scale 0..250: targets 50/100/150/200 fall in cells 2, 4, 6, 8 of 10; sales 100 fill 4 cells.
    expect(salesBar(100, [50, 100, 150, 200], 10, true)).toBe('##|#|.|.|.');
    expect(reachedTier(100, [50, 100, 150, 200])).toBe(1);
    expect(reachedTier(49, [50, 100])).toBe(-1);
    expect(rowColumns(76).note).toBe(0);
    expect(rowColumns(116).note).toBeGreaterThan(0);
  });
});

describe('Loyalty Enquiry: the screen', () => {
  it('shows the balances, the period, the sales against the targets and the rows behind them', async () => {
    tmp = await seededStore();
    const sales = sellMay(tmp);
    tmp.setNow('2026-05-20T08:00:00Z');
    view = await renderScreen(<LoyaltyEnquiryScreen />, tmp.store, 'Loyalty Enquiry');
    await view.waitFor('Find debtor:');
    await view.write(`d1${ENTER}`);
    const f = await view.waitFor('Month to Date');
    expect(f.split('\n')[0]).toContain('Main Menu › Loyalties › Loyalty Enquiry');
    expect(f).toContain('D1 Thandi Mokoena   Monthly - Use As Payment');
    expect(f).toContain('Period 2026-05: 2026-05-01 to 2026-05-31');
    expect(rowWith(f, 'Month to Date')).toMatch(/Month to Date\s+R12\.50/);
    expect(rowWith(f, 'Available')).toMatch(/Available\s+R0\.00/);
    expect(rowWith(f, 'Earned')).toMatch(/Earned\s+R12\.50/);
    // R500.00 so far reaches the second target: the next sale earns 3%.
    expect(rowWith(f, 'Sales this period')).toContain('Sales this period R500.00   rate 3%   target 2 of 4 reached   next R1000.00');
    expect(rowWith(f, 'T1 200.00')).toMatch(/T1 200\.00 @ 2\.5%\s+>T2 500\.00 @ 3%\s+T3 1000\.00 @ 4%\s+T4 2000\.00 @ 5%/);
    // Sale times on the shop's clock (UTC+2).
    expect(rowWith(f, sales[0]!)).toMatch(/2026-05-04 10:00\s+Earned\s+2026-05\s+3\.75\s+T1-\d{6}/);
    expect(rowWith(f, sales[1]!)).toMatch(/2026-05-05 11:30\s+Earned\s+2026-05\s+8\.75/);
    expect(f).toContain('Rows 1-2 of 2');
    await view.write(ESC);
    await view.waitFor('Find debtor:');
    await view.write(ESC);
    await view.waitFor(MENU_TEXT);
  });

  it('scrolls a long list with PgUp/PgDn, newest at the bottom, and adapts to a wider terminal', async () => {
    tmp = await seededStore();
    sellMay(tmp);
    tmp.setNow('2026-06-10T08:00:00Z');
    const bo = backOffice(tmp.store);
    await bo.accrue({ kinds: ['monthly-payment'], zeroUnused: false, operator: 'system' });
    for (let i = 1; i <= 12; i += 1) bo.payout({ debtor: 'D1', amount: 10, method: 'cash', reference: `P${i}`, operator: 'ann' });
    const rows = bo.enquiry('D1').rows.length;
    expect(rows).toBe(15);
    view = await render(null, { services: services(tmp.store), columns: 120, rows: 30, stack: [
      { id: 'enquiry', title: 'Loyalty Enquiry', render: () => <LoyaltyEnquiryScreen /> },
    ] });
    await view.waitFor('Find debtor:');
    await view.write(`thandi${ENTER}`);
    let f = await view.waitFor('Month to Date');
    // 30 rows: 25 inside the Shell, 12 of them fixed, so 13 rows of the list; the newest shows.
    expect(f).toContain('Rows 3-15 of 15');
    if (process.env['SHOW']) console.log(f);
    expect(rowWith(f, 'Kind')).toMatch(/Date\s+Kind\s+Period\s+Amount\s+Document\s+Note/);
    expect(rowWith(f, 'posts 2026-05')).toMatch(/2026-06-10 10:00\s+Posted\s+2026-06\s+12\.50\s+BACKOFFICE-\d{6}/);
    expect(rowWith(f, 'Payout  ')).toMatch(/Payout\s+2026-06\s+0\.10\s+BACKOFFICE-\d{6}\s+cash/);
    expect(rowWith(f, 'Available')).toMatch(/Available\s+R11\.30/);
    expect(f).toContain('Period 2026-06: 2026-06-01 to 2026-06-30');
    expect(f).not.toContain('…');
    await view.write(PGUP);
    f = await view.waitFor('Rows 1-13 of 15');
    expect(rowWith(f, 'T1-0')).toMatch(/2026-05-04 10:00\s+Earned\s+2026-05\s+3\.75/);
    await view.write(PGDN);
    await view.waitFor('Rows 3-15 of 15');
    await view.write(UP);
    await view.waitFor('Rows 2-14 of 15');
  });

  it('draws the bar in ASCII without UTF-8 and marks the reached target with > as well as highlight', async () => {
    tmp = await seededStore();
    sellMay(tmp);
    view = await render(null, { services: services(tmp.store), theme: { env: { LANG: 'C' } }, stack: [
      { id: 'enquiry', title: 'Loyalty Enquiry', render: () => <LoyaltyEnquiryScreen /> },
    ] });
    await view.waitFor('Find debtor:');
    await view.write(`d1${ENTER}`);
    const f = await view.waitFor('Month to Date');
    expect(f.split('\n')[0]).toContain('Main Menu > Loyalties > Loyalty Enquiry');
    const bar = f.split('\n').find((l) => /[#.|]{60,}/.test(l)) ?? '';
    // R500.00 on a scale to R2500.00 over 76 cells: 15 cells, the first two targets inside them.
    expect(bar).toMatch(/^\| #{6}\|#{8}\|\.+\|\.+\|\.+ \|$/);
    expect(rowWith(f, 'T2 500.00')).toContain('>T2 500.00 @ 3%');
    expect(f).not.toMatch(/[█░┃]/);
  });
});
