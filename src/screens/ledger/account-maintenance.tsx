// Ledger > Account Maintenance: the chart of ledger accounts, and the account form for Add and
// Edit. Each Accept re-reads accounts.json under the store lock (applyAccount).
import { useState, type ReactNode } from 'react';
import type { LedgerAccount } from '../../store/documents-types.js';
import { useApp } from '../app-context.js';
import { useKeyHandler } from '../keys/dispatcher.js';
import { Form, errorText, type SaveResult } from '../forms/form.js';
import type { FormValues } from '../forms/field-types.js';
import { listRefusal } from '../forms/list-refusals.js';
import { RecordList, type ListColumn } from '../forms/record-list.js';
import { Shell } from '../shell/shell.js';
import type { StatusMessage } from '../shell/status-line.js';
import { useContentSize } from '../shell/terminal-size.js';
import { accountFields, accountFromValues, accountValues, applyAccount } from './account-fields.js';

export const ACCOUNT_MAINTENANCE_BREADCRUMB = ['Ledger', 'Account Maintenance'];

const COLUMNS: readonly ListColumn<LedgerAccount>[] = [
  { title: 'Code', width: 16, get: (a) => a.code },
  { title: 'Name', width: 40, get: (a) => a.name },
  { title: 'Type', width: 10, get: (a) => a.type },
];

const REFUSALS = {
  delete: 'Delete: ledger accounts are not deleted, because tenders, setup and journals refer to them',
  find: 'Find: not offered on Account Maintenance yet; use Up/Down, PgUp/PgDn',
};

type Mode = { kind: 'list' } | { kind: 'form'; editing: LedgerAccount | null };

export function AccountMaintenanceScreen(): ReactNode {
  const { store } = useApp();
  const { rows, columns } = useContentSize();
  const [mode, setMode] = useState<Mode>({ kind: 'list' });
  const [selected, setSelected] = useState(0);
  const [message, setMessage] = useState<StatusMessage | undefined>(undefined);
  const accounts = store.get('accounts').accounts;

  useKeyHandler((key) => {
    const reason = listRefusal(key, REFUSALS);
    if (reason === null) return false;
    setMessage({ text: reason, kind: 'info' });
    return true;
  }, { layer: 'screen', active: mode.kind === 'list' });

  if (mode.kind === 'form') {
    const editing = mode.editing;
    const accept = async (values: FormValues): Promise<SaveResult> => {
      const account = accountFromValues(values);
      try {
        const doc = await store.edit('accounts', (draft) => applyAccount(draft, account, editing === null));
        setSelected(Math.max(0, doc.accounts.findIndex((a) => a.code === account.code)));
        return { ok: true };
      } catch (e) {
        const message = errorText(e);
        return message.startsWith('Code:') ? { ok: false, message, field: 'code' } : { ok: false, message };
      }
    };
    const done = (outcome: 'saved' | 'cancelled', values: FormValues): void => {
      setMessage(outcome === 'saved' ? { text: `Saved account ${values.code ?? ''}`, kind: 'info' } : undefined);
      setMode({ kind: 'list' });
    };
    return (
      <Form
        key={editing?.code ?? '(new)'}
        defs={accountFields(editing, accounts)}
        initial={accountValues(editing)}
        // The code alone names the account being edited: with "Edit" the crumb no longer fits 80
        // columns beside the till and operator.
        breadcrumb={[...ACCOUNT_MAINTENANCE_BREADCRUMB, editing === null ? 'Add' : editing.code]}
        onAccept={accept}
        onDone={done}
      />
    );
  }

  return (
    <Shell breadcrumb={ACCOUNT_MAINTENANCE_BREADCRUMB} scope="list" status={message}>
      <RecordList
        rows={accounts}
        columns={COLUMNS}
        height={rows}
        width={columns}
        initialSelected={selected}
        emptyText="No ledger accounts yet: press Ins or F2 to add one"
        onAdd={() => {
          setMessage(undefined);
          setMode({ kind: 'form', editing: null });
        }}
        onEdit={(account, index) => {
          setMessage(undefined);
          setSelected(index);
          setMode({ kind: 'form', editing: account });
        }}
      />
    </Shell>
  );
}
