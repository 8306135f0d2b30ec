// Selection and scroll window of a record list (tenders, accounts). A list is windowed to the rows
// the screen has, because a frame taller than the terminal forces full repaints (PITFALLS.md).
import { matches } from '../keys/bindings.js';
import type { Key } from '../keys/parse-keys.js';

export interface ListState {
  selected: number;
  /** Index of the first row shown. */
  top: number;
}

export type ListAction =
  | { type: 'move'; delta: number }
  | { type: 'home' }
  | { type: 'end' }
  | { type: 'select'; index: number };

/** Keeps selected inside [0, count) and the window [top, top + rows) around it. */
export function clampList(state: ListState, count: number, rows: number): ListState {
  const visible = Math.max(1, rows);
  const selected = count === 0 ? 0 : Math.min(count - 1, Math.max(0, state.selected));
  let top = Math.min(state.top, Math.max(0, count - visible));
  if (selected < top) top = selected;
  if (selected >= top + visible) top = selected - visible + 1;
  top = Math.max(0, top);
  return top === state.top && selected === state.selected ? state : { selected, top };
}

export function listReducer(state: ListState, action: ListAction, count: number, rows: number): ListState {
  switch (action.type) {
    case 'move':
      return clampList({ ...state, selected: state.selected + action.delta }, count, rows);
    case 'home':
      return clampList({ ...state, selected: 0 }, count, rows);
    case 'end':
      return clampList({ ...state, selected: count - 1 }, count, rows);
    case 'select':
      return clampList({ ...state, selected: action.index }, count, rows);
    default:
      return state;
  }
}

/** The list movement a key asks for (arrows, pages, Home/End), or null for any other key. */
export function moveActionOf(key: Key, visible: number): ListAction | null {
  if (matches(key, 'moveUp')) return { type: 'move', delta: -1 };
  if (matches(key, 'moveDown')) return { type: 'move', delta: 1 };
  if (matches(key, 'pageUp')) return { type: 'move', delta: -visible };
  if (matches(key, 'pageDown')) return { type: 'move', delta: visible };
  if (matches(key, 'moveFirst')) return { type: 'home' };
  if (matches(key, 'moveLast')) return { type: 'end' };
  return null;
}
