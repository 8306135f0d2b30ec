// Ledger Account Maintenance as form fields: the table for one account and the document change.
import type { AccountsDoc, AccountType, LedgerAccount } from '../../store/documents-types.js';
import { ACCOUNT_TYPES } from '../../store/documents-types.js';
import type { FieldDef, FormValues } from '../forms/field-types.js';

export const ACCOUNT_CODE_RULE = 'Code: four groups of digits NNNN.NNN.NNN.NN, e.g. 3700.000.000.00';

export function accountCodeMessage(code: string, existing: readonly string[]): string | null {
  if (!/^\d{4}\.\d{3}\.\d{3}\.\d{2}$/.test(code)) return ACCOUNT_CODE_RULE;
  if (existing.includes(code)) return `Code: account ${code} already exists; choose another code`;
  return null;
}

export function accountFields(editing: LedgerAccount | null, accounts: readonly LedgerAccount[]): FieldDef[] {
  const others = accounts.filter((a) => a.code !== editing?.code).map((a) => a.code);
  return [
    {
      // No maxLength: the format rule says more than "at most 15 characters" would.
      key: 'code', label: 'Code', kind: 'text', required: true,
      // Tenders, setup choices and journal rows refer to the code, so it is fixed once created.
      readOnly: editing !== null,
      validate: (v) => accountCodeMessage(v.trim(), others),
    },
    { key: 'name', label: 'Name', kind: 'text', required: true, maxLength: 60 },
    { key: 'type', label: 'Ledger type', kind: 'choice', choices: ACCOUNT_TYPES.map((t) => ({ value: t, label: t })) },
  ];
}

export function accountValues(a: LedgerAccount | null): FormValues {
  return a === null ? { code: '', name: '', type: 'asset' } : { code: a.code, name: a.name, type: a.type };
}

export function accountFromValues(v: FormValues): LedgerAccount {
  return { code: (v.code ?? '').trim(), name: (v.name ?? '').trim(), type: (v.type ?? 'asset') as AccountType };
}

/** Writes one account into a freshly re-read document; adding re-checks the code on disk. */
export function applyAccount(draft: AccountsDoc, account: LedgerAccount, adding: boolean): void {
  const at = draft.accounts.findIndex((a) => a.code === account.code);
  if (adding) {
    if (at >= 0) throw new Error(`Code: account ${account.code} already exists; choose another code`);
    draft.accounts.push(account);
  } else if (at < 0) {
    throw new Error(`Account ${account.code} no longer exists (deleted in another terminal?)`);
  } else {
    draft.accounts[at] = account;
  }
}
