// Loyalty Setup as form fields: the field table, settings -> raw text, and the changes written
// back. The rules take the tenders, chart and currency decimals as a context, so Accept can check
// the changed fields again against what is on disk at that moment (another terminal may have
// changed a tender's kind or an account's type since the form opened).
import { FieldError } from '../forms/field-error.js';
import type { AccountType, LedgerAccount, SettingsDoc } from '../../store/documents-types.js';
import type { Tender } from '../../engine/types.js';
import { isEngineError } from '../../engine/errors.js';
import { formatMoney, parseMoney } from '../../engine/money.js';
import { cronProblem } from '../../jobs/cron-slots.js';
import { loyaltySettingsOf } from '../../store/loyalty-settings.js';
import { assertPinFormat } from '../../store/manager-pin.js';
import type { FieldDef, FormValues } from '../forms/field-types.js';
import { validateField } from '../forms/validate-field.js';

export const LOYALTY_KEYS = {
  tender: 'tender',
  accrued: 'loyaltiesAccrued',
  redeemed: 'loyaltiesRedeemed',
  cash: 'payoutCash',
  directDeposit: 'payoutDirectDeposit',
  giftVoucher: 'payoutGiftVoucher',
  threshold: 'adjustThreshold',
  pin: 'managerPin',
  schedule: 'accrualSchedule',
} as const;

const K = LOYALTY_KEYS;

/** Where settings.json keeps each field, so a refusal by the schema lands at its field. */
export const STORE_FIELD_PATHS: Readonly<Record<string, string>> = {
  'loyalty.tender': K.tender,
  'ledger.loyaltiesAccrued': K.accrued,
  'ledger.loyaltiesRedeemed': K.redeemed,
  'loyalty.payoutAccounts.cash': K.cash,
  'loyalty.payoutAccounts.direct-deposit': K.directDeposit,
  'loyalty.payoutAccounts.gift-voucher': K.giftVoucher,
  'loyalty.adjustThreshold': K.threshold,
  'loyalty.managerPinHash': K.pin,
  'loyalty.accrualSchedule': K.schedule,
};

export const PIN_KEEP_HINT = 'leave empty to keep the current PIN';

export interface LoyaltyFormContext {
  tenders: readonly Tender[];
  accounts: readonly LedgerAccount[];
  /** The store's currency decimals: the threshold is typed and stored in its minor units. */
  decimals: number;
  /** Whether settings.json holds a manager PIN hash (the PIN itself is never known here). */
  pinSet: boolean;
}

/** A refusal that belongs to one field of the form (Accept shows it there). */
export class LoyaltyFieldError extends FieldError {}

const accountLabel = (a: LedgerAccount) => `${a.code} ${a.name}`;

// Only what qualifies is offered, so Left/Right never land on a refused choice, and a value that
// stopped qualifying (another terminal changed a type or kind) is refused as not in the list.
function accountField(key: string, label: string, ctx: LoyaltyFormContext, type?: AccountType): FieldDef {
  const allowed = ctx.accounts.filter((a) => type === undefined || a.type === type);
  return { key, label, kind: 'choice', choices: allowed.map((a) => ({ value: a.code, label: accountLabel(a) })) };
}

export function loyaltyFields(ctx: LoyaltyFormContext): FieldDef[] {
  const loyaltyTenders = ctx.tenders.filter((t) => t.kind === 'loyalty');
  return [
    {
      key: K.tender, label: 'Loyalty tender', kind: 'choice',
      choices: loyaltyTenders.map((t) => ({ value: t.code, label: `${t.code} ${t.name}` })),
    },
    accountField(K.accrued, 'Loyalties Accrued account', ctx, 'liability'),
    accountField(K.redeemed, 'Loyalties Redeemed account', ctx, 'expense'),
    accountField(K.cash, 'Cash payout account', ctx),
    accountField(K.directDeposit, 'Direct deposit payout account', ctx),
    accountField(K.giftVoucher, 'Gift voucher payout account', ctx),
    { key: K.threshold, label: 'Adjustment threshold', kind: 'money', required: true, decimals: ctx.decimals },
    {
      // The label carries the state: the form never holds the stored PIN, only a new one typed.
      key: K.pin, label: `Manager PIN (${ctx.pinSet ? 'set' : 'not set'})`, kind: 'secret',
      validate: (v) => {
        if (v === '') return null;
        try {
          assertPinFormat(v);
          return null;
        } catch (e) {
          // The engine's message, never the typed value.
          if (isEngineError(e)) return `${e.message}, or ${PIN_KEEP_HINT}`;
          throw e;
        }
      },
    },
    {
      key: K.schedule, label: 'Accrual schedule', kind: 'text', required: true, maxLength: 100,
      validate: (v) => {
        const problem = cronProblem(v.trim());
        return problem === null ? null : `Accrual schedule: ${problem}`;
      },
    },
  ];
}

