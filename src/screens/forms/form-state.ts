// The form framework's state: a pure reducer over field definitions. It holds the raw text of every
// field (what the operator typed, never a parsed value), so a form can always show back exactly
// what was entered and refuse it with a message instead of silently coercing it.
import type { FieldChoice, FieldDef, FormValues } from './field-types.js';
import { FLAG_OFF, FLAG_ON } from './field-types.js';
import { validateField } from './validate-field.js';

export type { FieldChoice, FieldDef, FieldKind, FormValues } from './field-types.js';
export { FLAG_OFF, FLAG_ON } from './field-types.js';

export type FormPhase = 'editing' | 'confirm-discard' | 'saving' | 'cancelled' | 'saved';

export interface FormState {
  defs: readonly FieldDef[];
  values: FormValues;
  /** Index into defs of the focused field (never a read-only one while any field is editable). */
  focus: number;
  /** Message per field key; a key is absent when the field is valid or not yet checked. */
  errors: Record<string, string>;
  dirty: boolean;
  /** One line shown in the form's status line (the last refusal, "Saving...", a save error). */
  status: string | null;
  /** An error is marked `!` in the status line (meaning never by colour alone). */
  statusKind: 'info' | 'error';
  phase: FormPhase;
  /** Index of the highlighted choice while a choice field's list is open; null when closed. */
  listIndex: number | null;
}

export type FormAction =
  | { type: 'edit'; text: string }
  | { type: 'move'; delta: 1 | -1 }
  | { type: 'focus'; key: string }
  | { type: 'switchTab'; delta: 1 | -1 }
  | { type: 'cycle'; delta: 1 | -1 }
  | { type: 'toggle' }
  | { type: 'openList' }
  | { type: 'listMove'; delta: number }
  | { type: 'listPick' }
  | { type: 'closeList' }
  | { type: 'accept' }
  | { type: 'saved' }
  | { type: 'saveFailed'; message: string; field?: string }
  | { type: 'cancel' }
  | { type: 'confirmDiscard'; discard: boolean }
  | { type: 'status'; message: string | null; kind?: 'info' | 'error' }
  /** New figures for read-only fields (a balance after a payment); editable fields are left alone. */
  | { type: 'shown'; values: FormValues };

function editable(def: FieldDef | undefined): boolean {
  return def !== undefined && def.readOnly !== true;
}

function firstEditable(defs: readonly FieldDef[]): number {
  const i = defs.findIndex((d) => editable(d));
  return i < 0 ? 0 : i;
}

export function initFormState(defs: readonly FieldDef[], initial: FormValues = {}): FormState {
  const values: FormValues = {};
  for (const def of defs) {
    const given = initial[def.key];
    values[def.key] = given ?? (def.kind === 'flag' ? FLAG_OFF : def.kind === 'choice' ? (def.choices?.[0]?.value ?? '') : '');
  }
  return { defs, values, focus: firstEditable(defs), errors: {}, dirty: false, status: null, statusKind: 'info', phase: 'editing', listIndex: null };
}

export function focusedDef(state: FormState): FieldDef | undefined {
  return state.defs[state.focus];
}

/** Tabs in order of first appearance; [] when no field names a tab. */
export function formTabs(defs: readonly FieldDef[]): string[] {
  const tabs: string[] = [];
  for (const d of defs) if (d.tab !== undefined && !tabs.includes(d.tab)) tabs.push(d.tab);
  return tabs;
}

export function activeTab(state: FormState): string | undefined {
  return focusedDef(state)?.tab;
}

function withError(state: FormState, key: string, message: string | null): FormState {
  const errors = { ...state.errors };
  if (message === null) delete errors[key];
  else errors[key] = message;
  return { ...state, errors, status: message, statusKind: message === null ? 'info' : 'error' };
}

/** Checks the focused field; on a refusal the focus stays put and the message is shown. */
function leaveFocused(state: FormState): { ok: boolean; state: FormState } {
  const def = focusedDef(state);
  if (!editable(def) || def === undefined) return { ok: true, state };
  const message = validateField(def, state.values[def.key] ?? '', state.values);
  if (message !== null) return { ok: false, state: withError(state, def.key, message) };
  return { ok: true, state: withError(state, def.key, null) };
}

function moveTo(state: FormState, index: number): FormState {
  if (index === state.focus) return state;
  const left = leaveFocused(state);
  if (!left.ok) return left.state;
  return { ...left.state, focus: index, listIndex: null };
}

function stepIndex(defs: readonly FieldDef[], from: number, delta: 1 | -1): number {
  for (let n = 1; n <= defs.length; n += 1) {
    const i = (from + delta * n + defs.length * n) % defs.length;
    if (editable(defs[i])) return i;
  }
  return from;
}

/** A choice or flag changes at once, so it is checked at once: a refused value is never taken. */
function setChosen(state: FormState, value: string): FormState {
  const def = focusedDef(state);
  if (def === undefined) return state;
  const values = { ...state.values, [def.key]: value };
  const message = validateField(def, value, values);
  if (message !== null) return withError(state, def.key, message);
  const changed = value !== state.values[def.key];
  return { ...withError({ ...state, values }, def.key, null), dirty: state.dirty || changed };
}

