// The screen stack (lazygit): Esc pops, the bottom screen (the Main Menu) cannot be popped.
import type { ScreenEntry } from '../app-context.js';

export interface StackState {
  screens: ScreenEntry[];
}

export type StackAction =
  | { type: 'push'; screen: ScreenEntry }
  | { type: 'pop' }
  | { type: 'replace'; screen: ScreenEntry };

export function stackReducer(state: StackState, action: StackAction): StackState {
  switch (action.type) {
    case 'push':
      return { screens: [...state.screens, action.screen] };
    case 'pop':
      return state.screens.length <= 1 ? state : { screens: state.screens.slice(0, -1) };
    case 'replace':
      // Replacing the bottom screen keeps a bottom screen, so the stack is never empty.
      return { screens: [...state.screens.slice(0, -1), action.screen] };
  }
}
