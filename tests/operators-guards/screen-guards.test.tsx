// The back-office screens' guards with operators: Loyalty Payouts and Update Loyalties Accrued
// (a manager's, or a manager's override after the y/n), Utilities > Setup and Ledger > Account
// Maintenance (opened by a manager or with an override), editing an automation event, and Delete
// Loyalty tables (the role or an override instead of the manager PIN). A cashier cancelling
// changes nothing; a supervisor cannot approve a manager's action; a manager alone is never asked.
import type { ReactNode } from 'react';
import { Text } from 'ink';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../src/screens/app-context.js';
import { createAutomationJobs, type AutomationJobs, type EventJob } from '../../src/jobs/automation-jobs.js';
import { AutomationScreen } from '../../src/screens/automation/automation-screen.js';
import { DeleteLoyaltyTablesScreen } from '../../src/screens/golive/delete-screen.js';
import { LoyaltyPayoutsScreen } from '../../src/screens/loyalties/loyalty-payouts.js';
import { UpdateLoyaltiesAccruedScreen } from '../../src/screens/loyalties/update-loyalties-accrued.js';
import { mainMenuEntry } from '../../src/screens/menu/main-menu.js';
import { ensureLoyaltyPlusSalesEvent } from '../../src/store/automation.js';
import { backOffice } from '../../src/store/index.js';
import { backupLoyaltyTables, epochHistory } from '../../src/store/loyalty-tables/index.js';
import { MENU_TEXT, services, tallestFrame } from '../screens/forms/harness.js';
import { testRegistry } from '../screens/kit/test-registry.js';
import { ENTER, ESC, F8, F10, RIGHT, TAB } from '../screens/keys.js';
import { seededStore, sellMay, type Seeded } from '../screens/loyalties/fixtures.js';
import { render, type Rendered } from '../screens/render.js';
import { addCrew, audit, everyFrame, loggedIn, noPinShown, PINS, type CrewCode } from './crew.js';

let tmp: Seeded | undefined;
let view: Rendered | undefined;
let jobs: AutomationJobs | undefined;
afterEach(async () => {
  if (view) expect(tallestFrame(view)).toBeLessThanOrEqual(24);
  view?.unmount();
  await jobs?.stop();
  jobs = undefined;
  tmp?.cleanup();
  view = undefined;
  tmp = undefined;
});

/** May's sales accrued in June (D1 has R12.50 Available), the crew, and `code` logged in. */
async function books(code: CrewCode): Promise<{ t: Seeded; app: AppServices }> {
  tmp = await seededStore();
  sellMay(tmp);
  tmp.setNow('2026-06-10T08:00:00Z');
  await backOffice(tmp.store).accrue({ kinds: ['monthly-payment', 'monthly-journal'], zeroUnused: false, operator: 'system' });
  await addCrew(tmp.store);
  const session = loggedIn(tmp.store, null, code);
  return { t: tmp, app: { ...services(tmp.store), session, operator: code } };
}

async function screen(app: AppServices, title: string, node: ReactNode): Promise<Rendered> {
  view = await render(null, {
    services: app,
    stack: [{ id: 'menu', title: 'Main Menu', render: () => <Text>{MENU_TEXT}</Text> }, { id: 'screen', title, render: () => node }],
  });
  return view;
}

const available = (t: Seeded): number => backOffice(t.store).enquiry('D1').balances.available;

describe('Loyalty Payouts with operators', () => {
  it("a cashier's payout waits for a manager: a supervisor is refused, Esc pays nothing, a manager's override pays", async () => {
    const { t, app } = await books('C1');
    const v = await screen(app, 'Loyalty Payouts', <LoyaltyPayoutsScreen />);
    await v.waitFor('Find debtor:');
    await v.write(`thandi${ENTER}`);
    await v.waitFor('Debtor D1 Thandi Mokoena');
    await v.write(`5${F10}`);
    await v.waitFor('Pay out loyalties? (y/n)');
    await v.write('y');
    let f = await v.waitFor('Loyalty payout needs a manager: approver code and PIN');
    expect(f).toContain('for D1');
    await v.write(`S1${ENTER}${PINS.S1}${ENTER}`);
    await v.waitFor('S1 is a supervisor: Loyalty payout needs a manager');
    await v.write(ESC);
    await v.waitFor('Payout: not made (no manager approved it)');
    expect(available(t)).toBe(1250);
    expect(audit(t.store, ['override', 'payout'])).toEqual([]);

    await v.write(F10);
    await v.waitFor('Pay out loyalties? (y/n)');
    await v.write('y');
    await v.waitFor('Loyalty payout needs a manager');
    await v.write(`M1${ENTER}${PINS.M1}${ENTER}`);
    f = await v.waitFor('Paid out R5.00 to D1 Thandi Mokoena');
    const doc = /BACKOFFICE-\d{6}/.exec(f)?.[0];
    expect(available(t)).toBe(750);
    expect(audit(t.store, ['override'])).toEqual([expect.objectContaining({ operator: 'C1', approvedBy: 'M1', action: 'payout', ref: 'D1' })]);
    expect(audit(t.store, ['payout'])).toEqual([expect.objectContaining({ operator: 'C1', approvedBy: 'M1', ref: doc })]);
    expect(noPinShown(v)).toBe(true);
  });

  it('a manager pays out at once', async () => {
    const { t, app } = await books('M1');
    const v = await screen(app, 'Loyalty Payouts', <LoyaltyPayoutsScreen />);
    await v.waitFor('Find debtor:');
    await v.write(`thandi${ENTER}`);
    await v.waitFor('Debtor D1 Thandi Mokoena');
    await v.write(`5${F10}`);
    await v.waitFor('Pay out loyalties? (y/n)');
    await v.write('y');
    await v.waitFor('Paid out R5.00');
    expect(everyFrame(v, 'Approval needed')).toBe(false);
    expect(audit(t.store, ['override'])).toEqual([]);
    expect(audit(t.store, ['payout'])).toEqual([expect.objectContaining({ operator: 'M1' })]);
  });
});

