// Ledger > Account Maintenance: the chart of ledger accounts, and the account form for Add and
// Edit. Each Accept re-reads accounts.json under the store lock (applyAccount).
import { useMemo, type ReactNode } from 'react';
import type { LedgerAccount } from '../../store/documents-types.js';
import { useApp } from '../app-context.js';
import { MasterFileScreen, type MasterFile } from '../forms/master-file-screen.js';
import type { ListColumn } from '../forms/record-list.js';
import { accountFields, accountFromValues, accountValues, applyAccount } from './account-fields.js';

export const ACCOUNT_MAINTENANCE_BREADCRUMB = ['Ledger', 'Account Maintenance'];

const COLUMNS: readonly ListColumn<LedgerAccount>[] = [
  { title: 'Code', width: 16, get: (a) => a.code },
  { title: 'Name', width: 40, get: (a) => a.name },
  { title: 'Type', width: 10, get: (a) => a.type },
];

export function AccountMaintenanceScreen(): ReactNode {
  const { store } = useApp();
  const file = useMemo<MasterFile<LedgerAccount>>(
    () => ({
      breadcrumb: ACCOUNT_MAINTENANCE_BREADCRUMB,
      noun: 'account',
      columns: COLUMNS,
      emptyText: 'No ledger accounts yet: press Ins or F2 to add one',
      refusals: {
        delete: 'Delete: ledger accounts are not deleted, because tenders, setup and journals refer to them',
        find: 'Find: not offered on Account Maintenance yet; use Up/Down, PgUp/PgDn',
      },
      rows: () => store.get('accounts').accounts,
      keyOf: (a) => a.code,
      // The code alone names the account being edited: with "Edit" the crumb no longer fits 80
      // columns beside the till and operator.
      formCrumb: (a) => (a === null ? 'Add' : a.code),
      fields: (editing) => accountFields(editing, store.get('accounts').accounts),
      values: (editing) => accountValues(editing),
      save: async (values, editing) => {
        const account = accountFromValues(values);
        await store.edit('accounts', (draft) => applyAccount(draft, account, editing === null));
        return account.code;
      },
    }),
    [store],
  );
  return <MasterFileScreen file={file} />;
}
