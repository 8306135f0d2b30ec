// Ledger Posting Accounts as form fields: the field table, settings -> raw text, and the changes
// written back. The rules take the chart as a context, so Accept can check the changed fields
// again against the chart on disk at that moment (another terminal may have removed an account,
// or changed its type, since the form opened).
import { FieldError } from '../forms/field-error.js';
import type { AccountType, LedgerAccount, LedgerChoices, SettingsDoc } from '../../store/documents-types.js';
import type { FieldDef, FormValues } from '../forms/field-types.js';
import { validateField } from '../forms/validate-field.js';
import { cashOverShortOf } from '../../store/cashup/accounts.js';

/** The field keys are the settings.ledger keys they edit. */
export const POSTING_KEYS = {
  sales: 'sales',
  vatOutput: 'vatOutput',
  cashRounding: 'cashRounding',
  debtorsControl: 'debtorsControl',
  cashOverShort: 'cashOverShort',
} as const satisfies Record<string, keyof LedgerChoices>;

type PostingKey = (typeof POSTING_KEYS)[keyof typeof POSTING_KEYS];

const K = POSTING_KEYS;

interface PostingRule {
  key: PostingKey;
  label: string;
  /** The account types the posting makes sense on (the order is the one the messages name). */
  types: readonly AccountType[];
  /** What the engine posts there (src/engine/ledger), shown under the field. */
  posts: string;
}

// The notes fit the value column of an 80-column form (41 characters) whole.
const RULES: readonly PostingRule[] = [
  { key: K.sales, label: 'Sales account', types: ['income'], posts: 'sales excluding VAT are credited here' },
  { key: K.vatOutput, label: 'VAT output account', types: ['liability'], posts: 'VAT charged on sales is credited here' },
  { key: K.cashRounding, label: 'Cash rounding account', types: ['expense', 'income'], posts: 'cash rounding of sales/refunds posts here' },
  { key: K.debtorsControl, label: 'Debtors control account', types: ['asset'], posts: 'debtor payments are credited here' },
  { key: K.cashOverShort, label: 'Cash over and short account', types: ['expense', 'income'], posts: 'a Z report\'s drawer over/short posts here' },
];

/** Key of the read-only line under a field that says what posts there. */
export const noteKey = (key: PostingKey): string => `${key}.posts`;

/** Where settings.json keeps each field, so a refusal by the schema lands at its field. */
export const STORE_FIELD_PATHS: Readonly<Record<string, string>> = Object.fromEntries(
  RULES.map((r) => [`ledger.${r.key}`, r.key]),
);

export interface PostingFormContext {
  accounts: readonly LedgerAccount[];
}

/** A refusal that belongs to one field of the form (Accept shows it there). */
export class PostingFieldError extends FieldError {}

const typesText = (types: readonly AccountType[]) => types.join(' or ');

// Only accounts of the right type are offered, so Left/Right never land on a refused choice, and
// a value that stopped qualifying is refused as not in the list.
function accountField(rule: PostingRule, ctx: PostingFormContext): FieldDef {
  const allowed = ctx.accounts.filter((a) => rule.types.includes(a.type));
  return { key: rule.key, label: rule.label, kind: 'choice', choices: allowed.map((a) => ({ value: a.code, label: `${a.code} ${a.name}` })) };
}

/**
 * Each account field followed by its note. The forms framework has no row for plain text, so the
 * note is a read-only field with no label: it is never focused, checked or written.
 */
export function postingFields(ctx: PostingFormContext): FieldDef[] {
  return RULES.flatMap((rule) => [accountField(rule, ctx), { key: noteKey(rule.key), label: '', kind: 'text', readOnly: true, note: true } satisfies FieldDef]);
}

export function postingValues(doc: SettingsDoc): FormValues {
  const values: FormValues = {};
  for (const rule of RULES) {
    // Stores from before cash-up have no Cash Over and Short choice: the default stands until one is chosen.
    values[rule.key] = doc.ledger[rule.key] ?? cashOverShortOf(doc);
    values[noteKey(rule.key)] = rule.posts;
  }
  return values;
}

/** The account keys whose raw text differs from what the form opened with. */
export function changedKeys(values: FormValues, opened: FormValues): PostingKey[] {
  return RULES.map((r) => r.key).filter((k) => (values[k] ?? '') !== (opened[k] ?? ''));
}

/**
 * Why a choice that was offered when the form opened is refused now, in words (the form's own
 * check could only say "not in the list"); null when it still qualifies.
 */
function staleChoice(rule: PostingRule, value: string, ctx: PostingFormContext): string | null {
  const account = ctx.accounts.find((a) => a.code === value);
  if (account === undefined) return `${rule.label}: ${value} is no longer in the chart of accounts (removed in another terminal?)`;
  if (rule.types.includes(account.type)) return null;
  return `${rule.label}: ${value} is now ${account.type}; it must be ${typesText(rule.types)}`;
}

/** Throws PostingFieldError for the first changed field the context refuses. */
export function checkChanged(ctx: PostingFormContext, values: FormValues, changed: readonly string[]): void {
  const defs = postingFields(ctx);
  for (const rule of RULES) {
    if (!changed.includes(rule.key)) continue;
    const value = values[rule.key] ?? '';
    const def = defs.find((d) => d.key === rule.key) as FieldDef;
    const message = staleChoice(rule, value, ctx) ?? validateField(def, value, values);
    if (message !== null) throw new PostingFieldError(rule.key, message);
  }
}

/**
 * Applies the form to a freshly re-read settings draft: only the accounts changed since the form
 * opened are written, so another terminal's edit to any other account survives. Throws before
 * touching the draft when a changed field is refused by `ctx` (the chart on disk now).
 */
export function applyPostingAccounts(draft: SettingsDoc, values: FormValues, opened: FormValues, ctx: PostingFormContext): void {
  const changed = changedKeys(values, opened);
  checkChanged(ctx, values, changed);
  for (const key of changed) draft.ledger[key] = (values[key] ?? '').trim();
}
