// The part of a form's key handling every form does alike: a reducer action, or a key for the
// focused field's entry buffer. Accept, cancel and Test stay each form's own.
import type { EntryBuffer } from '../input/entry-buffer.js';
import { applyEntryKey } from '../input/use-entry-field.js';
import type { Key } from '../keys/parse-keys.js';
import type { FormIntent } from './form-keys.js';
import { focusedDef, type FormAction, type FormState } from './form-state.js';

/** Carries out an `action` or `entry` intent (true), or leaves the intent to the caller (false). */
export function applyEditIntent(
  intent: FormIntent, key: Key, state: FormState, buffers: ReadonlyMap<string, EntryBuffer>, dispatch: (action: FormAction) => unknown,
): boolean {
  if (intent.kind === 'action') {
    dispatch(intent.action);
    return true;
  }
  if (intent.kind !== 'entry') return false;
  const def = focusedDef(state);
  const buffer = def === undefined ? undefined : buffers.get(def.key);
  if (buffer) applyEntryKey(buffer, key, { onSubmit: () => undefined, onChange: (text) => void dispatch({ type: 'edit', text }) });
  return true;
}
