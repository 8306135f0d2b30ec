// Utilities > Setup > Operators, reached from the Main Menu by a logged-in manager: add, edit (a
// blank PIN keeps the current one), refusals at their field with nothing written, unlock after
// wrong PINs, and the idle lock minutes.
import { afterEach, describe, expect, it } from 'vitest';
import { authenticate } from '../../src/store/operators/auth.js';
import { verifyPin } from '../../src/store/manager-pin.js';
import { DOWN, ENTER, ESC, F10, F2, F4, F8, TAB, UP, ctrl } from '../screens/keys.js';
import type { Rendered } from '../screens/render.js';
import { rowWith } from '../screens/forms/harness.js';
import { PINS, noPinIn, openSessionTill, renderTill, type SessionFixture } from './fixture.js';

let view: Rendered | undefined;
let f: SessionFixture | undefined;
afterEach(() => {
  view?.unmount();
  view = undefined;
  f?.close();
  f = undefined;
});

const CLEAR = ctrl('u');

async function operatorsScreen(fx: SessionFixture): Promise<Rendered> {
  const v = await renderTill(fx);
  await v.waitFor('Log in to till T1');
  await v.write(`M1${ENTER}${PINS.M1}${ENTER}`);
  await v.waitFor('ENTRY');
  await v.write(ESC);
  await v.waitFor('Utilities');
  await v.write('u');
  await v.waitFor('Automation');
  await v.write('s');
  await v.waitFor('Operators');
  await v.write('o');
  await v.waitFor('Idle lock minutes');
  return v;
}

/** The list row of an operator (not the top row, which names the one logged in). */
const listRow = (frame: string, code: string): string => frame.split('\n').find((l) => new RegExp(`^[│|]\\s+\\S?\\s*${code}\\s`).test(l)) ?? '';
const operator = (fx: SessionFixture, code: string) => fx.store.get('operators').operators.find((o) => o.code === code);

describe('Utilities > Setup > Operators', () => {
  it('lists the operators, adds one, and edits one keeping the PIN when it is left blank', async () => {
    f = await openSessionTill();
    view = await operatorsScreen(f);
    let frame = view.frame();
    expect(frame).toContain('Setup › Operators');
    expect(listRow(frame, 'M1')).toMatch(/M1\s+Mandla\s+Manager\s+Yes/);
    expect(listRow(frame, 'C1')).toMatch(/C1\s+Carol\s+Cashier\s+Yes/);
    expect(frame).toContain('F8 Unlock');

    // Add: a new operator needs a PIN.
    await view.write(F2);
    await view.waitFor('Operators › Add');
    await view.write(`c2${TAB}Cathy${TAB}${TAB}`);
    await view.write(F10);
    frame = await view.waitFor('PIN: 4 to 8 digits (0-9), required for a new operator');
    expect(rowWith(frame, 'PIN ')).toMatch(/!/);
    expect(operator(f, 'C2')).toBeUndefined();
    await view.write('1357');
    frame = await view.waitFor((x) => /PIN\s+\*{4}\s/.test(x));
    await view.write(F10);
    frame = await view.waitFor('Saved operator C2');
    expect(listRow(frame, 'C2')).toMatch(/C2\s+Cathy\s+Cashier\s+Yes/);
    expect(verifyPin('1357', operator(f, 'C2')!.pinHash)).toBe(true);

    // Edit Carol: a new name, the PIN left blank.
    const hash = operator(f, 'C1')!.pinHash;
    // The saved operator stays selected (C2, last): one up is Carol.
    await view.write(UP);
    await view.write(ENTER);
    frame = await view.waitFor('Operators › Edit C1');
    expect(rowWith(frame, 'Code')).toContain('(fixed)');
    await view.write(`${CLEAR}Carol M${F10}`);
    await view.waitFor('Saved operator C1');
    expect(operator(f, 'C1')).toMatchObject({ name: 'Carol M', pinHash: hash });
    expect(noPinIn(view)).toBe(true);
    expect(view.frames.join('')).not.toContain('1357');
  });

  it('refuses at the field: a code taken, and the last active manager made a cashier; nothing is written', async () => {
    f = await openSessionTill();
    view = await operatorsScreen(f);
    await view.write(F2);
    await view.waitFor('Operators › Add');
    await view.write(`C1${TAB}Copy${TAB}${TAB}4444${F10}`);
    let frame = await view.waitFor('Operator code C1 is taken by Carol');
    expect(rowWith(frame, 'Code')).toMatch(/!/);
    await view.write(ESC);
    await view.waitFor('Discard changes?');
    await view.write('y');
    await view.waitFor('Idle lock minutes');
    expect(f.store.get('operators').operators).toHaveLength(3);

    const before = JSON.stringify(f.store.get('operators'));
    await view.write(ENTER); // M1, the only manager
    await view.waitFor('Operators › Edit M1');
    // Role: manager -> cashier (the choice cycles).
    await view.write(TAB);
    await view.write('\x1b[C'); // Right: manager is last, so it wraps to cashier
    await view.waitFor('< Cashier >');
    await view.write(F10);
    frame = await view.waitFor('At least one active manager must remain');
    expect(rowWith(frame, 'Role')).toMatch(/!/);
    expect(JSON.stringify(f.store.get('operators'))).toBe(before);
  });

  it('shows who is locked out after wrong PINs, and Unlock (asking first) lets them log in again', async () => {
    f = await openSessionTill();
    for (let i = 0; i < 5; i++) authenticate(f.store, 'S1', '0000', { purpose: 'login' });
    view = await operatorsScreen(f);
    let frame = view.frame();
    expect(listRow(frame, 'S1')).toMatch(/S1\s+Sipho\s+Supervisor\s+Yes\s+locked until \d\d:\d\d/);
    // On an operator who is not locked out, Unlock says so.
    await view.write(F8);
    await view.waitFor('Unlock: M1 is not locked out');
    await view.write(DOWN);
    await view.write(F8);
    await view.waitFor('Unlock S1?');
    await view.write('y');
    frame = await view.waitFor('Unlocked S1');
    expect(listRow(frame, 'S1')).not.toContain('locked until');
    expect(f.audit().filter((e) => e.kind === 'unlock')).toMatchObject([{ ref: 'S1', operator: 'M1' }]);
    expect(authenticate(f.store, 'S1', PINS.S1, { purpose: 'login' })).toMatchObject({ ok: true });
  });

  it('changes the idle lock minutes, refusing what is out of range at the field', async () => {
    f = await openSessionTill();
    view = await operatorsScreen(f);
    await view.write(F4);
    await view.waitFor('Operators › Idle lock');
    await view.write(`${CLEAR}999${F10}`);
    const frame = await view.waitFor('a whole number from 0 to 240');
    expect(rowWith(frame, 'Idle lock minutes')).toMatch(/!/);
    expect(f.store.get('operators').idleLockMinutes).toBe(5);
    await view.write(`${CLEAR}12${F10}`);
    await view.waitFor('Idle lock: 12 minutes');
    expect(f.store.get('operators').idleLockMinutes).toBe(12);
    expect(view.frame()).toContain('Idle lock minutes: 12');
  });
});
