// The fields of a Loyalties screen: the forms framework's reducer, field rows and key map, but
// Accept (F10, or Enter on the last field) hands the checked values to the screen, which runs a
// command and then resumes editing (refusals at their field) instead of saving and leaving.
// State sits outside React (as in forms/form-store.ts) so a burst of keys reads the latest.
import { useSyncExternalStore, type ReactNode } from 'react';
import { bindingsFor, matches, type Command } from '../keys/bindings.js';
import { useKeyHandler } from '../keys/dispatcher.js';
import { createEntryBuffer, type EntryBuffer } from '../input/entry-buffer.js';
import type { FieldDef, FormValues } from '../forms/field-types.js';
import { formKeyIntent } from '../forms/form-keys.js';
import { FormRows } from '../forms/form-rows.js';
import { formReducer, initFormState, type FormAction, type FormState } from '../forms/form-state.js';
import { applyEditIntent } from '../forms/edit-intent.js';

export type ActionFormAction =
  | FormAction
  /** Back to editing after the screen's command: a refusal goes to its field when one is named. */
  | { type: 'resume'; message?: string; kind?: 'info' | 'error'; field?: string };

export interface ActionForm {
  getState(): FormState;
  dispatch(action: ActionFormAction): FormState;
  subscribe(listener: () => void): () => void;
  buffers: ReadonlyMap<string, EntryBuffer>;
}

const TEXT_KINDS = new Set(['text', 'money', 'rate', 'number', 'secret']);

/** The form commands these one-tab forms have; the rest of the scope (tabs, Test, a master
 * file's own keys) is left out of the hint bar and help, so neither offers a key that does nothing. */
const OWN: readonly Command[] = ['help', 'back', 'exit', 'accept', 'nextField', 'prevField', 'toggle', 'openList', 'cycleChoice'];
export const ACTION_FORM_HIDE: readonly Command[] = bindingsFor('form').map((b) => b.command).filter((c) => !OWN.includes(c));

function resume(state: FormState, action: Extract<ActionFormAction, { type: 'resume' }>): FormState {
  const message = action.message ?? null;
  const i = action.field === undefined ? -1 : state.defs.findIndex((d) => d.key === action.field);
  const errors = i < 0 || message === null ? state.errors : { ...state.errors, [action.field as string]: message };
  return { ...state, phase: 'editing', status: message, statusKind: action.kind ?? (message === null ? 'info' : 'error'), errors, focus: i < 0 ? state.focus : i };
}

/** `selected`: text fields whose initial value the first key typed replaces (a suggested amount). */
export function createActionForm(defs: readonly FieldDef[], initial: FormValues = {}, selected: readonly string[] = []): ActionForm {
  let state = initFormState(defs, initial);
  const listeners = new Set<() => void>();
  const buffers = new Map<string, EntryBuffer>();
  for (const d of defs) {
    if (!TEXT_KINDS.has(d.kind) || d.readOnly === true) continue;
    const buffer = createEntryBuffer(state.values[d.key] ?? '');
    if (selected.includes(d.key)) buffer.setSelected(state.values[d.key] ?? '');
    buffers.set(d.key, buffer);
  }
  return {
    getState: () => state,
    dispatch(action) {
      const next = action.type === 'resume' ? resume(state, action) : formReducer(state, action);
      if (next !== state) {
        state = next;
        for (const l of [...listeners]) l();
      }
      return state;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    buffers,
  };
}

function lastEditable(state: FormState): number {
  for (let i = state.defs.length - 1; i >= 0; i -= 1) if (state.defs[i]?.readOnly !== true) return i;
  return -1;
}

export interface ActionFormProps {
  form: ActionForm;
  /** Rows the fields may take. */
  rows: number;
  columns: number;
  /** Only the form of the screen's current step takes keys. */
  active: boolean;
  /** Called with the values once every field checks out; the screen then dispatches 'resume'. */
  onSubmit(values: FormValues): void;
  labelWidth?: number;
}

export function ActionFormView({ form, rows, columns, active, onSubmit, labelWidth }: ActionFormProps): ReactNode {
  const state = useSyncExternalStore(form.subscribe, form.getState, form.getState);

  useKeyHandler((key) => {
    const s = form.getState();
    // Esc leaves the screen (nothing here is saved by leaving), unless it closes an open list.
    if (matches(key, 'back') && s.listIndex === null) return false;
    const onLast = s.focus === lastEditable(s) && s.listIndex === null && s.phase === 'editing';
    const intent = onLast && key.name === 'enter' && matches(key, 'nextField') ? { kind: 'accept' as const } : formKeyIntent(s, key, false);
    switch (intent.kind) {
      case 'pass':
        return false;
      case 'swallow':
      case 'test':
        return true;
      case 'action':
      case 'entry':
        return applyEditIntent(intent, key, s, form.buffers, (a) => form.dispatch(a));
      case 'cancel':
        form.dispatch({ type: 'cancel' });
        return true;
      case 'accept': {
        const next = form.dispatch({ type: 'accept' });
        if (next.phase === 'saving') {
          form.dispatch({ type: 'resume' });
          onSubmit(next.values);
        }
        return true;
      }
    }
  }, { layer: 'screen', active });

  return <FormRows state={state} buffers={form.buffers} rows={rows} columns={columns} active={active} tabs={false}
    {...(labelWidth === undefined ? {} : { labelWidth })} />;
}

/** The form's status line message, for the screen's Shell. */
export function formStatus(state: FormState): { text: string; kind: 'info' | 'error' } | undefined {
  return state.status === null ? undefined : { text: state.status, kind: state.statusKind };
}
