// Find-item overlay state: which result is selected. A new query starts again at the top.
import { moveSelection } from './window.js';

export interface FindView {
  selected: number;
}

export type FindAction = { type: 'move'; delta: number; count: number } | { type: 'reset' };

export function findReducer(state: FindView, action: FindAction): FindView {
  switch (action.type) {
    case 'move': {
      const selected = moveSelection(state.selected, action.delta, action.count);
      return selected === state.selected ? state : { selected };
    }
    case 'reset':
      return state.selected === 0 ? state : { selected: 0 };
  }
}

/** How many results to ask the till for: the visible page plus everything above the selection. */
export function findLimit(selected: number, rows: number): number {
  return Math.min(Math.max(rows, 1) + selected + 1, 1000);
}
