// Company Details as form fields: the field table, the document -> raw text mapping and back.
// The screen only renders; everything a test should pin down about the rules lives here.
import type { CashRounding, CompanyDetails, LoyaltyProvider } from '../../engine/types.js';
import type { SettingsDoc } from '../../store/documents-types.js';
import type { FieldDef, FormValues } from '../forms/field-types.js';
import { parseWholeNumber } from '../forms/validate-field.js';

export const TAB_GENERAL = 'General';
export const TAB_DEFAULTS2 = 'Default Settings 2';

export const LOYALTY_PROVIDER_CHOICES: readonly { value: LoyaltyProvider; label: string }[] = [
  { value: 'none', label: 'None' },
  { value: 'built-in', label: 'Built-in' },
  { value: 'loyalty-plus', label: 'Loyalty Plus' },
];

export const CASH_ROUNDING_CHOICES: readonly { value: string; label: string }[] = [
  { value: '0', label: 'None' },
  { value: '5', label: '5c' },
  { value: '10', label: '10c' },
];

function wholeInRange(label: string, min: number, max: number) {
  return (value: string): string | null => {
    const n = parseWholeNumber(value);
    return n !== null && n >= min && n <= max ? null : `${label}: a whole number from ${min} to ${max}`;
  };
}

/**
 * The canonical IANA name for a zone the runtime knows, or null. Constructing a DateTimeFormat is
 * the runtime's own check (it also fixes case: "africa/johannesburg"); the name shape is checked
 * first because newer runtimes also take offsets such as "+02:00", which are not zones with rules.
 */
export function canonicalTimeZone(text: string): string | null {
  const t = text.trim();
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(t)) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: t }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** Why amounts already stored would change meaning, or null when nothing is stored yet. */
export function amountsStoredReason(itemCount: number, journalRecords: number): string | null {
  if (itemCount > 0 && journalRecords > 0) return `${itemCount} item${itemCount === 1 ? '' : 's'} and ${journalRecords} sale/refund record${journalRecords === 1 ? '' : 's'} are stored`;
  if (itemCount > 0) return `${itemCount} item${itemCount === 1 ? ' is' : 's are'} stored`;
  if (journalRecords > 0) return `${journalRecords} sale/refund record${journalRecords === 1 ? ' is' : 's are'} stored`;
  return null;
}

export interface CompanyFieldOptions {
  /** Set when the store already holds amounts (items, journal records): amounts are stored in
   * minor units, so changing the decimals would change every one of them (R32.99 stored as 3299
   * would read R3299 at 0 decimals). The decimals then stay at `openedDecimals`. */
  amountsStored?: string | null;
  /** The decimals the form opened with (the only value allowed while amountsStored). */
  openedDecimals?: string;
}

const roundsCash = (v: string): boolean => v.trim() === '5' || v.trim() === '10';

