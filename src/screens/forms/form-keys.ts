// What a key means on a form, decided from the form's current state: pure, so the whole key map
// is tested without Ink. Form-wide keys come from the kit's binding table (Accept, Test, Next,
// Prev, tabs, Esc); the keys that only make sense on one kind of field are local, listed in
// FIELD_KEYS so the form can show them next to the focused field (the table has no binding for
// "open a drop-down" or "toggle a flag").
import { matches } from '../keys/bindings.js';
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

/** Hints shown beside the focused field, by kind. */
export const FIELD_KEYS = {
  choice: 'Left/Right change, Space list',
  flag: 'Space toggles',
  list: 'Up/Down move, Enter choose, Esc close',
} as const;

const TEXT_KINDS = new Set(['text', 'money', 'rate', 'number', 'secret']);

function isSpace(key: Key): boolean {
  return key.name === 'char' && key.ch === ' ' && !key.ctrl && !key.alt;
}

function isPlain(key: Key, name: Key['name']): boolean {
  return key.name === name && !key.ctrl && !key.alt;
}

const act = (action: FormAction): FormIntent => ({ kind: 'action', action });

function passOrSwallow(key: Key): FormIntent {
  return key.name === 'f1' || (key.ctrl && key.ch === 'c') ? { kind: 'pass' } : { kind: 'swallow' };
}

function listKey(key: Key): FormIntent {
  if (matches(key, 'back')) return act({ type: 'closeList' });
  if (isPlain(key, 'enter') || isSpace(key)) return act({ type: 'listPick' });
  if (isPlain(key, 'up')) return act({ type: 'listMove', delta: -1 });
  if (isPlain(key, 'down')) return act({ type: 'listMove', delta: 1 });
  if (isPlain(key, 'pageup')) return act({ type: 'listMove', delta: -5 });
  if (isPlain(key, 'pagedown')) return act({ type: 'listMove', delta: 5 });
  if (isPlain(key, 'home')) return act({ type: 'listMove', delta: -1000 });
  if (isPlain(key, 'end')) return act({ type: 'listMove', delta: 1000 });
  return passOrSwallow(key);
}

export function formKeyIntent(state: FormState, key: Key, hasTest: boolean): FormIntent {
  // Help and the sure way out work in every phase, even while a list is open.
  if (key.name === 'f1' || (key.ctrl && key.ch === 'c')) return { kind: 'pass' };
  if (state.phase !== 'editing') return passOrSwallow(key);
  if (state.listIndex !== null) return listKey(key);
  if (matches(key, 'accept')) return { kind: 'accept' };
  if (matches(key, 'back')) return { kind: 'cancel' };
  if (matches(key, 'test')) return hasTest ? { kind: 'test' } : act({ type: 'status', message: 'Test: this form has nothing to test' });
  if (matches(key, 'nextTab')) return act({ type: 'switchTab', delta: 1 });
  if (matches(key, 'prevTab')) return act({ type: 'switchTab', delta: -1 });
  const def = focusedDef(state);
  const kind = def?.kind;
  if (kind === 'choice') {
    if (isPlain(key, 'left')) return act({ type: 'cycle', delta: -1 });
    if (isPlain(key, 'right')) return act({ type: 'cycle', delta: 1 });
    if (isSpace(key) || key.name === 'f4') return act({ type: 'openList' });
  } else if (kind === 'flag') {
    if (isSpace(key) || isPlain(key, 'left') || isPlain(key, 'right')) return act({ type: 'toggle' });
  } else if (kind !== undefined && TEXT_KINDS.has(kind)) {
    // Enter is the table's Next field; every other editing key belongs to the entry buffer.
    if (!matches(key, 'nextField') && !matches(key, 'prevField')) {
      if (key.name === 'char' || ['backspace', 'delete', 'left', 'right', 'home', 'end'].includes(key.name)) return { kind: 'entry' };
    }
  }
  if (matches(key, 'nextField')) return act({ type: 'move', delta: 1 });
  if (matches(key, 'prevField')) return act({ type: 'move', delta: -1 });
  return passOrSwallow(key);
}
