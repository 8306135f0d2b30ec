// Idle lock, Ctrl+L, take-over by another operator, Log out, and a store without operators that
// behaves as before: the open sale survives every lock, and each step is in the audit trail.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CTRL_C, ENTER, ESC, F10, F2, LEFT, TAB, UP, ctrl } from '../screens/keys.js';
import type { Rendered } from '../screens/render.js';
import { PINS, noPinIn, openSessionTill, renderTill, type SessionFixture } from './fixture.js';

let view: Rendered | undefined;
let f: SessionFixture | undefined;
afterEach(() => {
  vi.useRealTimers();
  view?.unmount();
  view = undefined;
  f?.close();
  f = undefined;
});

const MINUTE = 60_000;
const topRow = (frame: string): string => frame.split('\n')[0] ?? '';

async function loggedInWithMilk(fx: SessionFixture, code: keyof typeof PINS): Promise<Rendered> {
  const v = await renderTill(fx);
  await v.waitFor('Log in to till T1');
  await v.write(`${code}${ENTER}${PINS[code]}${ENTER}`);
  await v.waitFor('ENTRY');
  await v.write(`6001000000011${ENTER}`);
  await v.waitFor('Full Cream Milk 1L');
  return v;
}

describe('locking the till', () => {
  it('locks after the idle minutes without a key, keeps the sale, and the same PIN goes on', async () => {
    // Only the clock and the timers are fake; everything else (files, hashes, Ink) is real.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'], shouldAdvanceTime: true });
    f = await openSessionTill({ idleLockMinutes: 5 });
    view = await loggedInWithMilk(f, 'C1');
    vi.advanceTimersByTime(4 * MINUTE);
    // A key (a cursor move in the entry) starts the idle time again.
    await view.write(LEFT);
    vi.advanceTimersByTime(4 * MINUTE);
    await new Promise((r) => setTimeout(r, 50));
    expect(f.session.locked()).toBe(false);
    expect(view.frame()).toContain('Full Cream Milk 1L');
    vi.advanceTimersByTime(1 * MINUTE + 1000);
    let frame = await view.waitFor('Locked: C1 Carol');
    expect(frame).not.toContain('Full Cream Milk 1L');
    expect(f.till.getState().sale?.lines).toHaveLength(1);
    // The locked operator's code is there already: the PIN alone goes on.
    await view.write(`${PINS.C1}${ENTER}`);
    frame = await view.waitFor('Full Cream Milk 1L');
    expect(topRow(frame)).toContain('C1 Carol');
    expect(f.audit().map((e) => e.kind).filter((k) => k !== 'setup')).toEqual(['login', 'lock', 'unlock']);
    expect(noPinIn(view)).toBe(true);
  });

  it('does not lock by itself when the idle minutes are 0', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'], shouldAdvanceTime: true });
    f = await openSessionTill({ idleLockMinutes: 0 });
    view = await loggedInWithMilk(f, 'C1');
    vi.advanceTimersByTime(120 * MINUTE);
    await new Promise((r) => setTimeout(r, 50));
    expect(f.session.locked()).toBe(false);
    expect(view.frame()).toContain('Full Cream Milk 1L');
  });

  it('Ctrl+L locks now; another operator takes over and the next record carries them', async () => {
    f = await openSessionTill();
    view = await loggedInWithMilk(f, 'C1');
    await view.write(ctrl('l'));
    let frame = await view.waitFor('Locked: C1 Carol');
    expect(frame).toContain('Operator code   C1');
    // A wrong PIN for the locked operator is refused like any other.
    await view.write(`1111${ENTER}`);
    await view.waitFor('Wrong PIN for C1');
    // Up to the code, clear it, and log in as the supervisor.
    await view.write(`${UP}${ctrl('u')}S1${ENTER}${PINS.S1}${ENTER}`);
    frame = await view.waitFor('Full Cream Milk 1L');
    expect(topRow(frame)).toContain('S1 Sipho');
    await view.write(`${F2}c${ENTER}`);
    await view.waitFor('Sale T1-000001 complete');
    expect(f.journal()).toMatchObject([{ kind: 'sale', operator: 'S1' }]);
    expect(f.audit().filter((e) => e.kind !== 'setup').map((e) => [e.kind, e.operator])).toEqual([
      ['login', 'C1'], ['lock', 'C1'], ['failed-pin', 'C1'], ['login', 'S1'],
    ]);
    expect(noPinIn(view)).toBe(true);
  });

  it('Log out on the Main Menu brings the login back in front of the menu; the next operator goes on there', async () => {
    f = await openSessionTill();
    view = await loggedInWithMilk(f, 'C1');
    await view.write(ESC);
    await view.waitFor('Log out');
    await view.write('o');
    await view.waitFor('Log in to till T1');
    expect(f.session.current()).toBeNull();
    // Esc on the login screen never goes back to the menu underneath.
    await view.write(ESC);
    expect(view.frame()).toContain('Log in to till T1');
    await view.write(`M1${ENTER}${PINS.M1}${ENTER}`);
    const frame = await view.waitFor('Utilities');
    expect(topRow(frame)).toMatch(/^Main Menu\s.*M1 Mandla/);
    // The sale rung up before is still open.
    expect(f.till.getState().sale?.lines).toHaveLength(1);
    expect(f.audit().filter((e) => e.kind !== 'setup').map((e) => [e.kind, e.operator])).toEqual([
      ['login', 'C1'], ['logout', 'C1'], ['login', 'M1'],
    ]);
  });
});

