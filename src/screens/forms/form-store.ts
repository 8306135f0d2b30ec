// The form reducer held outside React state. A paste or a scanner burst arrives as many keys before
// React commits once; a key handler that read useReducer state from its closure would decide on a
// stale focus or value (the race PITFALLS.md measured with ink-text-input). Here every key reads and
// updates the current state synchronously, and the component reads it with useSyncExternalStore.
import type { FormAction, FormState, FieldDef, FormValues } from './form-state.js';
import { formReducer, initFormState } from './form-state.js';

export interface FormStore {
  getState(): FormState;
  dispatch(action: FormAction): FormState;
  subscribe(listener: () => void): () => void;
}

export function createFormStore(defs: readonly FieldDef[], initial: FormValues = {}): FormStore {
  let state = initFormState(defs, initial);
  const listeners = new Set<() => void>();
  return {
    getState: () => state,
    dispatch(action) {
      const next = formReducer(state, action);
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
  };
}