describe('Update Loyalties Accrued with operators', () => {
  it('asks no manager PIN above the threshold, but a cashier needs a manager to approve every adjustment', async () => {
    const { t, app } = await books('C1');
    const v = await screen(app, 'Update Loyalties Accrued', <UpdateLoyaltiesAccruedScreen />);
    await v.waitFor('Reason');
    // R600.00 is above the R500.00 threshold of the fixture's Loyalty Setup.
    await v.write(`D1${TAB}D1${TAB}${TAB}600${TAB}goodwill${F10}`);
    let f = await v.waitFor('Preview: 1 debtor');
    expect(f).not.toContain('needs the manager PIN');
    await v.write(ENTER);
    await v.waitFor('Update Loyalties Accrued? (y/n)');
    await v.write('y');
    await v.waitFor('Loyalty adjustment needs a manager: approver code and PIN');
    await v.write(ESC);
    await v.waitFor('Not written: no manager approved the adjustments');
    expect(available(t)).toBe(1250);
    expect(audit(t.store, ['adjustment'])).toEqual([]);

    await v.write(ENTER);
    await v.waitFor('(y/n)');
    await v.write('y');
    await v.waitFor('Loyalty adjustment needs a manager');
    await v.write(`M1${ENTER}${PINS.M1}${ENTER}`);
    f = await v.waitFor('Adjustments written: BACKOFFICE-');
    expect(f).not.toContain('Manager PIN:');
    expect(available(t)).toBe(1250 + 60000);
    expect(audit(t.store, ['override'])).toEqual([expect.objectContaining({ operator: 'C1', approvedBy: 'M1', action: 'loyalty-adjust' })]);
    expect(audit(t.store, ['adjustment'])).toEqual([expect.objectContaining({ operator: 'C1', approvedBy: 'M1', action: 'loyalty-adjust' })]);
    expect(noPinShown(v)).toBe(true);
  });
});

describe('Setup with operators', () => {
  async function menu(code: CrewCode): Promise<{ t: Seeded; v: Rendered }> {
    const { t, app } = await books(code);
    view = await render(null, { services: app, stack: [mainMenuEntry(testRegistry, { till: null })] });
    await view.waitFor('Utilities');
    return { t, v: view };
  }

  it('a cashier opens Utilities > Setup only with a manager override; a supervisor cannot give it', async () => {
    const { t, v } = await menu('C1');
    await v.write('us');
    await v.waitFor('Setup needs a manager: approver code and PIN');
    await v.write(ESC);
    let f = await v.waitFor('Setup: not opened (no approval)');
    expect(f.split('\n')[0]).not.toContain('Utilities › Setup');
    await v.write('s');
    await v.waitFor('Setup needs a manager');
    await v.write(`S1${ENTER}${PINS.S1}${ENTER}`);
    await v.waitFor('S1 is a supervisor: Setup needs a manager');
    await v.write(`M1${ENTER}${PINS.M1}${ENTER}`);
    f = await v.waitFor('Company Details');
    expect(f).toContain('Main Menu › Utilities › Setup');
    expect(audit(t.store, ['override'])).toEqual([expect.objectContaining({ operator: 'C1', approvedBy: 'M1', action: 'setup', ref: 'Setup' })]);

    // Ledger > Account Maintenance is setup too.
    await v.write(`${ESC}${ESC}`);
    await v.waitFor((x) => x.includes('Ledger') && !x.includes('Company Details'));
    await v.write('la');
    await v.waitFor('Setup needs a manager');
    await v.write(ESC);
    await v.waitFor('Account Maintenance: not opened (no approval)');
    expect(noPinShown(v)).toBe(true);
  });

  it('a manager goes straight in, and keys typed in one burst land on the screens they were meant for', async () => {
    const { t, v } = await menu('M1');
    await v.write('usc');
    const f = await v.waitFor('Main Menu › Utilities › Setup › Company Details');
    expect(f).not.toContain('Approval needed');
    expect(audit(t.store, ['override'])).toEqual([]);
  });
});

