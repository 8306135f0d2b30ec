// The one Loyalty Plus call the till screen may be waiting on. Not the dispatcher's busy state:
// that buffers every key, Esc included, and Esc must be able to stop waiting for a slow service.
// So keys typed meanwhile are captured here instead, by a modal handler that lives as long as the call: Esc aborts the call, Ctrl+C still quits, and
// the rest are held and replayed once the answer has been acted on (a scan is never lost).
import type { KeyDispatcher } from '../keys/key-dispatcher.js';
import type { Key } from '../keys/parse-keys.js';
import { matches } from '../keys/bindings.js';

export type LpOutcome<T> = { ok: true; value: T } | { ok: false; error: unknown; cancelled: boolean };

export interface LpWait {
  /** The status line's spinner label while a call runs, else null. */
  get(): string | null;
  subscribe(listener: () => void): () => void;
  /**
   * Runs one call with an abort signal; `settle` is called with its outcome before the held keys
   * replay, so they reach whatever screen the outcome opened. False when a call already runs.
   */
  run<T>(label: string, work: (signal: AbortSignal) => Promise<T>, settle: (o: LpOutcome<T>) => void): boolean;
  /** A key typed while waiting: true when it was taken (held, or Esc). */
  capture(key: Key): boolean;
  /** The screen is going: stop waiting (its answer would have nowhere to go). */
  dispose(): void;
}

export const isAbort = (err: unknown): boolean => err instanceof Error && err.name === 'AbortError';

export function createLpWait(dispatcher: Pick<KeyDispatcher, 'dispatch' | 'register' | 'nextOrder'>): LpWait {
  let label: string | null = null;
  let controller: AbortController | null = null;
  let held: Key[] = [];
  const listeners = new Set<() => void>();
  const notify = (): void => {
    for (const fn of listeners) fn();
  };
  let unregister: (() => void) | null = null;
  const wait: LpWait = {
    get: () => label,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    run(text, work, settle) {
      if (controller) return false;
      const mine = new AbortController();
      controller = mine;
      label = `${text} (Esc cancels)`;
      // Registered now, not at the next render: the keys right behind the Enter are the wait's too.
      unregister = dispatcher.register('modal', dispatcher.nextOrder(), (key) => wait.capture(key));
      notify();
      const finish = (o: LpOutcome<never> | { ok: true; value: unknown }): void => {
        controller = null;
        label = null;
        unregister?.();
        unregister = null;
        // Keys typed before an Esc were meant for the call that Esc stopped.
        const replay = mine.signal.aborted ? [] : held;
        held = [];
        notify();
        (settle as (x: typeof o) => void)(o);
        for (const key of replay) dispatcher.dispatch(key);
      };
      work(mine.signal).then(
        (value) => finish({ ok: true, value }),
        (error: unknown) => finish({ ok: false, error, cancelled: mine.signal.aborted || isAbort(error) }),
      );
      return true;
    },
    capture(key) {
      if (!controller) return false;
      if (matches(key, 'exit')) return false;
      if (matches(key, 'back')) controller.abort();
      else held.push(key);
      return true;
    },
    dispose() {
      held = [];
      controller?.abort();
    },
  };
  return wait;
}
