import { afterEach, describe, expect, it } from 'vitest';
import { Text } from 'ink';
import { loyaltiesMenuItems } from '../../../src/screens/loyalties/loyalties-menu.js';
import { buildMainMenu, mainMenuEntry } from '../../../src/screens/menu/main-menu.js';
import { screenRegistry } from '../../../src/screens/menu/screen-registry.js';
import { render, type Rendered } from '../render.js';
import { ENTER, ESC } from '../keys.js';
import { services, tallestFrame } from '../forms/harness.js';
import { seededStore, sellMay, type Seeded } from './fixtures.js';

let tmp: Seeded | undefined;
let view: Rendered | undefined;
afterEach(() => {
  if (view) expect(tallestFrame(view)).toBeLessThanOrEqual(24);
  view?.unmount();
  tmp?.cleanup();
  view = undefined;
  tmp = undefined;
});

describe('Main Menu > Loyalties', () => {
  it('has unique hot keys, none of them q, in the Main Menu and in Loyalties', () => {
    const main = buildMainMenu(screenRegistry, { till: null }).map((i) => i.hotKey);
    const loyalties = loyaltiesMenuItems(screenRegistry).map((i) => i.hotKey);
    for (const keys of [main, loyalties]) {
      expect(new Set(keys).size).toBe(keys.length);
      expect(keys).not.toContain('q');
    }
    expect(main).toContain('y');
    expect(loyaltiesMenuItems(screenRegistry).map((i) => i.label)).toEqual(['Accrue Loyalties', 'Update Loyalties Accrued', 'Loyalty Payouts', 'Loyalty Enquiry']);
  });

  it('offers a screen its registry lacks as disabled, with the reason', () => {
    const items = loyaltiesMenuItems({ loyaltyEnquiry: () => <Text>E</Text> });
    expect(items.map((i) => i.disabled === undefined)).toEqual([false, false, false, true]);
    expect(items[0]!.disabled).toBe('Accrue Loyalties: not available in this session');
  });

  it('opens from the Main Menu with y, each item by its letter, and Esc comes back', async () => {
    tmp = await seededStore();
    sellMay(tmp);
    view = await render(null, { services: services(tmp.store), stack: [mainMenuEntry(screenRegistry, services(tmp.store))], theme: { mono: true } });
    await view.waitFor('[Y] Loyalties');
    await view.write('y');
    let f = await view.waitFor('[E] Loyalty Enquiry');
    expect(f.split('\n')[0]).toContain('Main Menu › Loyalties');
    for (const label of ['[A] Accrue Loyalties', '[U] Update Loyalties Accrued', '[P] Loyalty Payouts']) expect(f).toContain(label);
    await view.write('e');
    await view.waitFor('Find debtor:');
    await view.write(`d2${ENTER}`);
    f = await view.waitFor('Month to Date');
    expect(f).toContain('D2 Acme Catering   Monthly - Journal Account');
    await view.write(ESC);
    await view.waitFor('Find debtor:');
    await view.write(ESC);
    await view.waitFor((fr) => fr.includes('[E] Loyalty Enquiry') && !fr.includes('Find debtor'));
    await view.write('a');
    await view.waitFor('Zero Unused Accrued Loyalties');
    await view.write(ESC);
    await view.waitFor((fr) => fr.includes('[E] Loyalty Enquiry') && !fr.includes('Zero Unused'));
    await view.write('u');
    await view.waitFor('From debtor');
    await view.write(ESC);
    await view.waitFor((fr) => fr.includes('[P] Loyalty Payouts') && !fr.includes('From debtor'));
    await view.write('p');
    await view.waitFor('Find debtor:');
    await view.write(ESC);
    await view.write(ESC);
    await view.waitFor('[Y] Loyalties');
  });
});
