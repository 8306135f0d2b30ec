// Delete Loyalty tables: the fields after a backup is picked (the write-off account and the typed
// phrase), and which field a refusal of the store logic belongs to.
import type { Store } from '../../store/store.js';
import type { FieldDef, FormValues } from '../forms/field-types.js';
import { CONFIRM_PHRASE } from './tables-api.js';

export const DELETE_KEYS = { account: 'account', phrase: 'phrase' } as const;

export function deleteFields(store: Store): FieldDef[] {
  const accounts = store.get('accounts').accounts;
  return [
    {
      key: DELETE_KEYS.account, label: 'Write-off account', kind: 'choice',
      // A blank first choice, so the account is always picked on purpose, never taken by default.
      choices: [{ value: '', label: '(choose an account)' }, ...accounts.map((a) => ({ value: a.code, label: `${a.code} ${a.name}` }))],
      validate: (v) => (v === '' ? 'Write-off account: choose the account the liability is written off to' : null),
    },
    {
      // Checked by the store logic itself (its refusal comes back to this field), so the phrase has one judge.
      key: DELETE_KEYS.phrase, label: `Type ${CONFIRM_PHRASE}`, kind: 'text', maxLength: 40,
    },
  ];
}

export function deleteInitial(): FormValues {
  return { [DELETE_KEYS.account]: '', [DELETE_KEYS.phrase]: '' };
}

/** The field a refusal names (its StoreError field, else the start of its message), if any. */
export function fieldOfDeleteRefusal(e: unknown): string | undefined {
  const field = typeof e === 'object' && e !== null && 'field' in e && typeof e.field === 'string' ? e.field.toLowerCase() : '';
  const message = e instanceof Error ? e.message.toLowerCase() : '';
  if (field.includes('account') || message.startsWith('write-off account') || message.startsWith('account')) return DELETE_KEYS.account;
  if (field.includes('phrase') || field.includes('confirm') || message.startsWith('type to confirm') || message.startsWith('confirmation')) return DELETE_KEYS.phrase;
  return undefined;
}

/** A refusal about the backup sends the operator back to the list of backups. */
export function isBackupRefusal(e: unknown): boolean {
  const o = typeof e === 'object' && e !== null ? (e as { field?: unknown; file?: unknown; code?: unknown }) : {};
  return (typeof o.field === 'string' && o.field.toLowerCase().includes('backup')) || o.code === 'CORRUPT' || o.file === 'manifest.json';
}
