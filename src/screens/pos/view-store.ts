// A reducer whose state lives outside React (read with useSyncExternalStore). Key handlers run once
// per key, synchronously, even inside a scanner burst: they must see the state the previous key
// just produced, which a useReducer closure from the last render would not give them.
import { useLayoutEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useDispatcher } from '../keys/dispatcher.js';

export interface ViewStore<S, A> {
  get(): S;
  dispatch(action: A): void;
  subscribe(listener: () => void): () => void;
}

export function createViewStore<S, A>(reducer: (state: S, action: A) => S, initial: S): ViewStore<S, A> {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    dispatch(action) {
      const next = reducer(state, action);
      if (next === state) return;
      state = next;
      for (const fn of listeners) fn();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

/**
 * Creates the store once and renders from it. `route` names which handlers should hear keys
 * (mode, phase, open prompt): when it changes, keys are held until React has mounted the new
 * handlers, so "F4 5 Enter" or "Enter" + the next scan in one burst reach the right field.
 */
export function useViewStore<S, A>(make: () => ViewStore<S, A>, route: (state: S) => string): [S, ViewStore<S, A>] {
  const [store] = useState(make);
  const dispatcher = useDispatcher();
  const release = useRef<(() => void) | null>(null);
  const routeRef = useRef(route);
  routeRef.current = route;
  const renderedRoute = useRef(route(store.get()));
  const [subscribe] = useState(() => (listener: () => void) => store.subscribe(() => {
    if (routeRef.current(store.get()) !== renderedRoute.current) release.current ??= dispatcher.hold();
    listener();
  }));
  const state = useSyncExternalStore(subscribe, store.get, store.get);
  useLayoutEffect(() => {
    renderedRoute.current = routeRef.current(state);
    const r = release.current;
    // Released only once what is on screen matches the store, after this commit's effects ran.
    if (r && renderedRoute.current === routeRef.current(store.get())) {
      release.current = null;
      queueMicrotask(r);
    }
  });
  useLayoutEffect(() => () => release.current?.(), []);
  return [state, store];
}
