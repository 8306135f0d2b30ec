// The idle timer on its own, with a hand-driven clock: one timer at most, keys only note the time.
import { describe, expect, it } from 'vitest';
import { createIdleLock, type IdleTimers } from '../../src/screens/operators/idle-lock.js';

function manualTimers(): IdleTimers & { advance(ms: number): void; pending(): number } {
  let t = 0;
  let next = 1;
  const due = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => t,
    set(fn, ms) {
      const id = next++;
      due.set(id, { at: t + ms, fn });
      return id;
    },
    clear: (h) => void due.delete(h as number),
    advance(ms) {
      const end = t + ms;
      for (;;) {
        const first = [...due.entries()].sort((a, b) => a[1].at - b[1].at)[0];
        if (!first || first[1].at > end) break;
        due.delete(first[0]);
        t = first[1].at;
        first[1].fn();
      }
      t = end;
    },
    pending: () => due.size,
  };
}

describe('the idle lock', () => {
  it('fires after the minutes without a touch, and a touch in between pushes it on', () => {
    const timers = manualTimers();
    let locks = 0;
    let minutes = 5;
    let active = true;
    const idle = createIdleLock({ minutes: () => minutes, active: () => active, onIdle: () => { locks += 1; active = false; }, timers });
    idle.touch();
    timers.advance(4 * 60_000);
    for (let i = 0; i < 20; i++) idle.touch(); // a burst of keys: still one timer
    expect(timers.pending()).toBe(1);
    timers.advance(4 * 60_000);
    expect(locks).toBe(0);
    timers.advance(60_000);
    expect(locks).toBe(1);
    // Locked (inactive): no timer until someone is logged in again.
    idle.touch();
    expect(timers.pending()).toBe(0);
    active = true;
    minutes = 0;
    idle.touch();
    timers.advance(600 * 60_000);
    expect(locks).toBe(1);
    minutes = 1;
    idle.touch();
    timers.advance(60_000);
    expect(locks).toBe(2);
    idle.stop();
    expect(timers.pending()).toBe(0);
  });
});
