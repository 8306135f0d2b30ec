// Which rows a form draws, given the rows the Shell leaves it: the tab strip, the fields of the
// active tab, an open choice list under its field, and a line of keys for the focused field.
// Pure and windowed, so a long form or list never makes a frame taller than the terminal.
import type { FormState } from './form-state.js';
import { activeTab, focusedDef, formTabs } from './form-state.js';
import { FIELD_KEYS } from './form-keys.js';
import { clampList } from './list-state.js';

export type FormRow =
  | { type: 'tabs'; tabs: string[]; active: string }
  | { type: 'blank' }
  | { type: 'field'; index: number }
  | { type: 'choice'; field: number; choice: number; highlighted: boolean }
  | { type: 'more'; above: number; below: number }
  | { type: 'keys'; text: string };

/** Most choices an open list shows at once. */
export const LIST_ROWS = 6;

function fieldKeysText(state: FormState): string | null {
  if (state.listIndex !== null) return FIELD_KEYS.list;
  const def = focusedDef(state);
  if (def?.kind === 'choice') return FIELD_KEYS.choice;
  if (def?.kind === 'flag') return FIELD_KEYS.flag;
  return null;
}

export function formRows(state: FormState, rows: number): FormRow[] {
  const out: FormRow[] = [];
  const tabs = formTabs(state.defs);
  const tab = activeTab(state);
  if (tabs.length > 0) out.push({ type: 'tabs', tabs, active: tab ?? tabs[0] ?? '' }, { type: 'blank' });
  const keys = fieldKeysText(state);
  let footer: FormRow[] = keys === null ? [] : [{ type: 'blank' }, { type: 'keys', text: keys }];
  // On a very short area the fields matter more than the key line and the gap under the tabs.
  if (rows - out.length - footer.length < 2) footer = [];
  if (rows - out.length < 2 && out.length > 1) out.pop();

  // The body: fields of the active tab with the open list spliced in under the focused field.
  const body: FormRow[] = [];
  let anchor = 0;
  state.defs.forEach((def, index) => {
    if (tabs.length > 0 && def.tab !== tab) return;
    if (index === state.focus) anchor = body.length;
    body.push({ type: 'field', index });
    if (index === state.focus && state.listIndex !== null) {
      const count = def.choices?.length ?? 0;
      const win = clampList({ selected: state.listIndex, top: Math.max(0, state.listIndex - LIST_ROWS + 1) }, count, LIST_ROWS);
      for (let c = win.top; c < Math.min(count, win.top + LIST_ROWS); c += 1) {
        if (c === state.listIndex) anchor = body.length;
        body.push({ type: 'choice', field: index, choice: c, highlighted: c === state.listIndex });
      }
    }
  });

  const room = Math.max(1, rows - out.length - footer.length);
  if (body.length <= room) return [...out, ...body, ...footer].slice(0, Math.max(1, rows));
  // Too many rows: one line says how many are hidden, the rest follow the focus.
  if (room < 2) {
    // No room for the "more" line: just the focused row.
    return [...out, body[anchor] as FormRow].slice(-Math.max(1, rows));
  }
  const shown = room - 1;
  const win = clampList({ selected: anchor, top: Math.max(0, anchor - Math.floor(shown / 2)) }, body.length, shown);
  const above = win.top;
  const below = body.length - (win.top + shown);
  return [...out, ...body.slice(win.top, win.top + shown), { type: 'more', above, below: Math.max(0, below) }, ...footer];
}
