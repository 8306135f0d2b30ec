// The idle lock: after operators.json's idleLockMinutes without a key, the session locks. One
// timer at most, re-armed only when it fires: a key just notes the time, because a scanner burst
// sends a dozen keys at once and each must stay cheap.

export interface IdleTimers {
  now(): number;
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const REAL_TIMERS: IdleTimers = {
  now: () => Date.now(),
  set(fn, ms) {
    const t = setTimeout(fn, ms);
    // An idle lock pending is no reason to keep the process alive.
    t.unref?.();
    return t;
  },
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface IdleLockOptions {
  /** Minutes without a key before locking; 0 = never. Read when the timer is armed and when it fires. */
  minutes(): number;
  /** Whether locking makes sense now (someone is logged in and the till is not locked already). */
  active(): boolean;
  onIdle(): void;
  timers?: IdleTimers;
}

export interface IdleLock {
  /** A key was pressed (or someone logged in): the idle time starts again. */
  touch(): void;
  stop(): void;
}

const MINUTE = 60_000;

export function createIdleLock(opts: IdleLockOptions): IdleLock {
  const timers = opts.timers ?? REAL_TIMERS;
  let last = timers.now();
  let handle: unknown = null;

  function arm(): void {
    if (handle !== null || !opts.active()) return;
    const limit = opts.minutes() * MINUTE;
    if (!(limit > 0)) return;
    handle = timers.set(check, Math.max(0, limit - (timers.now() - last)));
  }

  function check(): void {
    handle = null;
    if (!opts.active()) return;
    const limit = opts.minutes() * MINUTE;
    if (!(limit > 0)) return;
    const idle = timers.now() - last;
    if (idle >= limit) opts.onIdle();
    else arm();
  }

  return {
    touch() {
      last = timers.now();
      arm();
    },
    stop() {
      if (handle !== null) timers.clear(handle);
      handle = null;
    },
  };
}
