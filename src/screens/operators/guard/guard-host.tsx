// The app root's side of useGuard: one override dialog at a time, drawn on the top screen by the
// navigator (in the confirm dialog's place). Keys are held from the moment it is asked for until
// the dialog has its keys, and again from its answer until it has gone and the asking screen has
// acted on the answer, so a key typed in between (a second F5, a second Enter) neither leaks to the
// screen underneath nor runs the action twice: it is replayed afterwards, as after any action.
import { createElement, useCallback, useContext, useRef, useState, type ReactNode } from 'react';
import { AppContext } from '../../app-context.js';
import { useDispatcher } from '../../keys/dispatcher.js';
import type { AskOverride, GuardOutcome, OverrideAsk } from './guard-types.js';
import { OverrideDialog } from './override-dialog.js';

interface Open {
  id: number;
  ask: OverrideAsk;
  resolve(outcome: GuardOutcome): void;
  /** Releases the keys held until the dialog had its handler. */
  opened(): void;
}

export interface GuardHost {
  ask: AskOverride;
  /** The dialog while one is open, else null. */
  overlay: ReactNode;
}

export function useGuardHost(): GuardHost {
  const app = useContext(AppContext);
  const dispatcher = useDispatcher();
  const [open, setOpen] = useState<Open | null>(null);
  const busy = useRef(false);
  const next = useRef(0);
  // Released once the dialog has unmounted (the other half of the hold after an answer).
  const afterClose = useRef<(() => void) | null>(null);

  const ask = useCallback<AskOverride>((request) => {
    // One override at a time: a second request while one is open is refused, not queued, so a
    // repeated key cannot approve one action twice.
    if (busy.current) return Promise.resolve({ allowed: false });
    busy.current = true;
    const release = dispatcher.hold();
    next.current += 1;
    const id = next.current;
    return new Promise<GuardOutcome>((resolve) => setOpen({ id, ask: request, resolve, opened: release }));
  }, [dispatcher]);

  const answer = useCallback((o: Open, outcome: GuardOutcome) => {
    const release = dispatcher.hold();
    // Two halves: the dialog gone, and the screen's continuation run (a macrotask after resolve).
    let halves = 2;
    const half = (): void => {
      halves -= 1;
      if (halves === 0) release();
    };
    afterClose.current = half;
    busy.current = false;
    setOpen(null);
    o.resolve(outcome);
    setImmediate(half);
  }, [dispatcher]);

  const overlay = open && app
    ? createElement(OverrideDialog, {
      key: open.id, ask: open.ask, store: app.store,
      onDone: (outcome: GuardOutcome) => answer(open, outcome),
      onOpened: open.opened,
      onClosed: () => {
        const half = afterClose.current;
        afterClose.current = null;
        if (half) queueMicrotask(half);
      },
    })
    : null;
  return { ask, overlay };
}
