import { describe, expect, it } from 'vitest';
import type { Tender } from '../../../src/engine/types.js';
import { formReducer, initFormState, FLAG_ON } from '../../../src/screens/forms/form-state.js';
import type { FormAction, FormState } from '../../../src/screens/forms/form-state.js';
import type { LedgerAccount, TendersDoc } from '../../../src/store/documents-types.js';
import {
  TENDER_CODE_RULE, applyTender, loyaltyPlusMessage, tenderCodeMessage, tenderFields, tenderFromValues, tenderValues,
} from '../../../src/screens/setup/tender-fields.js';

const accounts: LedgerAccount[] = [
  { code: '3700.000.000.00', name: 'Cash on hand control', type: 'asset' },
  { code: '3710.000.000.00', name: 'Loyalty Plus clearing', type: 'asset' },
];
const tenders: Tender[] = [
  { code: 'CASH', name: 'Cash', kind: 'cash', ledgerAccount: '3700.000.000.00', useLoyaltyPlus: false },
  { code: 'LOY', name: 'Loyalty', kind: 'loyalty', ledgerAccount: '3700.000.000.00', useLoyaltyPlus: false },
];
const run = (s: FormState, ...a: FormAction[]) => a.reduce(formReducer, s);

describe('tender fields', () => {
  it('codes are 1-8 of A-Z0-9 and unique', () => {
    expect(tenderCodeMessage('VOUCHER1', [])).toBeNull();
    expect(tenderCodeMessage('voucher', [])).toBe(TENDER_CODE_RULE);
    expect(tenderCodeMessage('TOOLONGXX', [])).toBe(TENDER_CODE_RULE);
    expect(tenderCodeMessage('GIFT-1', [])).toBe(TENDER_CODE_RULE);
    expect(tenderCodeMessage('CASH', ['CASH'])).toBe('Code: tender CASH already exists; choose another code');
  });

  it('refuses the Loyalty Plus flag on a cash tender, saying why', () => {
    expect(loyaltyPlusMessage(FLAG_ON, 'cash')).toBe('Use Loyalty Plus Tender: only for kind loyalty (this tender is cash)');
    expect(loyaltyPlusMessage(FLAG_ON, 'loyalty')).toBeNull();
    const cash = initFormState(tenderFields({ editing: tenders[0]!, tenders, accounts }), tenderValues(tenders[0]!, accounts));
    const s = run(cash, { type: 'focus', key: 'useLoyaltyPlus' }, { type: 'toggle' });
    expect(s.values.useLoyaltyPlus).not.toBe(FLAG_ON);
    expect(s.status).toMatch(/only for kind loyalty/);
  });

  it('the code is read-only when editing; the edited tender may keep its own code', () => {
    const defs = tenderFields({ editing: tenders[1]!, tenders, accounts });
    expect(defs.find((d) => d.key === 'code')?.readOnly).toBe(true);
    const s = run(initFormState(defs, tenderValues(tenders[1]!, accounts)), { type: 'focus', key: 'useLoyaltyPlus' }, { type: 'toggle' }, { type: 'accept' });
    expect(s.phase).toBe('saving');
    expect(tenderFromValues(s.values)).toEqual({ ...tenders[1], useLoyaltyPlus: true });
  });

  it('the ledger account must be one of the accounts', () => {
    const defs = tenderFields({ editing: null, tenders, accounts });
    const s = run(initFormState(defs, { ...tenderValues(null, accounts), code: 'GIFT', name: 'Gift card', ledgerAccount: '9999.000.000.00' }), { type: 'accept' });
    expect(s.phase).toBe('editing');
    expect(s.status).toMatch(/^Ledger account: choose/);
  });

  it('applyTender adds, refuses a code another terminal added, and edits in place', () => {
    const doc: TendersDoc = { schemaVersion: 1, tenders: tenders.map((t) => ({ ...t })) };
    const gift: Tender = { code: 'GIFT', name: 'Gift', kind: 'other', ledgerAccount: '3710.000.000.00', useLoyaltyPlus: false };
    applyTender(doc, gift, true);
    expect(doc.tenders.map((t) => t.code)).toEqual(['CASH', 'LOY', 'GIFT']);
    expect(() => applyTender(doc, gift, true)).toThrow(/already exists/);
    applyTender(doc, { ...tenders[0]!, name: 'Notes and coins' }, false);
    expect(doc.tenders[0]?.name).toBe('Notes and coins');
  });
});
