import { afterEach, describe, expect, it } from 'vitest';
import { AccountMaintenanceScreen } from '../../../src/screens/ledger/account-maintenance.js';
import { TenderSetupScreen } from '../../../src/screens/setup/tender-setup.js';
import type { Rendered } from '../render.js';
import { DEL, DOWN, END, ENTER, ESC, F10, INS, LEFT, RIGHT, TAB, ctrl } from '../keys.js';
import { openTempStore, renderScreen, rowWith, tallestFrame, type TempStore } from '../forms/harness.js';

let tmp: TempStore | undefined;
let view: Rendered | undefined;
afterEach(() => {
  view?.unmount();
  tmp?.cleanup();
  view = undefined;
  tmp = undefined;
});

async function open(): Promise<{ view: Rendered; tmp: TempStore }> {
  tmp = await openTempStore();
  view = await renderScreen(<AccountMaintenanceScreen />, tmp.store, 'Account Maintenance');
  return { view, tmp };
}

const CODE_RULE = '! Code: four groups of digits NNNN.NNN.NNN.NN, e.g. 3700.000.000.00';

describe('Ledger > Account Maintenance', () => {
  it('lists the accounts with code, name and type', async () => {
    const { view } = await open();
    const f = view.frame();
    expect(f.split('\n')[0]).toContain('Main Menu › Ledger › Account Maintenance');
    expect(rowWith(f, 'Code')).toMatch(/Code\s+Name\s+Type/);
    expect(rowWith(f, '3700.000.000.00')).toMatch(/3700\.000\.000\.00\s+Cash on Hand Control\s+asset/);
    expect(rowWith(f, '5100.000.000.00')).toMatch(/Loyalties Accrued\s+liability/);
    expect(tallestFrame(view)).toBeLessThanOrEqual(24);
  });

  it('refuses a code not in NNNN.NNN.NNN.NN form and a duplicate, then adds the account', async () => {
    const { view, tmp } = await open();
    const count = tmp.onDisk('accounts').accounts.length;
    await view.write(INS);
    await view.waitFor('Account Maintenance › Add');
    for (const bad of ['3750', '3750-000-000-00', '3750.00.000.00', '3750.000.000.000']) {
      await view.write(`${ctrl('u')}${bad}${TAB}`);
      await view.waitFor(CODE_RULE);
    }
    await view.write(`${ctrl('u')}3700.000.000.00${TAB}`);
    await view.waitFor('! Code: account 3700.000.000.00 already exists; choose another code');
    // Accept refuses as well while the code is bad: nothing is written.
    await view.write(F10);
    await view.waitFor('! Code: account 3700.000.000.00 already exists');
    expect(tmp.onDisk('accounts').accounts).toHaveLength(count);

    await view.write(`${ctrl('u')}3750.000.000.00${TAB}Loyalty Plus Clearing${TAB}`);
    await view.waitFor('< asset >');
    await view.write(`${RIGHT}${RIGHT}${RIGHT}${RIGHT}`);
    await view.waitFor('< expense >');
    await view.write(`${LEFT}${F10}`);
    const f = await view.waitFor('Saved account 3750.000.000.00');
    expect(rowWith(f, '3750.000.000.00')).toMatch(/^│ > 3750\.000\.000\.00\s+Loyalty Plus Clearing\s+income/);
    expect(tmp.onDisk('accounts').accounts.find((a) => a.code === '3750.000.000.00')).toEqual({ code: '3750.000.000.00', name: 'Loyalty Plus Clearing', type: 'income' });
  });

  it('edits an account: the code is fixed, a blank name is refused, a new name is saved', async () => {
    const { view, tmp } = await open();
    await view.write(ENTER);
    let f = await view.waitFor('Account Maintenance › 1000.000.000.00');
    expect(rowWith(f, 'Code')).toContain('1000.000.000.00 (fixed)');
    await view.write(`${ctrl('u')}${TAB}`);
    await view.waitFor('! Name is required');
    await view.write('Sales - Retail');
    await view.write(F10);
    f = await view.waitFor('Saved account 1000.000.000.00');
    expect(rowWith(f, '1000.000.000.00')).toContain('Sales - Retail');
    expect(tmp.onDisk('accounts').accounts[0]).toEqual({ code: '1000.000.000.00', name: 'Sales - Retail', type: 'income' });
  });

  it('Esc with edits asks first; Delete says why accounts are kept', async () => {
    const { view, tmp } = await open();
    const before = tmp.onDisk('accounts');
    await view.write(`${DOWN}${ENTER}`);
    await view.waitFor('Account Maintenance › 1500.000.000.00');
    await view.write('x');
    await view.write(ESC);
    await view.waitFor('Discard changes? (y/n)');
    await view.write('y');
    await view.waitFor((fr) => rowWith(fr, '1500.000.000.00').startsWith('│ >'));
    await view.write(DEL);
    await view.waitFor('Delete: ledger accounts are not deleted');
    expect(tmp.onDisk('accounts')).toEqual(before);
  });

  it('a new account can then be chosen as a tender ledger account in Tender Setup', async () => {
    const { view: accounts, tmp } = await open();
    await accounts.write(`${INS}`);
    await accounts.waitFor('Add');
    await accounts.write(`3705.000.000.00${TAB}Loyalty Plus Control${TAB}${F10}`);
    await accounts.waitFor('Saved account 3705.000.000.00');
    accounts.unmount();
    view = await renderScreen(<TenderSetupScreen />, tmp.store, 'Tender Setup');
    await view.write(`${END}${ENTER}`);
    await view.waitFor('Edit LOY');
    // Name has the focus (the code is fixed): two Tabs reach the ledger account.
    await view.write(`${TAB}${TAB} `);
    await view.waitFor('Up/Down move, Enter choose');
    // 3705 sorts where it was added: last.
    await view.write(`${END}`);
    await view.waitFor('> 3705.000.000.00 Loyalty Plus Control');
    await view.write(`${ENTER}${TAB} ${F10}`);
    await view.waitFor('Saved tender LOY');
    expect(tmp.onDisk('tenders').tenders.find((t) => t.code === 'LOY')).toMatchObject({ ledgerAccount: '3705.000.000.00', useLoyaltyPlus: true });
  });
});
