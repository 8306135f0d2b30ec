import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { FieldDef, FormAction, FormState } from '../../../src/screens/forms/form-state.js';
import { FLAG_OFF, FLAG_ON, activeTab, formReducer, initFormState } from '../../../src/screens/forms/form-state.js';
import { createFormStore } from '../../../src/screens/forms/form-store.js';
import { validateField } from '../../../src/screens/forms/validate-field.js';

const defs: FieldDef[] = [
  { key: 'name', label: 'Name', kind: 'text', required: true, maxLength: 10, tab: 'General' },
  { key: 'price', label: 'Price', kind: 'money', tab: 'General' },
  { key: 'rate', label: 'Rate', kind: 'rate', tab: 'General' },
  { key: 'qty', label: 'Qty', kind: 'number', tab: 'General' },
  { key: 'kind', label: 'Kind', kind: 'choice', choices: [{ value: 'a', label: 'Alpha' }, { value: 'b', label: 'Beta' }, { value: 'c', label: 'Gamma' }], tab: 'Other' },
  {
    key: 'special', label: 'Special', kind: 'flag', tab: 'Other',
    validate: (v, all) => (v === FLAG_ON && all.kind !== 'c' ? 'Special: only with kind Gamma' : null),
  },
];

function run(state: FormState, ...actions: FormAction[]): FormState {
  return actions.reduce(formReducer, state);
}

describe('validateField', () => {
  const all = {};
  it('refuses a blank required field and names it', () => {
    expect(validateField(defs[0]!, '  ', all)).toBe('Name is required');
  });
  it('accepts a blank optional field', () => {
    expect(validateField(defs[1]!, '', all)).toBeNull();
  });
  it('refuses text over maxLength with the limit', () => {
    expect(validateField(defs[0]!, 'abcdefghijk', all)).toBe('Name: at most 10 characters (got 11)');
  });
  it('checks money, rate and number formats with what is allowed', () => {
    expect(validateField(defs[1]!, '19.99', all)).toBeNull();
    expect(validateField(defs[1]!, '19.999', all)).toMatch(/^Price: .*at most 2 decimals/);
    expect(validateField(defs[2]!, '2.5', all)).toBeNull();
    expect(validateField(defs[2]!, '101', all)).toMatch(/^Rate: .*0 to 100/);
    expect(validateField(defs[3]!, '12', all)).toBeNull();
    expect(validateField(defs[3]!, '1.5', all)).toBe('Qty: enter a whole number, e.g. 3');
  });
  it('refuses a value that is not one of the choices, listing them', () => {
    expect(validateField(defs[4]!, 'z', all)).toBe('Kind: choose one of Alpha, Beta, Gamma');
  });
});