describe('keys around the gate', () => {
  it('a burst of code, PIN and a scan reaches the till after the login; a scan right after Ctrl+L does not', async () => {
    f = await openSessionTill();
    view = await renderTill(f);
    await view.waitFor('Log in to till T1');
    await view.write(`C1${ENTER}${PINS.C1}${ENTER}6001000000011${ENTER}`);
    await view.waitFor('Full Cream Milk 1L');
    expect(f.till.getState().sale?.lines).toHaveLength(1);
    await view.write(`${ctrl('l')}6001000000011${ENTER}`);
    await view.waitFor('Locked: C1 Carol');
    expect(f.till.getState().sale?.lines).toHaveLength(1);
  });
});

describe('quitting from the login screen', () => {
  it('Ctrl+C on the locked till asks first because a sale is open; No keeps the lock, Yes quits', async () => {
    f = await openSessionTill();
    view = await loggedInWithMilk(f, 'C1');
    await view.write(ctrl('l'));
    await view.waitFor('Locked: C1 Carol');
    await view.write(CTRL_C);
    await view.waitFor('Quit tillpoint?');
    await view.write('n');
    await view.waitFor((x) => x.includes('Locked: C1 Carol') && !x.includes('Quit tillpoint?'));
    expect(view.quits()).toBe(0);
    await view.write(CTRL_C);
    await view.waitFor('Quit tillpoint?');
    await view.write('y');
    expect(view.quits()).toBe(1);
  });
});

describe('a store without operators', () => {
  it('opens on the till with no login, acts as system, and explains Lock and Log out', async () => {
    f = await openSessionTill({ operators: false });
    view = await renderTill(f);
    await view.waitFor('ENTRY');
    expect(topRow(view.frame())).toContain('Till T1 | system');
    await view.write(ctrl('l'));
    await view.waitFor('Lock: this store has no operators');
    await view.write(`6001000000011${ENTER}`);
    await view.waitFor('Full Cream Milk 1L');
    await view.write(`${F2}c${ENTER}`);
    await view.waitFor('Sale T1-000001 complete');
    expect(f.journal()).toMatchObject([{ kind: 'sale', operator: 'system' }]);
    await view.write(`${ENTER}${ESC}`);
    await view.waitFor('Log out');
    await view.write('o');
    await view.waitFor('Log out: this store has no operators');
    expect(f.audit().filter((e) => e.kind !== 'setup')).toEqual([]);
  });

  it('asks for a login as soon as the first operator is saved in Operators', async () => {
    f = await openSessionTill({ operators: false });
    view = await renderTill(f);
    await view.waitFor('ENTRY');
    await view.write(ESC);
    await view.waitFor('Utilities');
    await view.write('u');
    await view.waitFor('Automation');
    await view.write('s');
    await view.waitFor('Operators');
    await view.write('o');
    await view.waitFor('No operators: tills open without a login');
    await view.write(F2);
    await view.waitFor('Operators › Add');
    await view.write(`M1${TAB}Mandla${TAB}`);
    await view.write('\x1b[D'); // Left: cashier wraps to manager
    await view.waitFor('< Manager >');
    await view.write(`${TAB}${PINS.M1}${F10}`);
    await view.waitFor('Log in to till T1', 5000);
    await view.write(`M1${ENTER}${PINS.M1}${ENTER}`);
    const frame = await view.waitFor((x) => x.includes('Operators') && x.includes('Mandla') && !x.includes('Log in to till'));
    expect(topRow(frame)).toContain('M1 Mandla');
    expect(noPinIn(view)).toBe(true);
  });
});
