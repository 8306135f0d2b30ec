// Selection and window of a menu or list, as a reducer tested without Ink (ink-ui style).

export interface MenuState {
  selected: number;
  /** First visible row. */
  top: number;
}

export type MenuAction =
  | { type: 'move'; delta: number }
  | { type: 'set'; index: number };

export interface MenuBounds {
  count: number;
  /** Visible rows. */
  rows: number;
}

/** Keeps the selection inside the list and the window around the selection. */
export function clampWindow(state: MenuState, { count, rows }: MenuBounds): MenuState {
  if (count <= 0) return state.selected === 0 && state.top === 0 ? state : { selected: 0, top: 0 };
  const room = Math.max(1, rows);
  const selected = Math.max(0, Math.min(count - 1, state.selected));
  let top = Math.max(0, Math.min(state.top, Math.max(0, count - room)));
  if (selected < top) top = selected;
  if (selected >= top + room) top = selected - room + 1;
  return selected === state.selected && top === state.top ? state : { selected, top };
}

export function menuReducer(state: MenuState, action: MenuAction, bounds: MenuBounds): MenuState {
  const index = action.type === 'move' ? state.selected + action.delta : action.index;
  return clampWindow({ ...state, selected: index }, bounds);
}