function choiceIndex(def: FieldDef, value: string): number {
  return (def.choices ?? []).findIndex((c) => c.value === value);
}

function editing(state: FormState, action: FormAction): FormState {
  const def = focusedDef(state);
  switch (action.type) {
    case 'edit': {
      if (def === undefined || !editable(def) || def.kind === 'choice' || def.kind === 'flag') return state;
      if (state.values[def.key] === action.text) return state;
      const errors = { ...state.errors };
      delete errors[def.key];
      return { ...state, values: { ...state.values, [def.key]: action.text }, errors, dirty: true, status: null, statusKind: 'info' };
    }
    case 'move':
      return moveTo(state, stepIndex(state.defs, state.focus, action.delta));
    case 'focus': {
      const i = state.defs.findIndex((d) => d.key === action.key);
      return i < 0 || !editable(state.defs[i]) ? state : moveTo(state, i);
    }
    case 'switchTab': {
      const tabs = formTabs(state.defs);
      if (tabs.length < 2) return state;
      const current = Math.max(0, tabs.indexOf(activeTab(state) ?? ''));
      const target = tabs[(current + action.delta + tabs.length) % tabs.length];
      const i = state.defs.findIndex((d) => d.tab === target && editable(d));
      return i < 0 ? state : moveTo(state, i);
    }
    case 'cycle': {
      if (def === undefined || def.kind !== 'choice' || !editable(def)) return state;
      const choices = def.choices ?? [];
      if (choices.length === 0) return state;
      const at = choiceIndex(def, state.values[def.key] ?? '');
      const next = at < 0 ? 0 : (at + action.delta + choices.length) % choices.length;
      return setChosen(state, (choices[next] as FieldChoice).value);
    }
    case 'toggle':
      if (def === undefined || def.kind !== 'flag' || !editable(def)) return state;
      return setChosen(state, state.values[def.key] === FLAG_ON ? FLAG_OFF : FLAG_ON);
    case 'openList':
      if (def === undefined || def.kind !== 'choice' || !editable(def) || (def.choices ?? []).length === 0) return state;
      return { ...state, listIndex: Math.max(0, choiceIndex(def, state.values[def.key] ?? '')) };
    case 'listMove': {
      if (state.listIndex === null || def === undefined) return state;
      const last = (def.choices ?? []).length - 1;
      return { ...state, listIndex: Math.min(last, Math.max(0, state.listIndex + action.delta)) };
    }
    case 'listPick': {
      if (state.listIndex === null || def === undefined) return state;
      const picked = def.choices?.[state.listIndex];
      const closed = { ...state, listIndex: null };
      return picked === undefined ? closed : setChosen(closed, picked.value);
    }
    case 'closeList':
      return { ...state, listIndex: null };
    case 'accept': {
      const bad = state.defs.findIndex((d) => editable(d) && validateField(d, state.values[d.key] ?? '', state.values) !== null);
      if (bad >= 0) {
        const d = state.defs[bad] as FieldDef;
        const message = validateField(d, state.values[d.key] ?? '', state.values) as string;
        return { ...withError(state, d.key, message), focus: bad, listIndex: null };
      }
      return { ...state, errors: {}, phase: 'saving', status: 'Saving...', statusKind: 'info', listIndex: null };
    }
    case 'cancel':
      if (state.listIndex !== null) return { ...state, listIndex: null };
      return state.dirty ? { ...state, phase: 'confirm-discard', status: 'Discard changes? (y/n)', statusKind: 'info' } : { ...state, phase: 'cancelled' };
    case 'status':
      return { ...state, status: action.message, statusKind: action.kind ?? 'info' };
    case 'shown': {
      const values = { ...state.values };
      for (const d of state.defs) if (d.readOnly === true && action.values[d.key] !== undefined) values[d.key] = action.values[d.key] as string;
      return { ...state, values };
    }
    default:
      return state;
  }
}

export function formReducer(state: FormState, action: FormAction): FormState {
  switch (state.phase) {
    case 'editing':
      return editing(state, action);
    case 'confirm-discard':
      if (action.type !== 'confirmDiscard') return state;
      return action.discard ? { ...state, phase: 'cancelled', status: null } : { ...state, phase: 'editing', status: null, statusKind: 'info' };
    case 'saving':
      if (action.type === 'saved') return { ...state, phase: 'saved', dirty: false, status: 'Saved', statusKind: 'info' };
      if (action.type === 'saveFailed') {
        const i = action.field === undefined ? -1 : state.defs.findIndex((d) => d.key === action.field && editable(d));
        const errors = i < 0 ? state.errors : { ...state.errors, [action.field as string]: action.message };
        return { ...state, phase: 'editing', status: action.message, statusKind: 'error', errors, focus: i < 0 ? state.focus : i };
      }
      return state;
    default:
      // 'cancelled' and 'saved' are final: the screen that owns the form leaves.
      return state;
  }
}
