// React side of the key layer. KeyProvider is the ONE stdin reader: Ink gets a stand-in stdin
// (ink-stdin.ts) so its useInput never double-handles a key.
import { createContext, useContext, useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { createKeyDispatcher, type BusyState, type KeyDispatcher, type KeyHandler, type KeyInput, type Layer } from './key-dispatcher.js';

const DispatcherContext = createContext<KeyDispatcher | null>(null);

/**
 * False inside a screen that is kept mounted under the top one: its handlers are switched off so
 * only the top screen (and the app's global keys) hear the keyboard.
 */
export const ScreenActiveContext = createContext(true);

export interface KeyProviderProps {
  /** The real stdin (raw mode is the caller's business) or a test stream. */
  input: KeyInput;
  /** Pass one to reach it from outside (tests await dispatcher.ready); otherwise one is made. */
  dispatcher?: KeyDispatcher;
  children?: ReactNode;
}

export function KeyProvider({ input, dispatcher, children }: KeyProviderProps): ReactNode {
  const [own] = useState(() => dispatcher ?? createKeyDispatcher());
  // Parent effects run after their children's, so by the time this one attaches the input every
  // handler of the first screen is registered: no key can arrive before its handler.
  useEffect(() => own.attach(input), [own, input]);
  useEffect(() => () => own.dispose(), [own]);
  return <DispatcherContext.Provider value={own}>{children}</DispatcherContext.Provider>;
}

export function useDispatcher(): KeyDispatcher {
  const d = useContext(DispatcherContext);
  if (!d) throw new Error('useKeyHandler/useKeys must be used inside <KeyProvider>');
  return d;
}

export interface KeyHandlerOptions {
  layer: Layer;
  /** false = not registered at all (a field without focus, a hidden panel). Default true. */
  active?: boolean;
}

/**
 * Registers a handler. Within a layer the handler mounted later gets the key first; a child
 * therefore outranks its parent (a field beats its form) and a new screen outranks the old.
 * Handlers run synchronously per key, so they must read state that a burst may have just changed
 * from refs or external stores (see input/entry-buffer.ts), not from a stale render.
 */
export function useKeyHandler(handler: KeyHandler, opts: KeyHandlerOptions): void {
  const d = useDispatcher();
  // The ticket is taken during the first render: parents render before children, earlier siblings
  // before later ones, which gives the priority described above.
  const [ticket] = useState(() => d.nextOrder());
  const ref = useRef(handler);
  // Updated at render so a key dispatched right after a synchronous commit sees the new closure.
  ref.current = handler;
  const screenActive = useContext(ScreenActiveContext);
  const active = (opts.active ?? true) && screenActive;
  // A layout effect registers during the commit itself, before any key queued behind it replays.
  useLayoutEffect(() => {
    if (!active) return undefined;
    return d.register(opts.layer, ticket, (key) => ref.current(key));
  }, [d, opts.layer, active, ticket]);
}

export interface KeysApi {
  dispatcher: KeyDispatcher;
  /** The busy state now (re-renders on change): shown as the single spinner in the status line. */
  busy: BusyState | null;
  setBusy(busy: boolean, label?: string): void;
  /** Runs work while busy: keys typed meanwhile are buffered, then replayed in order. */
  runBusy<T>(label: string, work: () => Promise<T>): Promise<T>;
  /** Holds keys until the returned release is called. */
  hold(): () => void;
}

export function useKeys(): KeysApi {
  const d = useDispatcher();
  const busy = useSyncExternalStore(d.subscribeBusy, d.getBusy, d.getBusy);
  return useMemo(
    () => ({
      dispatcher: d,
      busy,
      setBusy: (on: boolean, label?: string) => d.setBusy(on, label),
      async runBusy<T>(label: string, work: () => Promise<T>): Promise<T> {
        const end = d.beginBusy(label);
        try {
          return await work();
        } finally {
          end();
        }
      },
      hold: () => d.hold(),
    }),
    [d, busy],
  );
}
