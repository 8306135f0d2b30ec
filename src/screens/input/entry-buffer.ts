// The text of an entry field, kept outside React state. A scanner burst arrives faster than React
// commits, and a controlled value races (PITFALLS.md: three scans came out scrambled); this store
// changes synchronously per key, and Enter reads it at that very moment.

export interface EntryState {
  value: string;
  /** 0..value.length, in UTF-16 units at code point boundaries. */
  cursor: number;
  /** The whole value is selected (a pre-filled value): the next character typed replaces it. */
  selected: boolean;
}

export interface EntryBuffer {
  /** The same object until something changes (useSyncExternalStore needs that). */
  get(): EntryState;
  /** Replaces the value; the cursor goes to the end. */
  set(value: string): void;
  /** Replaces the value and selects all of it (select-all semantics: typing replaces it,
   * Backspace, Left/Right, Home/End edit it, Enter alone keeps it). */
  setSelected(value: string): void;
  insert(text: string): void;
  backspace(): void;
  delete(): void;
  left(): void;
  right(): void;
  home(): void;
  end(): void;
  clear(): void;
  subscribe(listener: () => void): () => void;
}

/** Length of the code point ending at i (1, or 2 for a surrogate pair). */
function sizeBefore(value: string, i: number): number {
  const low = value.charCodeAt(i - 1);
  const high = value.charCodeAt(i - 2);
  return i >= 2 && low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff ? 2 : 1;
}

function sizeAt(value: string, i: number): number {
  const cp = value.codePointAt(i) ?? 0;
  return cp > 0xffff ? 2 : 1;
}

export function createEntryBuffer(initial = ''): EntryBuffer {
  let state: EntryState = { value: initial, cursor: initial.length, selected: false };
  const listeners = new Set<() => void>();

  /** Every change but setSelected drops the selection (the value is then edited as it is). */
  function update(value: string, cursor: number, selected = false): void {
    const c = Math.max(0, Math.min(cursor, value.length));
    if (value === state.value && c === state.cursor && selected === state.selected) return;
    state = { value, cursor: c, selected };
    for (const fn of listeners) fn();
  }

  return {
    get: () => state,
    set: (value) => update(value, value.length),
    setSelected: (value) => update(value, value.length, value !== ''),
    insert(text) {
      if (state.selected) return update(text, text.length);
      const { value, cursor } = state;
      update(value.slice(0, cursor) + text + value.slice(cursor), cursor + text.length);
    },
    backspace() {
      const { value, cursor } = state;
      if (cursor === 0) return update(value, cursor);
      const n = sizeBefore(value, cursor);
      update(value.slice(0, cursor - n) + value.slice(cursor), cursor - n);
    },
    delete() {
      const { value, cursor } = state;
      if (cursor >= value.length) return update(value, cursor);
      update(value.slice(0, cursor) + value.slice(cursor + sizeAt(value, cursor)), cursor);
    },
    left() {
      update(state.value, state.cursor > 0 ? state.cursor - sizeBefore(state.value, state.cursor) : 0);
    },
    right() {
      update(state.value, state.cursor < state.value.length ? state.cursor + sizeAt(state.value, state.cursor) : state.cursor);
    },
    home: () => update(state.value, 0),
    end: () => update(state.value, state.value.length),
    clear: () => update('', 0),
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
