// The heartbeat. node-cron arms one timer per slot; when the PC sleeps or someone sets the clock
// forward, that timer fires late or not at all and the slot is silently dropped (PITFALLS.md).
// A wall clock that advanced more than the monotonic clock (which stands still during suspend and
// ignores clock changes) tells us a jump happened, so the runner can look for missed slots.

export interface ClockJump {
  /** Wall-clock instants of the previous beat and of this one. */
  fromMs: number;
  toMs: number;
  /** Positive: the wall clock moved ahead of the monotonic clock by this much. */
  jumpMs: number;
}

export interface ClockWatchOptions {
  now: () => Date;
  monotonic: () => number;
  intervalMs: number;
  toleranceMs: number;
  onJump: (jump: ClockJump) => void;
  /** Every beat, jump or not (the runner re-reads the time zone here). */
  onBeat?: () => void;
}

export function watchClock(opts: ClockWatchOptions): { stop(): void } {
  let lastWall = opts.now().getTime();
  let lastMono = opts.monotonic();
  const timer = setInterval(() => {
    const wall = opts.now().getTime();
    const mono = opts.monotonic();
    const jumpMs = wall - lastWall - (mono - lastMono);
    const from = lastWall;
    lastWall = wall;
    lastMono = mono;
    // Backward jumps need no catch-up (nothing was skipped), but the next run moves: onBeat covers it.
    if (Math.abs(jumpMs) > opts.toleranceMs) opts.onJump({ fromMs: from, toMs: wall, jumpMs });
    opts.onBeat?.();
  }, opts.intervalMs);
  // The heartbeat alone must not keep a closing program alive.
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