describe('Automation with operators', () => {
  it("editing an event is setup: a cashier's Enter asks for a manager", async () => {
    const { t, app } = await books('C1');
    await ensureLoyaltyPlusSalesEvent(t.store, new Date('2026-06-01T08:00:00Z'));
    const v = await screen(app, 'Automation', <AutomationScreen />);
    await v.waitFor('IQEvent_LoyaltyPlus_Sales');
    await v.write(ENTER);
    await v.waitFor('Setup needs a manager: approver code and PIN');
    await v.write(ESC);
    const f = await v.waitFor('Edit: not done (no manager approved it)');
    expect(f.split('\n')[23]).not.toContain('Accept');
    await v.write(ENTER);
    await v.waitFor('Setup needs a manager');
    await v.write(`M1${ENTER}${PINS.M1}${ENTER}`);
    await v.waitFor((x) => (x.split('\n')[23] ?? '').includes('Accept'));
    expect(audit(t.store, ['override'])).toEqual([expect.objectContaining({ operator: 'C1', approvedBy: 'M1', action: 'setup', ref: 'IQEvent_LoyaltyPlus_Sales' })]);
  });
});

describe('Automation Run now with operators', () => {
  it("a cashier's Run now runs nothing until a manager approves it", async () => {
    const { t, app } = await books('C1');
    await ensureLoyaltyPlusSalesEvent(t.store, new Date('2026-06-01T08:00:00Z'));
    let runs = 0;
    const jobFor: EventJob = (e) => ({ name: e.name, cron: e.cron, catchUp: false, async run() { runs += 1; return 'done (test)'; } });
    jobs = createAutomationJobs({ store: t.store, now: () => new Date(), builtIn: [], jobFor, pollMs: 60_000, log: () => undefined });
    await jobs.start();
    const v = await screen({ ...app, automation: jobs }, 'Automation', <AutomationScreen />);
    await v.waitFor('Scheduled jobs run in this process');
    await v.write(F8);
    await v.waitFor('Setup needs a manager: approver code and PIN');
    await v.write(ESC);
    await v.waitFor('Run now: not done (no manager approved it)');
    expect(runs).toBe(0);
    await v.write(F8);
    await v.waitFor('Setup needs a manager');
    await v.write(`M1${ENTER}${PINS.M1}${ENTER}`);
    await v.waitFor('IQEvent_LoyaltyPlus_Sales: run finished: done (test)');
    expect(runs).toBe(1);
    expect(audit(t.store, ['override'])).toEqual([expect.objectContaining({ operator: 'C1', approvedBy: 'M1', action: 'setup' })]);
  });
});

describe('Delete Loyalty tables with operators', () => {
  it('asks for a manager instead of the manager PIN, and the delete carries the approver', async () => {
    const { t, app } = await books('C1');
    await backupLoyaltyTables(t.store, { now: new Date('2026-06-10T09:00:00Z') });
    const v = await screen(app, 'Delete Loyalty tables', <DeleteLoyaltyTablesScreen />);
    let f = await v.waitFor('Delete Loyalty tables needs a manager: approver code and PIN');
    expect(f).not.toContain('Manager PIN:');
    await v.write(ESC);
    await v.waitFor('Not approved: nothing was deleted');
    await v.write(ENTER);
    await v.waitFor('Delete Loyalty tables needs a manager');
    await v.write(`M1${ENTER}${PINS.M1}${ENTER}`);
    await v.waitFor('Pick the backup of the current data');
    await v.write(ENTER);
    await v.waitFor('Write-off account');
    for (let i = 0; i < 14; i++) await v.write(RIGHT);
    await v.waitFor("9000.000.000.00 Owner's Equity");
    await v.write(`${TAB}DELETE${F10}`);
    f = await v.waitFor('Loyalty tables deleted');
    const [reset] = epochHistory(t.store);
    expect(reset).toMatchObject({ action: 'reset', operator: 'C1' });
    expect(audit(t.store, ['override'])).toEqual([expect.objectContaining({ operator: 'C1', approvedBy: 'M1', action: 'delete-loyalty-tables' })]);
    expect(audit(t.store, ['loyalty-tables'])).toEqual([expect.objectContaining({ operator: 'C1', approvedBy: 'M1', action: 'delete-loyalty-tables' })]);
    expect(noPinShown(v)).toBe(true);
  });

  it('a manager is not asked at all', async () => {
    const { app } = await books('M1');
    const v = await screen(app, 'Delete Loyalty tables', <DeleteLoyaltyTablesScreen />);
    await v.waitFor('Pick the backup of the current data');
    expect(everyFrame(v, 'Approval needed')).toBe(false);
  });
});
