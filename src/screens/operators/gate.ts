// Whether the login screen stands in front of the screen stack, and the idle lock. Kept tiny: this
// module is on the till's start path, which has a memory budget.
import { useEffect, useLayoutEffect, useRef, useSyncExternalStore } from 'react';
import type { OperatorSession } from '../../store/operators/session.js';
import type { Store } from '../../store/store.js';
import type { KeyDispatcher } from '../keys/key-dispatcher.js';
import { createIdleLock, type IdleTimers } from './idle-lock.js';

/** Operators added or made active elsewhere (the Operators screen, another terminal) are seen this soon. */
const RECHECK_MS = 1000;

/** 'open' when the screens are in use, 'login' while nobody is logged in, 'locked' after a lock. */
export type GateState = 'open' | 'login' | 'locked';

export function gateState(session: OperatorSession | undefined): GateState {
  if (!session) return 'open';
  if (session.locked()) return 'locked';
  return session.required() && session.current() === null ? 'login' : 'open';
}

const NO_SESSION = (): (() => void) => () => undefined;

/**
 * The gate's state, re-rendering on every session change and on a change of operators.json. Keys
 * are held from the moment the state changes until the new tree has committed, so a key typed
 * right after a login reaches the till, and one typed right after a lock never reaches it.
 */
export function useGate(session: OperatorSession | undefined, dispatcher: KeyDispatcher): GateState {
  const shown = useRef<GateState>('open');
  const release = useRef<(() => void) | null>(null);
  const subscribe = useRef((listener: () => void): (() => void) => {
    if (!session) return NO_SESSION();
    const changed = (): void => {
      if (gateState(session) !== shown.current) release.current ??= dispatcher.hold();
      listener();
    };
    const off = session.subscribe(changed);
    const timer = setInterval(changed, RECHECK_MS);
    timer.unref?.();
    return () => {
      off();
      clearInterval(timer);
    };
  }).current;
  const state = useSyncExternalStore(subscribe, () => gateState(session), () => gateState(session));
  shown.current = state;
  useLayoutEffect(() => {
    const r = release.current;
    release.current = null;
    if (r) queueMicrotask(r);
  }, [state]);
  useEffect(() => () => release.current?.(), []);
  return state;
}

/** Locks the session after the idle minutes of operators.json without a key through the key layer. */
export function useIdleLock(session: OperatorSession | undefined, store: Store | undefined, dispatcher: KeyDispatcher, timers?: IdleTimers): void {
  useEffect(() => {
    if (!session || !store) return undefined;
    const idle = createIdleLock({
      minutes: () => (session.required() ? store.get('operators').idleLockMinutes : 0),
      active: () => session.current() !== null && !session.locked(),
      onIdle: () => session.lock(),
      ...(timers ? { timers } : {}),
    });
    const offKeys = dispatcher.observe(() => idle.touch());
    // A login (or take-over) starts the idle time afresh.
    const offSession = session.subscribe(() => idle.touch());
    idle.touch();
    return () => {
      offKeys();
      offSession();
      idle.stop();
    };
  }, [session, store, dispatcher, timers]);
}

/** "C1 Carol" while someone is logged in, else null (the top row then shows the process's operator). */
export function useOperatorLabel(session: OperatorSession | undefined): string | null {
  const subscribe = useRef((listener: () => void) => (session ? session.subscribe(listener) : () => undefined)).current;
  const snapshot = (): string | null => {
    const op = session?.current() ?? null;
    return op ? `${op.code} ${op.name}` : null;
  };
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}
