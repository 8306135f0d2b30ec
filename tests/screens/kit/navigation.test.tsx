import { Text } from 'ink';
import { afterEach, describe, expect, it } from 'vitest';
import type { ScreenEntry } from '../../../src/screens/app-context.js';
import { buildMainMenu, mainMenuEntry } from '../../../src/screens/menu/main-menu.js';
import { clampWindow, menuReducer } from '../../../src/screens/menu/menu-state.js';
import { menuScreen } from '../../../src/screens/menu/menu-screen.js';
import { quitQuestion } from '../../../src/screens/shell/navigator.js';
import { stackReducer } from '../../../src/screens/shell/stack-reducer.js';
import { commandFor } from '../../../src/screens/keys/bindings.js';
import { createKeyParser } from '../../../src/screens/keys/parse-keys.js';
import { CTRL_C, DOWN, END, ENTER, ESC, F1, F10, HOME, UP } from '../keys.js';
import { render, type Rendered } from '../render.js';
import { testServices, type TestServices } from './services.js';
import { scanned, testRegistry } from './test-registry.js';

let view: Rendered | undefined;
let env: TestServices | undefined;
afterEach(() => {
  view?.unmount();
  view = undefined;
  env?.close();
  env = undefined;
});

async function app(withTill = true, opts: { rows?: number; theme?: { mono?: boolean; env?: NodeJS.ProcessEnv } } = {}): Promise<Rendered> {
  env = await testServices(withTill);
  view = await render(null, { services: env.services, stack: [mainMenuEntry(testRegistry, env.services)], ...opts });
  await view.waitFor('Point of Sale');
  return view;
}

const entry = (id: string): ScreenEntry => ({ id, title: id, render: () => null });

describe('stack and menu reducers', () => {
  it('push, pop and replace; the bottom screen is never popped', () => {
    const one = { screens: [entry('main')] };
    expect(stackReducer(one, { type: 'pop' })).toBe(one);
    const two = stackReducer(one, { type: 'push', screen: entry('a') });
    expect(two.screens.map((s) => s.id)).toEqual(['main', 'a']);
    expect(stackReducer(two, { type: 'replace', screen: entry('b') }).screens.map((s) => s.id)).toEqual(['main', 'b']);
    expect(stackReducer(two, { type: 'pop' }).screens.map((s) => s.id)).toEqual(['main']);
  });

  it('keeps the selection in range and the window around it', () => {
    const bounds = { count: 10, rows: 3 };
    let s = { selected: 0, top: 0 };
    s = menuReducer(s, { type: 'move', delta: -1 }, bounds);
    expect(s).toEqual({ selected: 0, top: 0 });
    s = menuReducer(s, { type: 'move', delta: 4 }, bounds);
    expect(s).toEqual({ selected: 4, top: 2 });
    s = menuReducer(s, { type: 'move', delta: 100 }, bounds);
    expect(s).toEqual({ selected: 9, top: 7 });
    s = menuReducer(s, { type: 'set', index: 1 }, bounds);
    expect(s).toEqual({ selected: 1, top: 1 });
    expect(clampWindow({ selected: 9, top: 7 }, { count: 10, rows: 20 })).toEqual({ selected: 9, top: 0 });
  });

  it('the main menu tree has only the built branches, with unique hot keys that are not bound in menus', () => {
    const items = buildMainMenu(testRegistry, { till: null });
    expect(items.map((i) => i.label)).toEqual(['Point of Sale', 'Debtors', 'Inventory', 'Contracts', 'Loyalties', 'Ledger', 'Reports', 'Cash-up', 'Utilities']);
    const parse = (c: string) => createKeyParser().feed(c, 0)[0]!;
    const check = (list: typeof items) => {
      const keys = list.map((i) => i.hotKey.toLowerCase());
      expect(new Set(keys).size).toBe(keys.length);
      for (const k of keys) expect(commandFor(parse(k), 'menu')).toBeUndefined();
    };
    check(items);
    expect(items[0]!.disabled).toMatch(/no till/);
    expect(buildMainMenu(testRegistry, { till: {} as never })[0]!.disabled).toBeUndefined();
  });

  it('asks before quitting only when a sale is open', () => {
    expect(quitQuestion(null, 'T1')).toBeNull();
    expect(quitQuestion(2, 'T1')?.message).toContain('A sale is open on till T1 (2 lines)');
  });
});

