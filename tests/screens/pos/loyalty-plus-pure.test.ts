// The till's Loyalty Plus pieces that need no Ink: the wait (Esc aborts, keys held and replayed
// after the outcome is acted on, dropped when Esc stopped the call), and the member row's text.
import { describe, expect, it } from 'vitest';
import type { Key } from '../../../src/screens/keys/parse-keys.js';
import { loyaltyReducer } from '../../../src/screens/pos/enrol-panel.js';
import { memberSummary, pointsText } from '../../../src/screens/pos/lp-status.js';
import { createLpWait, type LpOutcome } from '../../../src/screens/pos/lp-wait.js';

const key = (name: Key['name'], ch?: string, ctrl = false): Key => ({ name, ...(ch ? { ch } : {}), ctrl, alt: false, shift: false, sequence: ch ?? name });

function fakeDispatcher() {
  const handlers: ((k: Key) => boolean)[] = [];
  const dispatched: Key[] = [];
  return {
    handlers, dispatched,
    dispatch: (k: Key) => { dispatched.push(k); },
    nextOrder: () => 1,
    register: (_layer: string, _order: number, h: (k: Key) => boolean) => {
      handlers.push(h);
      return () => { handlers.splice(handlers.indexOf(h), 1); };
    },
  };
}

describe('the Loyalty Plus wait', () => {
  it('holds keys while waiting and replays them after settle, in order', async () => {
    const d = fakeDispatcher();
    const w = createLpWait(d);
    let resolve: (v: string) => void = () => {};
    const order: string[] = [];
    w.run('Looking up member…', () => new Promise<string>((r) => { resolve = r; }), (o) => order.push(o.ok ? `ok:${o.value}` : 'failed'));
    expect(w.get()).toBe('Looking up member… (Esc cancels)');
    expect(d.handlers).toHaveLength(1);
    expect(d.handlers[0]!(key('char', '1'))).toBe(true);
    expect(d.handlers[0]!(key('f2'))).toBe(true);
    // Ctrl+C is never taken: quitting still works while a call hangs.
    expect(d.handlers[0]!(key('char', 'c', true))).toBe(false);
    // One call at a time.
    expect(w.run('again', async () => 'x', () => order.push('second'))).toBe(false);
    resolve('member');
    await new Promise((r) => setImmediate(r));
    expect(order).toEqual(['ok:member']);
    expect(d.dispatched.map((k) => k.name)).toEqual(['char', 'f2']);
    expect(w.get()).toBeNull();
    expect(d.handlers).toHaveLength(0);
  });

  it('Esc aborts the call: the outcome says cancelled and the held keys are dropped', async () => {
    const d = fakeDispatcher();
    const w = createLpWait(d);
    let seen: LpOutcome<unknown> | undefined;
    w.run('Authorising Loyalty Plus…', (signal) => new Promise((_, reject) => {
      signal.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' })));
    }), (o) => { seen = o; });
    d.handlers[0]!(key('char', '5'));
    d.handlers[0]!(key('escape'));
    await new Promise((r) => setImmediate(r));
    expect(seen).toMatchObject({ ok: false, cancelled: true });
    expect(d.dispatched).toEqual([]);
  });
});

describe('the member row and enrolment view', () => {
  it('names the member and points, or the masked card while offline', () => {
    expect(pointsText(1234567)).toBe('1,234,567');
    expect(memberSummary({ number: '6009000000001', account: '4000001', name: 'JANE DOE', points: 1234 })).toBe('Loyalty Plus: JANE DOE · 1,234 points');
    expect(memberSummary({ number: '6009000000001' })).toBe('Loyalty Plus: card ****0001 · offline, points pending');
  });

  it('problems move the cursor to the first field named', () => {
    const s = loyaltyReducer({ phase: 'enrol', selected: 0, focus: 2, problems: {} }, { type: 'problems', problems: { card: 'x', cellphone: 'y' } });
    expect(s.focus).toBe(1);
    expect(loyaltyReducer(s, { type: 'focus', index: 9 }).focus).toBe(2);
  });
});
