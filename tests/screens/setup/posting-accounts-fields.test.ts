// The Ledger Posting Accounts rules without Ink: the field table, the save-time re-check against
// the chart, and the changes written to a settings draft.
import { describe, expect, it } from 'vitest';
import { defaultDocuments, StoreError } from '../../../src/store/index.js';
import type { LedgerAccount } from '../../../src/store/documents-types.js';
import { validateField } from '../../../src/screens/forms/validate-field.js';
import {
  applyPostingAccounts, noteKey, POSTING_KEYS as K, PostingFieldError, postingFields, postingValues, type PostingFormContext,
} from '../../../src/screens/setup/posting-accounts-fields.js';
import { refusal } from '../../../src/screens/setup/posting-accounts.js';

const docs = () => defaultDocuments('UTC');
const OTHER_SALES: LedgerAccount = { code: '1100.000.000.00', name: 'Other Sales', type: 'income' };
const ctxOf = (accounts: readonly LedgerAccount[] = docs().accounts.accounts): PostingFormContext => ({ accounts });
const check = (ctx: PostingFormContext, key: string, value: string) => validateField(postingFields(ctx).find((f) => f.key === key)!, value, {});

function refusedBy(run: () => void): PostingFieldError | undefined {
  try {
    run();
  } catch (e) {
    if (e instanceof PostingFieldError) return e;
    throw e;
  }
  return undefined;
}

describe('Ledger Posting Accounts fields', () => {
  it('offers income for sales, liability for VAT, expense or income for rounding, asset for debtors', () => {
    const defs = postingFields(ctxOf([...docs().accounts.accounts, OTHER_SALES]));
    const choices = (key: string) => defs.find((f) => f.key === key)!.choices!.map((c) => c.value);
    expect(choices(K.sales)).toEqual(['1000.000.000.00', '1100.000.000.00']);
    expect(choices(K.vatOutput)).toEqual(['5000.000.000.00', '5100.000.000.00', '5200.000.000.00', '5300.000.000.00']);
    expect(choices(K.cashRounding)).toEqual(['1000.000.000.00', '1500.000.000.00', '1510.000.000.00', '2000.000.000.00', '3600.000.000.00', '1100.000.000.00']);
    expect(choices(K.debtorsControl)).toEqual(['3700.000.000.00', '3710.000.000.00', '3720.000.000.00', '3800.000.000.00']);
    expect(defs.find((f) => f.key === K.sales)!.choices![1]!.label).toBe('1100.000.000.00 Other Sales');
  });

  it('says what each account posts on a read-only line under it', () => {
    const defs = postingFields(ctxOf());
    expect(defs.map((d) => d.key)).toEqual([K.sales, noteKey(K.sales), K.vatOutput, noteKey(K.vatOutput),
      K.cashRounding, noteKey(K.cashRounding), K.debtorsControl, noteKey(K.debtorsControl), K.cashOverShort, noteKey(K.cashOverShort)]);
    for (const note of defs.filter((d) => d.kind !== 'choice')) expect(note.readOnly).toBe(true);
    const values = postingValues(docs().settings);
    expect(values[noteKey(K.sales)]).toBe('sales excluding VAT are credited here');
    expect(values[K.sales]).toBe('1000.000.000.00');
    expect(values[K.cashOverShort]).toBe('1510.000.000.00');
    // A store from before cash-up has no such choice: the form shows the default it posts to.
    const older = docs().settings;
    delete older.ledger.cashOverShort;
    expect(postingValues(older)[K.cashOverShort]).toBe('1510.000.000.00');
  });

  it('refuses an account that is not in the chart, or of the wrong type', () => {
    const ctx = ctxOf();
    expect(check(ctx, K.sales, '1500.000.000.00')).toBe('Sales account: choose one of 1000.000.000.00 Sales');
    expect(check(ctx, K.debtorsControl, '9999.000.000.00')).toMatch(/^Debtors control account: choose one /);
    expect(check(ctx, K.cashRounding, '1000.000.000.00')).toBeNull();
  });

  it('says what to do when the chart has no account of the type', () => {
    const ctx = ctxOf(docs().accounts.accounts.filter((a) => a.type !== 'income'));
    expect(check(ctx, K.sales, '1000.000.000.00')).toBe('Sales account: there is nothing to choose from yet');
  });
});

describe('applyPostingAccounts', () => {
  it('writes only the accounts changed, leaving the rest of settings.ledger alone', () => {
    const d = docs();
    const opened = postingValues(d.settings);
    const draft = structuredClone(d.settings);
    // Another terminal's edit since the form opened: it must survive.
    draft.ledger.vatOutput = '5300.000.000.00';
    applyPostingAccounts(draft, { ...opened, [K.sales]: OTHER_SALES.code }, opened, ctxOf([...d.accounts.accounts, OTHER_SALES]));
    expect(draft.ledger).toEqual({ ...d.settings.ledger, sales: OTHER_SALES.code, vatOutput: '5300.000.000.00' });
  });

  it('refuses a changed account the chart no longer has, leaving the draft as it was', () => {
    const d = docs();
    const opened = postingValues(d.settings);
    const draft = structuredClone(d.settings);
    const values = { ...opened, [K.sales]: OTHER_SALES.code, [K.debtorsControl]: '3700.000.000.00' };
    const e = refusedBy(() => applyPostingAccounts(draft, values, opened, ctxOf()));
    expect(e?.field).toBe(K.sales);
    expect(e?.message).toBe('Sales account: 1100.000.000.00 is no longer in the chart of accounts (removed in another terminal?)');
    expect(draft).toEqual(d.settings);
  });

  it('names both allowed types when a rounding account changed type meanwhile', () => {
    const d = docs();
    const opened = postingValues(d.settings);
    const draft = structuredClone(d.settings);
    const accounts = d.accounts.accounts.map((a) => (a.code === '2000.000.000.00' ? { ...a, type: 'asset' as const } : a));
    const e = refusedBy(() => applyPostingAccounts(draft, { ...opened, [K.cashRounding]: '2000.000.000.00' }, opened, ctxOf(accounts)));
    expect(e?.field).toBe(K.cashRounding);
    expect(e?.message).toBe('Cash rounding account: 2000.000.000.00 is now asset; it must be expense or income');
    expect(draft).toEqual(d.settings);
  });

  it('does not re-check an account left as it was', () => {
    const d = docs();
    const opened = postingValues(d.settings);
    const draft = structuredClone(d.settings);
    // The VAT account vanished from the chart, but this form did not touch it.
    const accounts = [...d.accounts.accounts.filter((a) => a.code !== '5000.000.000.00'), OTHER_SALES];
    applyPostingAccounts(draft, { ...opened, [K.sales]: OTHER_SALES.code }, opened, ctxOf(accounts));
    expect(draft.ledger.sales).toBe(OTHER_SALES.code);
    expect(draft.ledger.vatOutput).toBe('5000.000.000.00');
  });

  it('a schema refusal lands at the field it names', () => {
    const e = new StoreError('INVALID', 'settings.json: ledger.sales: expected a ledger account code like 3700.000.000.00', { file: 'settings.json', field: 'ledger.sales' });
    expect(refusal(e)).toEqual({ ok: false, message: e.message, field: K.sales });
    expect(refusal(new PostingFieldError(K.vatOutput, 'x'))).toEqual({ ok: false, message: 'x', field: K.vatOutput });
    expect(refusal(new StoreError('LOCKED', 'busy'))).toEqual({ ok: false, message: 'busy' });
  });
});
