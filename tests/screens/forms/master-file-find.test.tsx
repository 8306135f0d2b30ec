// Find on the master files: Inventory has it (tests/screens/inventory); the short lists refuse it.
import { afterEach, describe, expect, it } from 'vitest';
import { AccountMaintenanceScreen } from '../../../src/screens/ledger/account-maintenance.js';
import { TenderSetupScreen } from '../../../src/screens/setup/tender-setup.js';
import type { Rendered } from '../render.js';
import { ENTER, F3 } from '../keys.js';
import { openTempStore, renderScreen, type TempStore } from './harness.js';

let tmp: TempStore | undefined;
let view: Rendered | undefined;
afterEach(() => {
  view?.unmount();
  tmp?.cleanup();
  view = undefined;
  tmp = undefined;
});

describe('lists without search keep refusing Find', () => {
  it('Tender Setup: F3 and / say why; no field opens and typing does nothing', async () => {
    tmp = await openTempStore();
    view = await renderScreen(<TenderSetupScreen />, tmp.store, 'Tender Setup');
    await view.waitFor('CASH');
    await view.write(F3);
    await view.waitFor('Find: not offered on Tender Setup');
    await view.write(`/card${ENTER}`);
    // Enter still edits the selected (first) row: nothing narrowed the list.
    const f = await view.waitFor('Tender Setup › Edit CASH');
    expect(f).not.toMatch(/Find\s.*of \d/);
  });

  it('Account Maintenance: F3 says why', async () => {
    tmp = await openTempStore();
    view = await renderScreen(<AccountMaintenanceScreen />, tmp.store, 'Account Maintenance');
    await view.waitFor('3700.000.000.00');
    await view.write(F3);
    await view.waitFor('Find: not offered on Account Maintenance');
  });
});
