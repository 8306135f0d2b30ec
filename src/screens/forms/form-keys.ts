// What a key means on a form, decided from the form's current state: pure, so the whole key map
// is tested without Ink. Every key comes from the kit's binding table: the form-wide ones (Accept,
// Test, Next, Prev, tabs, Esc) and the ones of one kind of field (toggle, openList, cycleChoice),
// which FIELD_KEYS shows next to the focused field, worded from the same table.
import { bindingOf, keyIndex, keyLabel, keysLabel, matches, type Command } from '../keys/bindings.js';
import type { Key } from '../keys/parse-keys.js';
import type { FormAction, FormState } from './form-state.js';
import { focusedDef } from './form-state.js';

export type FormIntent =
  | { kind: 'action'; action: FormAction }
  | { kind: 'accept' }
  | { kind: 'cancel' }
  | { kind: 'test' }
  /** Give the key to the focused field's entry buffer. */
  | { kind: 'entry' }
  /** Consumed, nothing happens (e.g. typing on a choice field). */
  | { kind: 'swallow' }
  /** Not the form's: F1 help, Ctrl+C quit. */
  | { kind: 'pass' };

const first = (command: Command): string => {
  const spec = bindingOf(command).keys[0];
  return spec ? keyLabel(spec) : keysLabel(bindingOf(command));
};

/** Hints shown beside the focused field, by kind (from the binding table, so they cannot drift). */
export const FIELD_KEYS = {
  choice: `${keysLabel(bindingOf('cycleChoice'))} change, ${first('toggle')} list`,
  flag: `${first('toggle')} toggles`,
  list: `${first('moveUp')}/${first('moveDown')} move, ${first('select')} choose, ${first('back')} close`,
} as const;

const TEXT_KINDS = new Set(['text', 'money', 'rate', 'number', 'secret']);
/** Keys that edit a text field's entry (cursor and deletion). Not commands: on a text field they
 * are typing, like the characters themselves (see input/use-entry-field.ts). */
const EDITING_KEYS = new Set<Key['name']>(['char', 'backspace', 'delete', 'left', 'right', 'home', 'end']);

const act = (action: FormAction): FormIntent => ({ kind: 'action', action });

/** F1 help and Ctrl+C (the sure way out) reach the global layer in every phase. */
function passes(key: Key): boolean {
  return matches(key, 'help') || matches(key, 'exit');
}

function passOrSwallow(key: Key): FormIntent {
  return passes(key) ? { kind: 'pass' } : { kind: 'swallow' };
}

/** An open choice list: the table's selection keys move, Enter (select) or Space (toggle) picks. */
function listKey(key: Key): FormIntent {
  if (matches(key, 'back')) return act({ type: 'closeList' });
  if (matches(key, 'select') || matches(key, 'toggle')) return act({ type: 'listPick' });
  if (matches(key, 'moveUp')) return act({ type: 'listMove', delta: -1 });
  if (matches(key, 'moveDown')) return act({ type: 'listMove', delta: 1 });
  if (matches(key, 'pageUp')) return act({ type: 'listMove', delta: -5 });
  if (matches(key, 'pageDown')) return act({ type: 'listMove', delta: 5 });
  if (matches(key, 'moveFirst')) return act({ type: 'listMove', delta: -1000 });
  if (matches(key, 'moveLast')) return act({ type: 'listMove', delta: 1000 });
  return passOrSwallow(key);
}

export function formKeyIntent(state: FormState, key: Key, hasTest: boolean): FormIntent {
  // Help and the sure way out work in every phase, even while a list is open.
  if (passes(key)) return { kind: 'pass' };
  if (state.phase !== 'editing') return passOrSwallow(key);
  if (state.listIndex !== null) return listKey(key);
  if (matches(key, 'accept')) return { kind: 'accept' };
  if (matches(key, 'back')) return { kind: 'cancel' };
  // The hint bar and help leave F8 out on a form without a Test; pressing it still says why.
  if (matches(key, 'test')) return hasTest ? { kind: 'test' } : act({ type: 'status', message: 'Test: this form has nothing to test' });
  if (matches(key, 'nextTab')) return act({ type: 'switchTab', delta: 1 });
  if (matches(key, 'prevTab')) return act({ type: 'switchTab', delta: -1 });
  const def = focusedDef(state);
  const kind = def?.kind;
  if (kind === 'choice') {
    // cycleChoice's keys are [Left, Right]: back and forward.
    const cycle = keyIndex(key, 'cycleChoice');
    if (cycle >= 0) return act({ type: 'cycle', delta: cycle === 0 ? -1 : 1 });
    if (matches(key, 'toggle') || matches(key, 'openList')) return act({ type: 'openList' });
  } else if (kind === 'flag') {
    if (matches(key, 'toggle') || matches(key, 'cycleChoice')) return act({ type: 'toggle' });
  } else if (kind !== undefined && TEXT_KINDS.has(kind)) {
    // Enter is the table's Next field; every other editing key belongs to the entry buffer.
    if (!matches(key, 'nextField') && !matches(key, 'prevField') && EDITING_KEYS.has(key.name)) return { kind: 'entry' };
  }
  if (matches(key, 'nextField')) return act({ type: 'move', delta: 1 });
  if (matches(key, 'prevField')) return act({ type: 'move', delta: -1 });
  return passOrSwallow(key);
}
