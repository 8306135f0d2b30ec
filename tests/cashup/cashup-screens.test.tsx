// The Cash-up screens on a real store and till: the float, the X (paged), the Z from the drawer
// count through the preview and the confirm to the recorded Z, a second Z refused, the past Zs,
// a cashier refused, and the menu item disabled in a back-office session.
import { afterEach, describe, expect, it } from 'vitest';
import { Text } from 'ink';
import type { AppServices } from '../../src/screens/app-context.js';
import { CashupScreen } from '../../src/screens/cashup/cashup-screen.js';
import { buildMainMenu } from '../../src/screens/menu/main-menu.js';
import { screenRegistry } from '../../src/screens/menu/screen-registry.js';
import { saveOperator } from '../../src/store/operators/operators.js';
import { createOperatorSession } from '../../src/store/operators/session.js';
import { readAudit } from '../../src/store/audit/audit-log.js';
import type { Store } from '../../src/store/index.js';
import { TillService } from '../../src/store/till-service.js';
import { tallestFrame } from '../screens/forms/harness.js';
import { DOWN, ENTER, ESC, F10, PGDN, PGUP } from '../screens/keys.js';
import { render, type Rendered } from '../screens/render.js';
import { cashupStore, journalRecords } from './helpers.js';

let view: Rendered | undefined;
const cleanup: (() => void)[] = [];
afterEach(() => {
  if (view) expect(tallestFrame(view)).toBeLessThanOrEqual(24);
  view?.unmount();
  view = undefined;
  for (const c of cleanup.splice(0)) c();
});

async function mount(o: { cashierLoggedIn?: boolean } = {}): Promise<{ store: Store; till: TillService; v: Rendered }> {
  const { store, clock } = await cashupStore();
  const till = TillService.open(store, { till: 'T1', operator: 'system', now: clock.now });
  cleanup.push(() => {
    till.close();
    store.close();
  });
  const extra: Partial<AppServices> = {};
  if (o.cashierLoggedIn) {
    await saveOperator(store, { code: 'M1', name: 'Mandla', role: 'manager', pin: '9999', active: true }, 'add');
    await saveOperator(store, { code: 'S1', name: 'Sipho', role: 'supervisor', pin: '5555', active: true }, 'add');
    await saveOperator(store, { code: 'C1', name: 'Carol', role: 'cashier', pin: '1111', active: true }, 'add');
    const session = createOperatorSession(store, till, clock.now);
    expect(session.login('C1', '1111').ok).toBe(true);
    extra.session = session;
  }
  view = await render(null, {
    services: { store, till, tillId: 'T1', operator: 'system', ...extra },
    stack: [
      { id: 'menu', title: 'Main Menu', render: () => <Text>STAND-IN MAIN MENU</Text> },
      { id: 'cashup', title: 'Cash-up', render: () => <CashupScreen /> },
    ],
  });
  return { store, till, v: view };
}

describe('Cash-up screens', () => {
  it('float, X, Z with preview and confirm, a second Z refused, and the past Zs', async () => {
    const { store, till, v } = await mount();
    await v.waitFor('Opening Float');
    await v.write('f');
    await v.waitFor('Type the cash in the drawer');
    await v.write(`500.00${ENTER}`);
    await v.waitFor('Opening float R500.00 recorded for till T1 (T1-000001)');
    await v.write(ESC);
    await v.waitFor('X Report');
    till.scan('A');
    till.addTender('CASH', 2000);

    await v.write('x');
    let f = await v.waitFor('X REPORT (before Z 1, 2026-12-01)');
    expect(f).toContain('Sales (1)');
    expect(f).not.toContain('Expected');
    f = await v.write(PGDN).then(() => v.waitFor('Expected'));
    expect(f).toMatch(/Expected\s+R519\.99/);
    await v.write(PGUP);
    await v.waitFor('X REPORT');
    await v.write(ESC);
    await v.waitFor('Z Report');

    await v.write('z');
    await v.waitFor('Cash counted in the drawer');
    await v.write(`519.50${ENTER}`);
    f = await v.waitFor('PREVIEW');
    expect(f).toContain('Z 1: counted R519.50, expected R519.99');
    expect(journalRecords(store.dir, 'T1').some((r) => r.doc.type === 'z')).toBe(false);
    await v.write(ESC); // back to the count, not out of the screen
    await v.waitFor('Cash counted in the drawer');
    await v.write(`519.50${ENTER}`);
    await v.waitFor('PREVIEW');
    await v.write(F10);
    f = await v.waitFor('Close the day with Z 1?');
    expect(f).toContain('counted R519.50, short R0.49');
    await v.write('y');
    f = await v.waitFor('Z 1 recorded (T1-000003)');
    expect(f).toContain('Z REPORT 1 (2026-12-01)');
    expect(journalRecords(store.dir, 'T1').at(-1)).toMatchObject({ kind: 'cashup', doc: { type: 'z', z: 1, counted: 51950, overShort: { amount: -49 } } });
    await v.write(ESC);
    await v.waitFor('Past Z Reports');

    await v.write('z');
    await v.waitFor('Cash counted in the drawer');
    await v.write(`1${ENTER}`);
    await v.waitFor('Z 1 already closed 2026-12-01 for till T1');
    expect(journalRecords(store.dir, 'T1')).toHaveLength(3);
    await v.write(ESC);
    await v.waitFor('Past Z Reports');

    await v.write('p');
    f = await v.waitFor('Z reports of till T1, newest first');
    expect(f).toMatch(/Z +1 {2}2026-12-01/);
    await v.write(DOWN);
    await v.write(ENTER);
    f = await v.waitFor('Z REPORT 1 (2026-12-01) T1-000003');
    await v.write(ESC);
    await v.waitFor('Z reports of till T1');
  });

  it('asks a cashier for a supervisor\'s override before the Z (Esc: nothing taken), and disables the menu item without a till', async () => {
    const m = await mount({ cashierLoggedIn: true });
    await m.v.waitFor('Z Report');
    await m.v.write('z');
    await m.v.waitFor('Cash counted in the drawer');
    await m.v.write(`10${ENTER}`);
    await m.v.waitFor('Z report and drawer count needs a supervisor or manager');
    expect(m.v.frame()).toContain('Asked by C1, for Z T1');
    await m.v.write(ESC);
    await m.v.waitFor('Z report: not taken (no approval)');
    expect(journalRecords(m.store.dir, 'T1')).toEqual([]);
    // With a supervisor's code and PIN it goes on to the preview, approved by them.
    await m.v.write(`10${ENTER}`);
    await m.v.waitFor('Approver code:');
    await m.v.write(`S1${ENTER}`);
    await m.v.write(`5555${ENTER}`);
    await m.v.waitFor('F10 closes the day');
    expect(m.v.frame()).not.toContain('5555');
    const override = readAudit(m.store.dir, { kinds: ['override'] }).entries;
    expect(override).toEqual([expect.objectContaining({ operator: 'C1', approvedBy: 'S1', action: 'cash-up' })]);

    const item = buildMainMenu(screenRegistry, { till: null }).find((i) => i.label === 'Cash-up')!;
    expect(item.disabled).toMatch(/Cash-up: this session has no till/);
    expect(buildMainMenu(screenRegistry, { till: {} as never }).find((i) => i.label === 'Cash-up')!.disabled).toBeUndefined();
  });
});
