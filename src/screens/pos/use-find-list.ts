// The search list both till overlays share (Find item F3, Attach debtor F11): results follow the
// search entry as it is typed, Up/Down/PgUp/PgDn choose, Enter picks, Esc goes back to the sale.
import { useSyncExternalStore } from 'react';
import { matches } from '../keys/bindings.js';
import { useKeyHandler } from '../keys/dispatcher.js';
import type { EntryBuffer } from '../input/entry-buffer.js';
import { useEntryField } from '../input/use-entry-field.js';
import { findLimit, findReducer } from './find-state.js';
import type { PosContext } from './pos-context.js';
import { createViewStore, useViewStore } from './view-store.js';
import { windowStart } from './window.js';

export interface FindList<T> {
  query: string;
  /** Every result found so far (enough to show the selected one). */
  found: T[];
  /** The results that fit on screen, from `start`. */
  shown: T[];
  start: number;
  selected: number;
  /** Whether more results exist than were looked up. */
  more: boolean;
}

export function useFindList<T>(opts: {
  ctx: PosContext;
  search: EntryBuffer;
  /** Keeps the selection apart per overlay. */
  id: string;
  listRows: number;
  find(query: string, limit: number): T[];
  /** Called with the chosen result, or undefined when nothing matches the search. */
  pick(result: T | undefined, query: string): void;
}): FindList<T> {
  const { ctx, search, id, listRows, find, pick } = opts;
  const [fv, store] = useViewStore(() => createViewStore(findReducer, { selected: 0 }), () => id);
  const query = useSyncExternalStore(search.subscribe, search.get).value;
  const results = (q: string, selected: number) => find(q, findLimit(selected, listRows));

  useKeyHandler((key) => {
    const page = Math.max(listRows - 1, 1);
    const count = results(search.get().value, store.get().selected + page).length;
    if (matches(key, 'back')) ctx.view.dispatch({ type: 'open', mode: 'sale' });
    else if (matches(key, 'moveUp')) store.dispatch({ type: 'move', delta: -1, count });
    else if (matches(key, 'moveDown')) store.dispatch({ type: 'move', delta: 1, count });
    else if (matches(key, 'pageUp')) store.dispatch({ type: 'move', delta: -page, count });
    else if (matches(key, 'pageDown')) store.dispatch({ type: 'move', delta: page, count });
    else return false;
    return true;
  }, { layer: 'screen' });

  useEntryField(search, {
    maxLength: 40,
    onChange: () => store.dispatch({ type: 'reset' }),
    onSubmit(value) {
      const selected = store.get().selected;
      pick(results(value, selected)[selected], value);
    },
  });

  const found = results(query, fv.selected);
  const start = windowStart(fv.selected, found.length, listRows);
  return {
    query,
    found,
    shown: found.slice(start, start + listRows),
    start,
    selected: fv.selected,
    more: found.length >= findLimit(fv.selected, listRows),
  };
}
