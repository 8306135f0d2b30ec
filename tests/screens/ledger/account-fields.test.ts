import { describe, expect, it } from 'vitest';
import type { AccountsDoc, LedgerAccount } from '../../../src/store/documents-types.js';
import { formReducer, initFormState } from '../../../src/screens/forms/form-state.js';
import {
  ACCOUNT_CODE_RULE, accountCodeMessage, accountFields, accountFromValues, accountValues, applyAccount,
} from '../../../src/screens/ledger/account-fields.js';

const accounts: LedgerAccount[] = [{ code: '3700.000.000.00', name: 'Cash on hand control', type: 'asset' }];

describe('account fields', () => {
  it('codes follow NNNN.NNN.NNN.NN and are unique', () => {
    expect(accountCodeMessage('3710.000.000.00', [])).toBeNull();
    for (const bad of ['3710', '3710.00.000.00', '3710-000-000-00', 'A710.000.000.00', '3710.000.000.000']) {
      expect(accountCodeMessage(bad, [])).toBe(ACCOUNT_CODE_RULE);
    }
    expect(accountCodeMessage('3700.000.000.00', ['3700.000.000.00'])).toMatch(/already exists/);
  });

  it('a new account needs a code and a name; the type is a choice', () => {
    const s = formReducer(initFormState(accountFields(null, accounts), accountValues(null)), { type: 'accept' });
    expect(s.phase).toBe('editing');
    expect(s.status).toBe('Code is required');
    const ok = formReducer(initFormState(accountFields(null, accounts), { code: '3710.000.000.00', name: 'Clearing', type: 'liability' }), { type: 'accept' });
    expect(ok.phase).toBe('saving');
    expect(accountFromValues(ok.values)).toEqual({ code: '3710.000.000.00', name: 'Clearing', type: 'liability' });
  });

  it('the code is fixed once the account exists', () => {
    expect(accountFields(accounts[0]!, accounts).find((d) => d.key === 'code')?.readOnly).toBe(true);
  });

  it('applyAccount adds, refuses a duplicate, edits in place', () => {
    const doc: AccountsDoc = { schemaVersion: 1, accounts: accounts.map((a) => ({ ...a })) };
    applyAccount(doc, { code: '3710.000.000.00', name: 'Clearing', type: 'asset' }, true);
    expect(doc.accounts).toHaveLength(2);
    expect(() => applyAccount(doc, { code: '3710.000.000.00', name: 'X', type: 'asset' }, true)).toThrow(/already exists/);
    applyAccount(doc, { code: '3700.000.000.00', name: 'Cash', type: 'asset' }, false);
    expect(doc.accounts[0]?.name).toBe('Cash');
  });
});