describe('formReducer', () => {
  it('starts on the first field with defaults for choices and flags, not dirty', () => {
    const s = initFormState(defs);
    expect(s.focus).toBe(0);
    expect(s.values.kind).toBe('a');
    expect(s.values.special).toBe(FLAG_OFF);
    expect(s.dirty).toBe(false);
  });

  it('keeps the focus on a field refused when leaving it, with its message', () => {
    const s = run(initFormState(defs), { type: 'move', delta: 1 });
    expect(s.focus).toBe(0);
    expect(s.errors.name).toBe('Name is required');
    expect(s.status).toBe('Name is required');
    const fixed = run(s, { type: 'edit', text: 'Shop' }, { type: 'move', delta: 1 });
    expect(fixed.focus).toBe(1);
    expect(fixed.errors.name).toBeUndefined();
    expect(fixed.dirty).toBe(true);
  });

  it('wraps Tab around and skips read-only fields', () => {
    const ro: FieldDef[] = [{ ...defs[0]!, readOnly: true }, defs[1]!, defs[3]!];
    const s = initFormState(ro, { name: 'X' });
    expect(s.focus).toBe(1);
    expect(run(s, { type: 'move', delta: 1 }).focus).toBe(2);
    expect(run(s, { type: 'move', delta: 1 }, { type: 'move', delta: 1 }).focus).toBe(1);
    expect(run(s, { type: 'move', delta: -1 }).focus).toBe(2);
    // A read-only field cannot be edited even by a stray edit action.
    expect(run(s, { type: 'focus', key: 'name' }).focus).toBe(1);
  });

  it('switches tabs to the first field of the next tab', () => {
    const s = run(initFormState(defs, { name: 'Shop' }), { type: 'switchTab', delta: 1 });
    expect(activeTab(s)).toBe('Other');
    expect(s.focus).toBe(4);
    expect(activeTab(run(s, { type: 'switchTab', delta: 1 }))).toBe('General');
  });

  it('cycles choices both ways and marks dirty', () => {
    const s = run(initFormState(defs, { name: 'Shop' }), { type: 'focus', key: 'kind' }, { type: 'cycle', delta: -1 });
    expect(s.values.kind).toBe('c');
    expect(s.dirty).toBe(true);
    expect(run(s, { type: 'cycle', delta: 1 }).values.kind).toBe('a');
  });

  it('refuses a flag toggle that its rule forbids, keeping the old value and showing why', () => {
    const s = run(initFormState(defs, { name: 'Shop' }), { type: 'focus', key: 'special' }, { type: 'toggle' });
    expect(s.values.special).toBe(FLAG_OFF);
    expect(s.status).toBe('Special: only with kind Gamma');
    expect(s.dirty).toBe(false);
    const ok = run(initFormState(defs, { name: 'Shop', kind: 'c' }), { type: 'focus', key: 'special' }, { type: 'toggle' });
    expect(ok.values.special).toBe(FLAG_ON);
  });

  it('picks from an open choice list and closes it', () => {
    const s = run(initFormState(defs, { name: 'Shop' }), { type: 'focus', key: 'kind' }, { type: 'openList' });
    expect(s.listIndex).toBe(0);
    const picked = run(s, { type: 'listMove', delta: 5 }, { type: 'listPick' });
    expect(picked.listIndex).toBeNull();
    expect(picked.values.kind).toBe('c');
    // Esc on an open list only closes it; the form stays.
    const closed = run(s, { type: 'cancel' });
    expect(closed.listIndex).toBeNull();
    expect(closed.phase).toBe('editing');
  });

  it('Accept with a bad field focuses the first bad one and saves nothing', () => {
    const s = run(initFormState(defs, { name: 'Shop', qty: 'x', price: '1.234', kind: 'a', special: FLAG_ON }), { type: 'accept' });
    expect(s.phase).toBe('editing');
    expect(s.focus).toBe(1);
    expect(s.status).toMatch(/^Price: /);
  });

  it('Accept with a rule broken by a later change to another field is refused at the flag', () => {
    const s = run(initFormState(defs, { name: 'Shop', kind: 'c', special: FLAG_ON }), { type: 'focus', key: 'kind' }, { type: 'cycle', delta: 1 }, { type: 'accept' });
    expect(s.phase).toBe('editing');
    expect(s.focus).toBe(5);
    expect(s.status).toBe('Special: only with kind Gamma');
  });

  it('Accept when valid goes to saving; saved and failed saves are reported', () => {
    const saving = run(initFormState(defs, { name: 'Shop' }), { type: 'edit', text: 'Shop 2' }, { type: 'accept' });
    expect(saving.phase).toBe('saving');
    // Keys during the save change nothing.
    expect(run(saving, { type: 'edit', text: 'zzz' }).values.name).toBe('Shop 2');
    expect(run(saving, { type: 'saved' }).phase).toBe('saved');
    const failed = run(saving, { type: 'saveFailed', message: 'Qty: too many', field: 'qty' });
    expect(failed.phase).toBe('editing');
    expect(failed.focus).toBe(3);
    expect(failed.status).toBe('Qty: too many');
    expect(failed.dirty).toBe(true);
  });

  it('Esc leaves at once when clean, asks first when dirty', () => {
    expect(run(initFormState(defs), { type: 'cancel' }).phase).toBe('cancelled');
    const asking = run(initFormState(defs), { type: 'edit', text: 'A' }, { type: 'cancel' });
    expect(asking.phase).toBe('confirm-discard');
    expect(asking.status).toBe('Discard changes? (y/n)');
    expect(run(asking, { type: 'edit', text: 'B' }).values.name).toBe('A');
    const kept = run(asking, { type: 'confirmDiscard', discard: false });
    expect(kept.phase).toBe('editing');
    expect(kept.values.name).toBe('A');
    expect(run(asking, { type: 'confirmDiscard', discard: true }).phase).toBe('cancelled');
  });

  it('property: focus always lands on an editable field and values keep every key', () => {
    const action: fc.Arbitrary<FormAction> = fc.oneof(
      fc.record({ type: fc.constant('edit' as const), text: fc.string({ maxLength: 12 }) }),
      fc.record({ type: fc.constant('move' as const), delta: fc.constantFrom(1 as const, -1 as const) }),
      fc.record({ type: fc.constant('switchTab' as const), delta: fc.constantFrom(1 as const, -1 as const) }),
      fc.record({ type: fc.constant('cycle' as const), delta: fc.constantFrom(1 as const, -1 as const) }),
      fc.constant({ type: 'toggle' as const }),
      fc.constant({ type: 'accept' as const }),
    );
    fc.assert(fc.property(fc.array(action, { maxLength: 40 }), (actions) => {
      const s = run(initFormState(defs), ...actions);
      expect(defs[s.focus]?.readOnly).not.toBe(true);
      expect(Object.keys(s.values).sort()).toEqual(defs.map((d) => d.key).sort());
      // A flag whose rule is broken can only come from a later change of another field, and
      // Accept then never reaches saving.
      if (s.phase === 'saving') {
        for (const d of defs) expect(validateField(d, s.values[d.key] ?? '', s.values)).toBeNull();
      }
    }));
  });
});

describe('createFormStore', () => {
  it('applies actions synchronously so a burst decides on the current state', () => {
    const store = createFormStore(defs);
    let notified = 0;
    store.subscribe(() => { notified += 1; });
    store.dispatch({ type: 'edit', text: 'Shop' });
    store.dispatch({ type: 'move', delta: 1 });
    // The second key saw the first key's text: the move was allowed.
    expect(store.getState().focus).toBe(1);
    expect(notified).toBe(2);
    // A no-op does not notify.
    store.dispatch({ type: 'toggle' });
    expect(notified).toBe(2);
  });
});
