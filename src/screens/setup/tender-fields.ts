// Tender Setup as form fields: the table for one tender, and the list -> document changes.
import type { Tender, TenderKind } from '../../engine/types.js';
import { TENDER_KINDS } from '../../engine/types.js';
import type { LedgerAccount, TendersDoc } from '../../store/documents-types.js';
import type { FieldDef, FormValues } from '../forms/field-types.js';
import { FLAG_OFF, FLAG_ON } from '../forms/field-types.js';

export const TENDER_CODE_RULE = 'Code: 1 to 8 characters, capital letters A-Z and digits 0-9 only';
export const LOYALTY_PLUS_LABEL = 'Use Loyalty Plus Tender';

export function tenderCodeMessage(code: string, existing: readonly string[]): string | null {
  if (!/^[A-Z0-9]{1,8}$/.test(code)) return TENDER_CODE_RULE;
  if (existing.includes(code)) return `Code: tender ${code} already exists; choose another code`;
  return null;
}

/** Why the Loyalty Plus flag cannot be set with this kind, or null when it can. */
export function loyaltyPlusMessage(flag: string, kind: string): string | null {
  if (flag !== FLAG_ON || kind === 'loyalty') return null;
  // Kept under 78 columns: the status line has one row of 80.
  return `${LOYALTY_PLUS_LABEL}: only for kind loyalty (this tender is ${kind})`;
}

export interface TenderFormContext {
  /** The tender being edited, or null when adding one. */
  editing: Tender | null;
  tenders: readonly Tender[];
  accounts: readonly LedgerAccount[];
}

export function tenderFields(ctx: TenderFormContext): FieldDef[] {
  const others = ctx.tenders.filter((t) => t.code !== ctx.editing?.code).map((t) => t.code);
  return [
    {
      // No maxLength: the code rule names the limit and the allowed characters together.
      key: 'code', label: 'Code', kind: 'text', required: true,
      // A code is what sales in the journals point at, so it is fixed once the tender exists.
      readOnly: ctx.editing !== null,
      validate: (v) => tenderCodeMessage(v.trim(), others),
    },
    { key: 'name', label: 'Name', kind: 'text', required: true, maxLength: 40 },
    { key: 'kind', label: 'Kind', kind: 'choice', choices: TENDER_KINDS.map((k) => ({ value: k, label: k })) },
    {
      key: 'ledgerAccount', label: 'Ledger account', kind: 'choice',
      choices: ctx.accounts.map((a) => ({ value: a.code, label: `${a.code} ${a.name}` })),
      validate: (v) => (ctx.accounts.some((a) => a.code === v) ? null
        : 'Ledger account: choose an existing one (add it in Ledger > Account Maint.)'),
    },
    { key: 'useLoyaltyPlus', label: LOYALTY_PLUS_LABEL, kind: 'flag', validate: (v, all) => loyaltyPlusMessage(v, all.kind ?? '') },
  ];
}

export function tenderValues(t: Tender | null, accounts: readonly LedgerAccount[]): FormValues {
  if (t === null) {
    return { code: '', name: '', kind: 'cash', ledgerAccount: accounts[0]?.code ?? '', useLoyaltyPlus: FLAG_OFF };
  }
  return { code: t.code, name: t.name, kind: t.kind, ledgerAccount: t.ledgerAccount, useLoyaltyPlus: t.useLoyaltyPlus ? FLAG_ON : FLAG_OFF };
}

export function tenderFromValues(v: FormValues): Tender {
  return {
    code: (v.code ?? '').trim(),
    name: (v.name ?? '').trim(),
    kind: (v.kind ?? 'other') as TenderKind,
    ledgerAccount: v.ledgerAccount ?? '',
    useLoyaltyPlus: v.useLoyaltyPlus === FLAG_ON,
  };
}

/**
 * Writes one tender into a freshly re-read document. Adding re-checks the code against what is on
 * disk now (another terminal may have added the same code since the form opened) and throws a
 * message for the status line; editing replaces the tender in place, keeping the list's order.
 */
export function applyTender(draft: TendersDoc, tender: Tender, adding: boolean): void {
  const at = draft.tenders.findIndex((t) => t.code === tender.code);
  if (adding) {
    if (at >= 0) throw new Error(`Code: tender ${tender.code} already exists; choose another code`);
    draft.tenders.push(tender);
  } else if (at < 0) {
    throw new Error(`Tender ${tender.code} no longer exists (deleted in another terminal?)`);
  } else {
    draft.tenders[at] = tender;
  }
}
