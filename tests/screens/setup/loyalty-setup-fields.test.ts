// The Loyalty Setup rules without Ink: the field table, the save-time re-check, and the changes
// written to a settings draft.
import { describe, expect, it } from 'vitest';
import { defaultDocuments, StoreError } from '../../../src/store/index.js';
import { DEFAULT_LOYALTY_SETTINGS } from '../../../src/store/loyalty-settings.js';
import { validateField } from '../../../src/screens/forms/validate-field.js';
import {
  applyLoyalty, LOYALTY_KEYS as K, LoyaltyFieldError, loyaltyFields, loyaltyValues, type LoyaltyFormContext,
} from '../../../src/screens/setup/loyalty-setup-fields.js';
import { refusal } from '../../../src/screens/setup/loyalty-setup.js';

const docs = () => defaultDocuments('UTC');
const ctxOf = (d = docs(), patch: Partial<LoyaltyFormContext> = {}): LoyaltyFormContext => ({
  tenders: d.tenders.tenders, accounts: d.accounts.accounts, decimals: d.settings.company.currencyDecimals, pinSet: false, ...patch,
});
const check = (ctx: LoyaltyFormContext, key: string, value: string) => {
  const def = loyaltyFields(ctx).find((f) => f.key === key)!;
  return validateField(def, value, {});
};

describe('Loyalty Setup fields', () => {
  it('offers only loyalty tenders, liability / expense accounts where the ledger needs them', () => {
    const defs = loyaltyFields(ctxOf());
    const choices = (key: string) => defs.find((f) => f.key === key)!.choices!.map((c) => c.value);
    expect(choices(K.tender)).toEqual(['LOY']);
    expect(choices(K.accrued)).toEqual(['5000.000.000.00', '5100.000.000.00', '5200.000.000.00', '5300.000.000.00']);
    expect(choices(K.redeemed)).toEqual(['1500.000.000.00', '1510.000.000.00', '2000.000.000.00', '3600.000.000.00']);
    expect(choices(K.cash)).toHaveLength(docs().accounts.accounts.length);
  });

  it('says what to do when the store has no loyalty tender', () => {
    const ctx = ctxOf(docs(), { tenders: docs().tenders.tenders.filter((t) => t.kind !== 'loyalty') });
    expect(check(ctx, K.tender, 'LOY')).toBe('Loyalty tender: there is nothing to choose from yet');
  });

  it('refuses an account that is not in the chart, or of the wrong type', () => {
    const ctx = ctxOf();
    expect(check(ctx, K.accrued, '1000.000.000.00')).toMatch(/^Loyalties Accrued account: choose one from the list/);
    expect(check(ctx, K.giftVoucher, '9999.000.000.00')).toMatch(/^Gift voucher payout account: choose one from the list/);
    expect(check(ctx, K.giftVoucher, '3720.000.000.00')).toBeNull();
  });

  it('the PIN: empty keeps it; otherwise 4-8 digits, and the message never repeats what was typed', () => {
    const ctx = ctxOf();
    expect(check(ctx, K.pin, '')).toBeNull();
    expect(check(ctx, K.pin, '0000')).toBeNull();
    for (const bad of ['987', '9x87', '987654321', '    ']) {
      const message = check(ctx, K.pin, bad);
      expect(message).toBe('Manager PIN: 4 to 8 digits (0-9), or leave empty to keep the current PIN');
    }
    expect(loyaltyFields(ctxOf(docs(), { pinSet: true })).find((f) => f.key === K.pin)!.label).toBe('Manager PIN (set)');
  });

  it('the schedule: node-cron decides, the message says what is allowed', () => {
    expect(check(ctxOf(), K.schedule, '*/15 * * * *')).toBeNull();
    expect(check(ctxOf(), K.schedule, '0 25 * * *')).toMatch(/^Accrual schedule: the hour field "25" is not valid \(allowed: 0-23/);
    expect(check(ctxOf(), K.schedule, '0 0 *')).toMatch(/^Accrual schedule: .*expected 5 fields/);
  });

  it('the threshold: the currency decimals decide what may be typed', () => {
    expect(check(ctxOf(), K.threshold, '0')).toBeNull();
    expect(check(ctxOf(), K.threshold, '10.123')).toMatch(/at most 2 decimals/);
    expect(check(ctxOf(docs(), { decimals: 3 }), K.threshold, '10.123')).toBeNull();
  });
});

describe('applyLoyalty', () => {
  it('gives a store from before Loyalty Setup the whole object, with only the changes made', () => {
    const d = docs();
    const opened = loyaltyValues(d.settings);
    const draft = structuredClone(d.settings);
    applyLoyalty(draft, { ...opened, [K.threshold]: '12.34' }, opened, null, ctxOf(d));
    expect(draft.loyalty).toEqual({ ...DEFAULT_LOYALTY_SETTINGS, adjustThreshold: 1234 });
    expect(draft.ledger).toEqual(d.settings.ledger);
  });

  it('writes a new PIN hash only when one is given', () => {
    const d = docs();
    const opened = loyaltyValues(d.settings);
    const draft = structuredClone(d.settings);
    applyLoyalty(draft, opened, opened, 'scrypt$x$y', ctxOf(d));
    expect(draft.loyalty!.managerPinHash).toBe('scrypt$x$y');
  });

  it('refuses a changed field the store no longer allows, leaving the draft as it was', () => {
    const d = docs();
    const opened = loyaltyValues(d.settings);
    const draft = structuredClone(d.settings);
    const values = { ...opened, [K.threshold]: '1.00', [K.redeemed]: '2000.000.000.00' };
    // Another terminal made 2000 an asset account meanwhile.
    const accounts = d.accounts.accounts.map((a) => (a.code === '2000.000.000.00' ? { ...a, type: 'asset' as const } : a));
    let error: unknown;
    try {
      applyLoyalty(draft, values, opened, null, ctxOf(d, { accounts }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LoyaltyFieldError);
    expect((error as LoyaltyFieldError).field).toBe(K.redeemed);
    expect((error as LoyaltyFieldError).message).toBe('Loyalties Redeemed account: 2000.000.000.00 is now asset; it must be expense');
    expect(draft).toEqual(d.settings);
  });

  it('a schema refusal lands at the field it names', () => {
    const e = new StoreError('INVALID', 'settings.json: loyalty.accrualSchedule: expected a cron expression', { file: 'settings.json', field: 'loyalty.accrualSchedule' });
    expect(refusal(e)).toEqual({ ok: false, message: e.message, field: K.schedule });
    expect(refusal(new StoreError('LOCKED', 'busy'))).toEqual({ ok: false, message: 'busy' });
  });
});