export function loyaltyValues(doc: SettingsDoc): FormValues {
  const l = loyaltySettingsOf(doc);
  return {
    [K.tender]: l.tender,
    [K.accrued]: doc.ledger.loyaltiesAccrued,
    [K.redeemed]: doc.ledger.loyaltiesRedeemed,
    [K.cash]: l.payoutAccounts.cash,
    [K.directDeposit]: l.payoutAccounts['direct-deposit'],
    [K.giftVoucher]: l.payoutAccounts['gift-voucher'],
    [K.threshold]: formatMoney(l.adjustThreshold, { decimals: doc.company.currencyDecimals }),
    [K.pin]: '',
    [K.schedule]: l.accrualSchedule,
  };
}

/** The keys whose raw text differs from what the form opened with. */
export function changedKeys(values: FormValues, opened: FormValues): string[] {
  return Object.values(K).filter((k) => (values[k] ?? '') !== (opened[k] ?? ''));
}

const ACCOUNT_TYPE_RULES: Readonly<Record<string, AccountType | undefined>> = {
  [K.accrued]: 'liability', [K.redeemed]: 'expense', [K.cash]: undefined, [K.directDeposit]: undefined, [K.giftVoucher]: undefined,
};

/**
 * Why a choice that was offered when the form opened is refused now, in words (the form's own
 * check could only say "not in the list"); null when it still qualifies.
 */
function staleChoice(def: FieldDef, value: string, ctx: LoyaltyFormContext): string | null {
  if (def.key === K.tender) {
    const tender = ctx.tenders.find((t) => t.code === value);
    if (tender === undefined) return `${def.label}: tender ${value} no longer exists (removed in another terminal?)`;
    return tender.kind === 'loyalty' ? null : `${def.label}: ${value} is now of kind ${tender.kind}; choose a tender of kind loyalty`;
  }
  if (!(def.key in ACCOUNT_TYPE_RULES)) return null;
  const account = ctx.accounts.find((a) => a.code === value);
  if (account === undefined) return `${def.label}: ${value} is no longer in the chart of accounts`;
  const type = ACCOUNT_TYPE_RULES[def.key];
  return type === undefined || account.type === type ? null : `${def.label}: ${value} is now ${account.type}; it must be ${type}`;
}

/** Throws LoyaltyFieldError for the first changed field the context refuses. */
export function checkChanged(ctx: LoyaltyFormContext, values: FormValues, changed: readonly string[]): void {
  for (const def of loyaltyFields(ctx)) {
    if (!changed.includes(def.key)) continue;
    const value = values[def.key] ?? '';
    const message = (def.kind === 'choice' ? staleChoice(def, value, ctx) : null) ?? validateField(def, value, values);
    if (message !== null) throw new LoyaltyFieldError(def.key, message);
  }
}

/**
 * Applies the form to a freshly re-read settings draft: only the fields changed since the form
 * opened are written, so another terminal's edit to any other field survives. `pinHash` is the
 * hash of a newly typed PIN (null keeps the stored one). Throws before touching the draft when a
 * changed field is refused by `ctx` (what is on disk now), so nothing is half-applied.
 */
export function applyLoyalty(draft: SettingsDoc, values: FormValues, opened: FormValues, pinHash: string | null, ctx: LoyaltyFormContext): void {
  const changed = changedKeys(values, opened);
  checkChanged(ctx, values, changed);
  const has = (k: string) => changed.includes(k);
  const v = (k: string) => (values[k] ?? '').trim();
  // A store from before Loyalty Setup gets the whole object: the schema needs every field.
  const loyalty = loyaltySettingsOf(draft);
  if (has(K.tender)) loyalty.tender = v(K.tender);
  if (has(K.cash)) loyalty.payoutAccounts.cash = v(K.cash);
  if (has(K.directDeposit)) loyalty.payoutAccounts['direct-deposit'] = v(K.directDeposit);
  if (has(K.giftVoucher)) loyalty.payoutAccounts['gift-voucher'] = v(K.giftVoucher);
  if (has(K.threshold)) loyalty.adjustThreshold = parseMoney(v(K.threshold), ctx.decimals);
  if (has(K.schedule)) loyalty.accrualSchedule = v(K.schedule);
  if (pinHash !== null) loyalty.managerPinHash = pinHash;
  draft.loyalty = loyalty;
  if (has(K.accrued)) draft.ledger.loyaltiesAccrued = v(K.accrued);
  if (has(K.redeemed)) draft.ledger.loyaltiesRedeemed = v(K.redeemed);
}
