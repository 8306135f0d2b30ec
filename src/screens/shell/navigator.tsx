// The screen stack. Every screen on it stays mounted (going back finds a menu's selection or a
// half-typed entry as it was) but only the top one is shown and hears keys. Esc pops unless the
// top screen consumed it first (e.g. to ask about unsaved edits); the bottom screen stays.
import { Suspense, useCallback, useContext, useLayoutEffect, useMemo, useReducer, useRef, useState, type ReactNode } from 'react';
import { Box } from 'ink';
import { AppContext, AppOverlayContext, AppOverlayScopeContext, ConfirmContext, NavigationContext, type ConfirmRequest, type Navigation, type ScreenEntry } from '../app-context.js';
import { matches } from '../keys/bindings.js';
import { ScreenActiveContext, useDispatcher, useKeyHandler } from '../keys/dispatcher.js';
import { useGate, useIdleLock } from '../operators/gate.js';
import { ConfirmDialog } from './confirm-dialog.js';
import { GuardContext } from '../operators/guard/guard-types.js';
import { useGuardHost } from '../operators/guard/guard-host.js';
import { stackReducer, type StackAction, type StackState } from './stack-reducer.js';
// Not lazy: React holds a suspended boundary's content back for ~300 ms, which the login would
// add to every start-up; the module is small and its parts are on the start path anyway.
import { LoginScreen } from '../operators/login-screen.js';


export interface NavigatorProps {
  /** The stack to start with, bottom first (normally just the Main Menu). */
  initial: ScreenEntry[];
  onQuit(): void;
}

interface OpenDialog {
  request: ConfirmRequest;
  resolve(yes: boolean): void;
}

/** The question asked before quitting with an open sale, or null when quitting needs no question. */
export function quitQuestion(lineCount: number | null, tillId: string): ConfirmRequest | null {
  if (lineCount === null) return null;
  return {
    title: 'Quit tillpoint?',
    message: `A sale is open on till ${tillId} (${lineCount} line${lineCount === 1 ? '' : 's'}). Quit anyway? Ctrl+C again quits at once.`,
    yesLabel: 'Quit',
    noLabel: 'Stay',
  };
}

export function Navigator({ initial, onQuit }: NavigatorProps): ReactNode {
  if (initial.length === 0) throw new Error('Navigator needs at least one screen (the Main Menu)');
  const [state, dispatch] = useReducer(stackReducer, { screens: initial });
  const stateRef = useRef<StackState>(state);
  stateRef.current = state;
  const app = useContext(AppContext);
  const dispatcher = useDispatcher();
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const releaseRef = useRef<(() => void) | null>(null);
  const quitAsked = useRef(false);
  // While nobody is logged in (or the till is locked) the login screen stands in front of the
  // stack: the screens stay mounted (an open sale with them) but hear no key.
  const gated = useGate(app?.session, dispatcher) !== 'open';
  useIdleLock(app?.session, app?.store, dispatcher);
  // The override dialog of useGuard (src/screens/operators/guard), drawn like the confirm.
  const guard = useGuardHost();

  const change = useCallback((action: StackAction) => {
    if (stackReducer(stateRef.current, action) === stateRef.current) return;
    // Keys typed right after Enter belong to the new screen: hold them until it has mounted.
    releaseRef.current ??= dispatcher.hold();
    dispatch(action);
  }, [dispatcher]);

  useLayoutEffect(() => {
    const release = releaseRef.current;
    releaseRef.current = null;
    // After this commit's work is done, so replayed keys see the new screen's handlers and state.
    if (release) queueMicrotask(release);
  }, [state]);

  const confirm = useCallback((request: ConfirmRequest) => new Promise<boolean>((resolve) => {
    setDialog((prev) => {
      prev?.resolve(false);
      return { request, resolve };
    });
  }), []);

  const quit = useCallback(() => {
    const sale = app?.till?.getState().sale ?? null;
    const question = quitQuestion(sale ? sale.lines.filter((l) => !l.voided).length : null, app?.tillId ?? '');
    // A second Ctrl+C (or quit) while asking is the sure way out.
    if (!question || quitAsked.current) {
      onQuit();
      return;
    }
    quitAsked.current = true;
    void confirm(question).then((yes) => {
      quitAsked.current = false;
      if (yes) onQuit();
    });
  }, [app, confirm, onQuit]);

  useKeyHandler((key) => {
    if (matches(key, 'exit')) {
      quit();
      return true;
    }
    if (matches(key, 'back') && !gated && stateRef.current.screens.length > 1) {
      change({ type: 'pop' });
      return true;
    }
    return false;
  }, { layer: 'global' });

  const depth = state.screens.length;
  const navs = useMemo(() => state.screens.map((_, i): Navigation => ({
    push: (screen) => change({ type: 'push', screen }),
    pop: () => change({ type: 'pop' }),
    replace: (screen) => change({ type: 'replace', screen }),
    depth: i + 1,
    titles: state.screens.slice(0, i + 1).map((s) => s.title),
    quit,
  })), [state.screens, change, quit]);

  const overlay = dialog ? (
    <ConfirmDialog
      title={dialog.request.title}
      message={dialog.request.message}
      yesLabel={dialog.request.yesLabel}
      noLabel={dialog.request.noLabel}
      onAnswer={(yes) => {
        setDialog(null);
        dialog.resolve(yes);
      }}
    />
  ) : null;

  const overlayScope = overlay ? 'dialog' : 'approve';
  return (
    <GuardContext.Provider value={guard.ask}>
      <ConfirmContext.Provider value={confirm}>
        {state.screens.map((screen, i) => {
          const top = i === depth - 1 && !gated;
          return (
            <Box key={`${i}:${screen.id}`} display={top ? 'flex' : 'none'} flexDirection="column">
              <ScreenActiveContext.Provider value={top}>
                <NavigationContext.Provider value={navs[i] ?? null}>
                  <AppOverlayContext.Provider value={top ? overlay ?? guard.overlay : null}>
                    <AppOverlayScopeContext.Provider value={overlayScope}>
                      {/* Back-office screens load on first use (menu/screen-registry.ts). */}
                      <Suspense fallback={<HoldKeysWhileLoading />}>{screen.render()}</Suspense>
                    </AppOverlayScopeContext.Provider>
                  </AppOverlayContext.Provider>
                </NavigationContext.Provider>
              </ScreenActiveContext.Provider>
            </Box>
          );
        })}
        {gated ? (
          <Box key="login" flexDirection="column">
            <NavigationContext.Provider value={navs[depth - 1] ?? null}>
              <AppOverlayContext.Provider value={overlay}>
                <LoginScreen />
              </AppOverlayContext.Provider>
            </NavigationContext.Provider>
          </Box>
        ) : null}
      </ConfirmContext.Provider>
    </GuardContext.Provider>
  );
}

/** Keys typed while a screen loads wait for it (released after it has mounted and attached its handlers). */
function HoldKeysWhileLoading(): ReactNode {
  const dispatcher = useDispatcher();
  useLayoutEffect(() => {
    const release = dispatcher.hold();
    return () => queueMicrotask(release);
  }, [dispatcher]);
  return null;
}