/** The Company Details fields; the store's state decides whether the decimals may change. */
export function companyFields(opts: CompanyFieldOptions = {}): readonly FieldDef[] {
  const decimalsRange = wholeInRange('Currency decimals', 0, 3);
  return [
    { key: 'storeName', label: 'Store name', kind: 'text', required: true, maxLength: 80, tab: TAB_GENERAL },
    { key: 'address', label: 'Address', kind: 'text', maxLength: 400, tab: TAB_GENERAL },
    { key: 'taxNumber', label: 'Tax number', kind: 'text', maxLength: 40, tab: TAB_GENERAL },
    {
      key: 'currencySymbol', label: 'Currency symbol', kind: 'text', required: true, tab: TAB_GENERAL,
      validate: (v) => (v.trim().length >= 1 && v.trim().length <= 3 ? null : 'Currency symbol: 1 to 3 characters, e.g. R'),
    },
    {
      key: 'currencyDecimals', label: 'Currency decimals', kind: 'number', required: true, tab: TAB_GENERAL,
      validate: (v, all) => {
        const range = decimalsRange(v);
        if (range) return range;
        if (opts.amountsStored && opts.openedDecimals !== undefined && Number(v.trim()) !== Number(opts.openedDecimals)) {
          return `Currency decimals cannot change: ${opts.amountsStored}`;
        }
        if (Number(v.trim()) === 0 && roundsCash(all.cashRounding ?? '')) {
          return 'Currency decimals: 0 has no cents to round; set Cash rounding to None first';
        }
        return null;
      },
    },
    {
      key: 'timeZone', label: 'Time zone', kind: 'text', required: true, maxLength: 64, tab: TAB_GENERAL,
      validate: (v) => (canonicalTimeZone(v) === null ? 'Time zone: an IANA zone name, e.g. Africa/Johannesburg' : null),
    },
    {
      key: 'financialYearStartMonth', label: 'First month of financial year', kind: 'number', required: true, tab: TAB_GENERAL,
      validate: wholeInRange('First month of financial year', 1, 12),
    },
    {
      key: 'cashRounding', label: 'Cash rounding', kind: 'choice', choices: CASH_ROUNDING_CHOICES, tab: TAB_GENERAL,
      validate: (v, all) => (roundsCash(v) && parseWholeNumber(all.currencyDecimals ?? '') === 0
        ? 'Cash rounding: 5c and 10c need currency decimals above 0 (there are no cents to round)'
        : null),
    },
    { key: 'loyaltyProvider', label: 'Loyalty Provider', kind: 'choice', choices: LOYALTY_PROVIDER_CHOICES, tab: TAB_DEFAULTS2 },
  ];
}

/** The fields with nothing stored yet (no lock on the decimals). */
export const COMPANY_FIELDS: readonly FieldDef[] = companyFields();

export function companyValues(doc: SettingsDoc): FormValues {
  const c = doc.company;
  return {
    storeName: c.storeName,
    address: c.address,
    taxNumber: c.taxNumber,
    currencySymbol: c.currencySymbol,
    currencyDecimals: String(c.currencyDecimals),
    timeZone: c.timeZone,
    financialYearStartMonth: String(c.financialYearStartMonth),
    cashRounding: String(c.cashRounding),
    loyaltyProvider: doc.defaults2.loyaltyProvider,
  };
}

/** Parsed Company Details and provider from values the form has already validated. */
export function companyFromValues(v: FormValues): { company: CompanyDetails; loyaltyProvider: LoyaltyProvider } {
  const text = (k: string) => (v[k] ?? '').trim();
  return {
    company: {
      storeName: text('storeName'),
      address: text('address'),
      taxNumber: text('taxNumber'),
      currencySymbol: text('currencySymbol'),
      currencyDecimals: Number(text('currencyDecimals')),
      timeZone: canonicalTimeZone(text('timeZone')) ?? text('timeZone'),
      financialYearStartMonth: Number(text('financialYearStartMonth')),
      cashRounding: Number(text('cashRounding')) as CashRounding,
    },
    loyaltyProvider: text('loyaltyProvider') as LoyaltyProvider,
  };
}

/**
 * Applies the form to a freshly re-read settings draft. Only the fields the operator changed since
 * the form opened are written: another terminal's edit made meanwhile to any other field (another
 * Company Details field included, or the ledger choices) survives this Accept.
 */
export function applyCompany(draft: SettingsDoc, values: FormValues, opened: FormValues): void {
  const { company, loyaltyProvider } = companyFromValues(values);
  const changed = (k: string) => (values[k] ?? '') !== (opened[k] ?? '');
  const target = draft.company as unknown as Record<string, unknown>;
  for (const key of Object.keys(company) as (keyof CompanyDetails)[]) {
    if (changed(key)) target[key] = company[key];
  }
  if (changed('loyaltyProvider')) draft.defaults2.loyaltyProvider = loyaltyProvider;
}