describe('the app: menus, Esc back, quit', () => {
  it('hot keys open sub-menus and screens, Esc goes back one level, the Main Menu stays', async () => {
    const v = await app();
    let f = v.frame();
    expect(f.split('\n')[0]).toMatch(/^Main Menu\s+Till T1 \| tester$/);
    expect(f).toContain('> Point of Sale');
    await v.write('u');
    f = await v.waitFor('Main Menu › Utilities');
    expect(f).toContain('> Setup');
    await v.write('s');
    await v.waitFor('Main Menu › Utilities › Setup');
    await v.write('T');
    f = await v.waitFor('TENDER LIST');
    expect(f).toContain('Main Menu › Utilities › Setup › Tender Setup');
    expect(f).toContain('CASH');
    await v.write(ESC);
    f = await v.waitFor((x) => x.includes('Company Details') && !x.includes('TENDER LIST'));
    // Back where we were: the menu kept its selection (Tender Setup).
    expect(f).toContain('> Tender Setup');
    await v.write(ESC);
    await v.waitFor((x) => x.split('\n')[0]!.startsWith('Main Menu › Utilities') && x.includes('> Setup'));
    await v.write(ESC);
    f = await v.waitFor((x) => x.includes('> Utilities'));
    expect(f.split('\n')[0]).toMatch(/^Main Menu\s/);
    await v.write(ESC);
    await new Promise((r) => setTimeout(r, 150));
    // The Main Menu cannot be popped.
    expect(v.frame()).toContain('> Utilities');
    expect(v.frame()).toContain('Point of Sale');
    expect(v.quits()).toBe(0);
  });

  it('arrows and Enter move and open; Home/End jump', async () => {
    const v = await app();
    await v.write(DOWN);
    await v.waitFor('> Debtors');
    await v.write(DOWN);
    await v.waitFor('> Inventory');
    await v.write(DOWN);
    await v.waitFor('> Contracts');
    await v.write(DOWN);
    await v.waitFor('> Loyalties');
    await v.write(DOWN);
    await v.waitFor('> Ledger');
    await v.write(END);
    await v.waitFor('> Utilities');
    await v.write(HOME);
    await v.waitFor('> Point of Sale');
    await v.write(`${DOWN}${DOWN}${DOWN}${DOWN}${DOWN}${DOWN}${UP}`);
    await v.waitFor('> Ledger');
    await v.write(ENTER);
    await v.waitFor('> Account Maintenance');
    await v.write(ENTER);
    await v.waitFor('ACCOUNT LIST');
  });

  it('keys typed in one burst after the menu key land in the new screen', async () => {
    const v = await app();
    scanned.length = 0;
    await v.write(`p6001000000011${ENTER}6001000000011${ENTER}`);
    await v.waitFor('POS SCREEN lines 2');
    expect(scanned).toEqual(['6001000000011', '6001000000011']);
  });

  it('a disabled item says why instead of opening', async () => {
    const v = await app(false);
    await v.write('p');
    await v.waitFor('Point of Sale: this session has no till');
    expect(v.frame()).not.toContain('POS SCREEN');
  });

  it('q quits at once with no sale; F10 too', async () => {
    let v = await app();
    await v.write('q');
    expect(v.quits()).toBe(1);
    v.unmount();
    env?.close();
    v = await app();
    await v.write(F10);
    expect(v.quits()).toBe(1);
  });

  it('with an open sale, quitting asks; n stays, y quits; Ctrl+C twice quits at once', async () => {
    const v = await app();
    await v.write(`p6001000000011${ENTER}`);
    await v.waitFor('POS SCREEN lines 1');
    await v.write(ESC);
    await v.waitFor((x) => x.includes('> Point of Sale') && !x.includes('POS SCREEN'));
    await v.write('q');
    let f = await v.waitFor('Quit tillpoint?');
    expect(f).toContain('A sale is open on till T1 (1 line)');
    expect(f.split('\n')[23]).toContain('y Yes');
    await v.write('x'); // swallowed by the dialog, not a hot key
    await v.write('n');
    f = await v.waitFor((x) => !x.includes('Quit tillpoint?'));
    expect(v.quits()).toBe(0);
    await v.write('p');
    await v.waitFor('POS SCREEN');
    await v.write(CTRL_C);
    await v.waitFor('Quit tillpoint?');
    expect(v.quits()).toBe(0);
    await v.write(CTRL_C);
    expect(v.quits()).toBe(1);
  });

  it('y in the quit dialog quits; Esc cancels it', async () => {
    const v = await app();
    await v.write(`p6001000000011${ENTER}`);
    await v.waitFor('POS SCREEN lines 1');
    await v.write(CTRL_C);
    await v.waitFor('Quit tillpoint?');
    await v.write(ESC);
    await v.waitFor((x) => !x.includes('Quit tillpoint?') && x.includes('POS SCREEN'));
    // Esc closed the dialog only: we are still on the till screen.
    expect(v.quits()).toBe(0);
    await v.write(CTRL_C);
    await v.waitFor('Quit tillpoint?');
    await v.write('y');
    expect(v.quits()).toBe(1);
  });

  it('a screen may consume Esc to ask about unsaved edits', async () => {
    const v = await app();
    await v.write('usc');
    await v.waitFor('COMPANY FORM');
    await v.write(ESC);
    await v.waitFor((x) => x.includes('Utilities › Setup') && x.includes('> Company Details'));
    await v.write('c');
    await v.waitFor('COMPANY FORM');
    await v.write(' Ltd');
    await v.waitFor('Store name Acme Ltd');
    await v.write(ESC);
    await v.waitFor('Leave Company Details?');
    await v.write('n');
    await v.waitFor((x) => x.includes('COMPANY FORM') && !x.includes('Leave Company'));
    await v.write(ESC);
    await v.waitFor('Leave Company Details?');
    await v.write('y');
    await v.waitFor((x) => x.includes('> Company Details') && !x.includes('COMPANY FORM'));
  });

  it('help on a menu lists the menu keys from the table', async () => {
    const v = await app();
    await v.write(F1);
    const f = await v.waitFor('Help: Main Menu');
    expect(f).toContain('q / F10');
    expect(f).toContain('Letter');
    await v.write(ESC);
    await v.waitFor('> Point of Sale');
  });

  it('hot keys show as [P] in ASCII or mono mode', async () => {
    const v = await app(true, { theme: { mono: true } });
    expect(v.frame()).toContain('> [P] Point of Sale');
    expect(v.frame()).toContain('  [L] Ledger');
  });

  it('a long menu is windowed to the rows available', async () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ label: `Item ${i + 1}`, hotKey: String.fromCharCode(97 + (i % 26)), open: () => entry(`i${i}`) }));
    env = await testServices(false);
    view = await render(null, { services: env.services, stack: [menuScreen('m', 'Main Menu', many)] });
    let f = await view.waitFor('Item 1');
    expect(f.split('\n')).toHaveLength(24);
    expect(f).toContain('Item 19');
    expect(f).not.toContain('Item 20');
    await view.write(END);
    f = await view.waitFor('> [N] Item 40');
    expect(f).not.toContain('Item 21 ');
    expect(f.split('\n')).toHaveLength(24);
  });
});

describe('a plain node as the only screen', () => {
  it('renders with services and the stack around it', async () => {
    env = await testServices(false);
    view = await render(<Text>HELLO</Text>, { services: env.services });
    expect(await view.waitFor('HELLO')).toContain('HELLO');
  });
});
