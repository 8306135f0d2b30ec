import { afterEach, describe, expect, it } from 'vitest';
import { mainMenuEntry } from '../../../src/screens/menu/main-menu.js';
import { stripAnsi, render, type Rendered } from '../render.js';
import { CTRL_C, DOWN, ENTER, ESC, F1, F7, PGDN } from '../keys.js';
import { testServices, type TestServices } from './services.js';
import { testRegistry } from './test-registry.js';

let view: Rendered | undefined;
let env: TestServices | undefined;
afterEach(() => {
  view?.unmount();
  env?.close();
});

const tallest = (frames: string[]): number => Math.max(...frames.map((f) => stripAnsi(f).split('\n').length));
const widest = (frames: string[]): number => Math.max(...frames.flatMap((f) => stripAnsi(f).split('\n').map((l) => [...l].length)));

describe('no frame is taller (or wider) than the terminal', () => {
  it('at 80x24, through every screen, the help overlay and the quit dialog', async () => {
    env = await testServices(true);
    view = await render(null, { services: env.services, stack: [mainMenuEntry(testRegistry, env.services)] });
    await view.waitFor('Point of Sale');
    const tour: [string, string | ((f: string) => boolean)][] = [
      [F1, 'Help: Main Menu'], [PGDN, 'Help'], [ESC, '> Point of Sale'],
      ['p', 'POS SCREEN'], [`6001000000011${ENTER}`, 'lines 1'], [F7, 'needs Loyalty Plus'], [F1, 'Help: Point of Sale'],
      [PGDN, 'of '], [ESC, 'POS SCREEN'], [`nosuchcode${ENTER}`, '!'], [CTRL_C, 'Quit tillpoint?'], ['n', 'POS SCREEN'], [ESC, (f) => f.includes('> Point of Sale') && !f.includes('POS SCREEN')],
      ['d', 'DEBTOR LIST'], [ESC, (f) => f.includes('> Debtors') && !f.includes('DEBTOR LIST')],
      ['i', 'ITEM LIST'], [ESC, (f) => f.includes('> Inventory') && !f.includes('ITEM LIST')],
      ['c', 'CONTRACT LIST'], [ESC, (f) => f.includes('> Contracts') && !f.includes('CONTRACT LIST')],
      ['l', 'Account Maintenance'], [ENTER, 'ACCOUNT LIST'], [F1, 'Help: Account Maintenance'], [ESC, 'ACCOUNT LIST'], [ESC, '> Account'], [ESC, (f) => f.includes('> Ledger') && !f.split('\n')[0]!.includes('Ledger')],
      ['u', 'Setup'], ['s', 'Company Details'], ['c', 'COMPANY FORM'], ['x', 'Acmex'], [ESC, 'Leave Company Details?'], ['y', '> Company Details'],
      [DOWN, '> Tender Setup'], [ENTER, 'TENDER LIST'],
    ];
    for (const [keys, expectText] of tour) {
      await view.write(keys);
      await view.waitFor(expectText);
    }
    expect(view.frames.length).toBeGreaterThanOrEqual(tour.length);
    expect(tallest(view.frames)).toBe(24);
    expect(widest(view.frames)).toBeLessThanOrEqual(80);
  });

  it('at other sizes too, including after a resize below the minimum', async () => {
    env = await testServices(true);
    view = await render(null, { services: env.services, stack: [mainMenuEntry(testRegistry, env.services)], columns: 120, rows: 40 });
    await view.waitFor('Point of Sale');
    await view.write(F1);
    await view.waitFor('Help: Main Menu');
    expect(tallest(view.frames)).toBe(40);
    const before = view.frames.length;
    await view.resize(60, 15);
    await view.waitFor('this is 60x15');
    const small = view.frames.slice(before);
    expect(tallest(small)).toBeLessThanOrEqual(15);
    expect(widest(small)).toBeLessThanOrEqual(60);
    const mid = view.frames.length;
    await view.resize(80, 24);
    await view.waitFor('Help: Main Menu');
    expect(tallest(view.frames.slice(mid))).toBe(24);
  });
});

describe('the real screens of the menu tree', () => {
  it('each opens from the Main Menu and keeps every frame within 80x24', async () => {
    const { screenRegistry } = await import('../../../src/screens/menu/screen-registry.js');
    env = await testServices(true);
    view = await render(null, { services: env.services, stack: [mainMenuEntry(screenRegistry, env.services)] });
    await view.waitFor('Point of Sale');
    const atMenu = (f: string): boolean => /^Main Menu\s+Till/.test(f.split('\n')[0] ?? '');
    const paths: [string, string][] = [['p', 'Point of Sale'], ['d', 'Debtors'], ['i', 'Inventory'], ['c', 'Contracts'], ['la', 'Account Maintenance'], ['usc', 'Company Details'], ['ust', 'Tender Setup']];
    for (const [keys, title] of paths) {
      await view.write(keys);
      await view.waitFor((f) => (f.split('\n')[0] ?? '').includes(title));
      await view.write(F1);
      await view.waitFor(`Help: ${title}`);
      await view.write(ESC);
      await view.waitFor((f) => !f.includes(`Help: ${title}`));
      // Back to the Main Menu, however deep the screen was.
      for (let i = 0; i < keys.length && !atMenu(view.frame()); i++) {
        await view.write(ESC);
        await view.waitFor((f) => !(f.split('\n')[0] ?? '').includes(title) || atMenu(f), 3000);
      }
      await view.waitFor(atMenu);
    }
    expect(tallest(view.frames)).toBeLessThanOrEqual(24);
    expect(widest(view.frames)).toBeLessThanOrEqual(80);
  });
});
