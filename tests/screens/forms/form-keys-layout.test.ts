import { describe, expect, it } from 'vitest';
import { createKeyParser } from '../../../src/screens/keys/parse-keys.js';
import type { Key } from '../../../src/screens/keys/parse-keys.js';
import type { FieldDef } from '../../../src/screens/forms/field-types.js';
import { formKeyIntent } from '../../../src/screens/forms/form-keys.js';
import { formRows } from '../../../src/screens/forms/form-layout.js';
import { formReducer, initFormState } from '../../../src/screens/forms/form-state.js';
import { COMPANY_FIELDS } from '../../../src/screens/setup/company-details-fields.js';
import { tenderFields } from '../../../src/screens/setup/tender-fields.js';
import { accountFields } from '../../../src/screens/ledger/account-fields.js';
import { DEFAULT_ACCOUNTS, DEFAULT_TENDERS } from '../../../src/store/index.js';
import { validateField } from '../../../src/screens/forms/validate-field.js';
import { CTRL_C, DOWN, ENTER, ESC, F1, F8, F10, LEFT, PGDN, RIGHT, SHIFT_TAB, TAB } from '../keys.js';

const key = (seq: string): Key => {
  const p = createKeyParser();
  const keys = [...p.feed(seq, 0), ...p.flush(1000)];
  if (keys.length !== 1) throw new Error(`expected one key from ${JSON.stringify(seq)}`);
  return keys[0] as Key;
};

const defs: FieldDef[] = [
  { key: 'name', label: 'Name', kind: 'text' },
  { key: 'kind', label: 'Kind', kind: 'choice', choices: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }] },
  { key: 'flag', label: 'Flag', kind: 'flag' },
];

describe('formKeyIntent', () => {
  const onText = initFormState(defs);
  const onChoice = formReducer(onText, { type: 'focus', key: 'kind' });
  const onFlag = formReducer(onText, { type: 'focus', key: 'flag' });

  it('maps the table keys of the form scope', () => {
    expect(formKeyIntent(onText, key(F10), false)).toEqual({ kind: 'accept' });
    expect(formKeyIntent(onText, key(ESC), false)).toEqual({ kind: 'cancel' });
    expect(formKeyIntent(onText, key(F8), true)).toEqual({ kind: 'test' });
    expect(formKeyIntent(onText, key(TAB), false)).toEqual({ kind: 'action', action: { type: 'move', delta: 1 } });
    expect(formKeyIntent(onText, key(ENTER), false)).toEqual({ kind: 'action', action: { type: 'move', delta: 1 } });
    expect(formKeyIntent(onText, key(SHIFT_TAB), false)).toEqual({ kind: 'action', action: { type: 'move', delta: -1 } });
    expect(formKeyIntent(onText, key(PGDN), false)).toEqual({ kind: 'action', action: { type: 'switchTab', delta: 1 } });
  });

  it('gives typing and cursor keys to the entry of a text field only', () => {
    expect(formKeyIntent(onText, key('x'), false)).toEqual({ kind: 'entry' });
    expect(formKeyIntent(onText, key(LEFT), false)).toEqual({ kind: 'entry' });
    expect(formKeyIntent(onChoice, key('x'), false)).toEqual({ kind: 'swallow' });
    expect(formKeyIntent(onChoice, key(RIGHT), false)).toEqual({ kind: 'action', action: { type: 'cycle', delta: 1 } });
    expect(formKeyIntent(onChoice, key(' '), false)).toEqual({ kind: 'action', action: { type: 'openList' } });
    expect(formKeyIntent(onFlag, key(' '), false)).toEqual({ kind: 'action', action: { type: 'toggle' } });
  });

  it('an open list takes Up/Down/Enter/Esc; help and Ctrl+C always pass', () => {
    const open = formReducer(onChoice, { type: 'openList' });
    expect(formKeyIntent(open, key(DOWN), false)).toEqual({ kind: 'action', action: { type: 'listMove', delta: 1 } });
    expect(formKeyIntent(open, key(ENTER), false)).toEqual({ kind: 'action', action: { type: 'listPick' } });
    expect(formKeyIntent(open, key(ESC), false)).toEqual({ kind: 'action', action: { type: 'closeList' } });
    expect(formKeyIntent(open, key(F10), false)).toEqual({ kind: 'swallow' });
    expect(formKeyIntent(open, key(F1), false)).toEqual({ kind: 'pass' });
    expect(formKeyIntent(onText, key(CTRL_C), false)).toEqual({ kind: 'pass' });
  });

  it('swallows keys while saving', () => {
    const saving = formReducer(onText, { type: 'accept' });
    expect(saving.phase).toBe('saving');
    expect(formKeyIntent(saving, key('x'), false)).toEqual({ kind: 'swallow' });
  });
});

describe('formRows', () => {
  it('puts the tab strip first and only the active tab\'s fields after it', () => {
    const s = initFormState(COMPANY_FIELDS);
    const rows = formRows(s, 19);
    expect(rows[0]).toMatchObject({ type: 'tabs', active: 'General' });
    const fields = rows.filter((r) => r.type === 'field').map((r) => (r.type === 'field' ? COMPANY_FIELDS[r.index]?.key : ''));
    expect(fields).not.toContain('loyaltyProvider');
    expect(fields).toContain('cashRounding');
  });

  it('splices an open list under its field and never returns more rows than allowed', () => {
    let s = initFormState(tenderFields({ editing: null, tenders: DEFAULT_TENDERS, accounts: DEFAULT_ACCOUNTS }), { code: 'X', name: 'X' });
    s = formReducer(s, { type: 'focus', key: 'ledgerAccount' });
    s = formReducer(s, { type: 'openList' });
    expect(s.listIndex).toBe(0);
    for (let rows = 3; rows <= 19; rows += 1) expect(formRows(s, rows).length).toBeLessThanOrEqual(rows);
    const all = formRows(s, 19);
    const choices = all.filter((r) => r.type === 'choice');
    expect(choices.length).toBe(6);
    expect(choices.some((r) => r.type === 'choice' && r.highlighted)).toBe(true);
  });
});

describe('messages fit the 80-column status line', () => {
  it('every refusal of the three forms is at most 78 characters (with its "! " mark)', () => {
    const tables: FieldDef[][] = [
      [...COMPANY_FIELDS],
      tenderFields({ editing: null, tenders: DEFAULT_TENDERS, accounts: DEFAULT_ACCOUNTS }),
      accountFields(null, DEFAULT_ACCOUNTS),
    ];
    const bad = ['', 'x'.repeat(500), 'CASH', '3700.000.000.00', '99', 'zz/zz', '-1', 'yes'];
    for (const defs of tables) {
      for (const def of defs) {
        for (const value of bad) {
          const message = validateField(def, value, { kind: 'account' });
          if (message !== null) expect(message.length, message).toBeLessThanOrEqual(78);
        }
      }
    }
  });
});
