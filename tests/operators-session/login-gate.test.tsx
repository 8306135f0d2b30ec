// The login gate at the till: the login screen in front of the screen stack while nobody is logged
// in, refusals at their field, the five-wrong lockout, and the operator on the top row and on the
// journal record of a sale rung up after the login. No PIN in any frame.
import { afterEach, describe, expect, it } from 'vitest';
import { CTRL_C, ENTER, ESC, F2 } from '../screens/keys.js';
import type { Rendered } from '../screens/render.js';
import { PINS, noPinIn, openSessionTill, renderTill, type SessionFixture } from './fixture.js';

let view: Rendered | undefined;
let f: SessionFixture | undefined;
afterEach(() => {
  view?.unmount();
  view = undefined;
  f?.close();
  f = undefined;
});

const lines = (frame: string): string[] => frame.split('\n');
/** The row just below the one that starts (inside the border) with `label`. */
function rowBelow(frame: string, label: string): string {
  const all = lines(frame);
  const at = all.findIndex((l) => l.replace(/^[│|]\s*/, '').startsWith(label));
  return at < 0 ? '' : all[at + 1] ?? '';
}

async function logIn(v: Rendered, code: string, pin: string): Promise<void> {
  await v.write(`${code}${ENTER}`);
  await v.write(`${pin}${ENTER}`);
}

describe('the login gate', () => {
  it('asks for an operator before selling: a wrong PIN is refused at the PIN, then the right one opens the till', async () => {
    f = await openSessionTill();
    view = await renderTill(f);
    let frame = await view.waitFor('Log in to till T1');
    expect(frame).toContain('Operator code');
    expect(frame.split('\n')[0]).toContain('Till T1 | not logged in');
    expect(frame).not.toContain('ENTRY');
    // Keys meant for the till do nothing: F2 is no tender here.
    await view.write(F2);
    expect(view.frame()).not.toContain('Choose a tender');

    await view.write(`c1${ENTER}24`);
    frame = await view.waitFor((x) => /PIN\s+\*\*\s/.test(x));
    expect(frame).toContain('Operator code   C1');
    await view.write(`00${ENTER}`);
    frame = await view.waitFor('Wrong PIN for C1');
    // At the field: on the row under the PIN.
    expect(rowBelow(frame, 'PIN')).toContain('Wrong PIN for C1');

    await view.write(`${PINS.C1}${ENTER}`);
    frame = await view.waitFor('ENTRY');
    expect(lines(frame)[0]).toContain('Till T1 | C1 Carol');
    expect(f.session.current()?.code).toBe('C1');
    expect(noPinIn(view)).toBe(true);
  });

  it('an unknown code is refused at the code field, and Esc clears without leaving the login', async () => {
    f = await openSessionTill();
    view = await renderTill(f);
    await view.waitFor('Log in to till T1');
    await logIn(view, 'ZZ9', '1234');
    let frame = await view.waitFor('No operator with code ZZ9');
    expect(rowBelow(frame, 'Operator code')).toContain('No operator with code ZZ9');
    await view.write(ESC);
    await view.write(ESC);
    frame = await view.waitFor((x) => !x.includes('No operator'));
    expect(frame).toContain('Log in to till T1');
    expect(frame).not.toContain('ZZ9');
  });

  it('five wrong PINs lock the operator out, and then even the right PIN is refused with the time', async () => {
    f = await openSessionTill();
    view = await renderTill(f);
    await view.waitFor('Log in to till T1');
    await view.write(`S1${ENTER}`);
    const failures = (): number => f!.audit().filter((e) => e.kind === 'failed-pin' && e.operator === 'S1').length;
    for (let i = 1; i <= 4; i++) {
      await view.write(`0000${ENTER}`);
      await view.waitFor((x) => x.includes('Wrong PIN for S1') && failures() === i);
    }
    await view.write(`0000${ENTER}`);
    let frame = await view.waitFor('S1 is now locked for 15 minutes');
    expect(rowBelow(frame, 'PIN')).toContain('now locked for 15 minutes');
    await view.write(`${PINS.S1}${ENTER}`);
    frame = await view.waitFor((x) => /locked after 5 wrong PINs until \d\d:\d\d/.test(x));
    expect(f.audit().map((e) => e.kind).filter((k) => k === 'locked-out')).toHaveLength(2);
    expect(f.session.current()).toBeNull();
    expect(frame).not.toContain('ENTRY');
    expect(noPinIn(view)).toBe(true);
  });

  it('a sale rung up after the login is recorded with that operator, and Ctrl+C on the login still quits', async () => {
    f = await openSessionTill();
    view = await renderTill(f);
    await view.waitFor('Log in to till T1');
    await logIn(view, 'C1', PINS.C1);
    await view.waitFor('ENTRY');
    await view.write(`6001000000011${ENTER}`);
    await view.waitFor('Full Cream Milk 1L');
    await view.write(`${F2}c${ENTER}`);
    await view.waitFor('Sale T1-000001 complete');
    const [rec] = f.journal();
    expect(rec).toMatchObject({ kind: 'sale', operator: 'C1' });

    f.session.logout();
    await view.waitFor('Log in to till T1');
    expect(view.quits()).toBe(0);
    await view.write(CTRL_C);
    expect(view.quits()).toBe(1);
  });
});
