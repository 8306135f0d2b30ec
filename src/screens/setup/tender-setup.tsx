// Utilities > Setup > Tender Setup: the list of tenders, and the tender form for Add and Edit.
// Each Accept re-reads tenders.json under the store lock (applyTender), so a tender another
// terminal added meanwhile is kept, and a code it took meanwhile is refused.
import { useState, type ReactNode } from 'react';
import type { Tender } from '../../engine/types.js';
import { useApp } from '../app-context.js';
import { useKeyHandler } from '../keys/dispatcher.js';
import { Form, errorText, type SaveResult } from '../forms/form.js';
import type { FormValues } from '../forms/field-types.js';
import { listRefusal } from '../forms/list-refusals.js';
import { RecordList, type ListColumn } from '../forms/record-list.js';
import { Shell } from '../shell/shell.js';
import type { StatusMessage } from '../shell/status-line.js';
import { useContentSize } from '../shell/terminal-size.js';
import { applyTender, tenderFields, tenderFromValues, tenderValues } from './tender-fields.js';

export const TENDER_SETUP_BREADCRUMB = ['Utilities', 'Setup', 'Tender Setup'];

const COLUMNS: readonly ListColumn<Tender>[] = [
  { title: 'Code', width: 8, get: (t) => t.code },
  { title: 'Name', width: 20, get: (t) => t.name },
  { title: 'Kind', width: 8, get: (t) => t.kind },
  { title: 'Ledger account', width: 16, get: (t) => t.ledgerAccount },
  { title: 'Loyalty Plus', width: 12, get: (t) => (t.useLoyaltyPlus ? 'Yes' : 'No') },
];

const REFUSALS = {
  delete: 'Delete: tenders are not deleted, because completed sales refer to them; rename one instead',
  find: 'Find: not offered on Tender Setup (the list is short; use Up/Down)',
};

type Mode = { kind: 'list' } | { kind: 'form'; editing: Tender | null };

export function TenderSetupScreen(): ReactNode {
  const { store } = useApp();
  const { rows, columns } = useContentSize();
  const [mode, setMode] = useState<Mode>({ kind: 'list' });
  const [selected, setSelected] = useState(0);
  const [message, setMessage] = useState<StatusMessage | undefined>(undefined);
  const tenders = store.get('tenders').tenders;

  useKeyHandler((key) => {
    const reason = listRefusal(key, REFUSALS);
    if (reason === null) return false;
    setMessage({ text: reason, kind: 'info' });
    return true;
  }, { layer: 'screen', active: mode.kind === 'list' });

  if (mode.kind === 'form') {
    const editing = mode.editing;
    const accounts = store.get('accounts').accounts;
    const accept = async (values: FormValues): Promise<SaveResult> => {
      const tender = tenderFromValues(values);
      try {
        const doc = await store.edit('tenders', (draft) => applyTender(draft, tender, editing === null));
        setSelected(Math.max(0, doc.tenders.findIndex((t) => t.code === tender.code)));
        return { ok: true };
      } catch (e) {
        const message = errorText(e);
        return message.startsWith('Code:') ? { ok: false, message, field: 'code' } : { ok: false, message };
      }
    };
    const done = (outcome: 'saved' | 'cancelled', values: FormValues): void => {
      setMessage(outcome === 'saved' ? { text: `Saved tender ${values.code ?? ''}`, kind: 'info' } : undefined);
      setMode({ kind: 'list' });
    };
    return (
      <Form
        key={editing?.code ?? '(new)'}
        defs={tenderFields({ editing, tenders, accounts })}
        initial={tenderValues(editing, accounts)}
        breadcrumb={[...TENDER_SETUP_BREADCRUMB, editing === null ? 'Add' : `Edit ${editing.code}`]}
        onAccept={accept}
        onDone={done}
      />
    );
  }

  return (
    <Shell breadcrumb={TENDER_SETUP_BREADCRUMB} scope="list" status={message}>
      <RecordList
        rows={tenders}
        columns={COLUMNS}
        height={rows}
        width={columns}
        initialSelected={selected}
        emptyText="No tenders yet: press Ins or F2 to add one"
        onAdd={() => {
          setMessage(undefined);
          setMode({ kind: 'form', editing: null });
        }}
        onEdit={(tender, index) => {
          setMessage(undefined);
          setSelected(index);
          setMode({ kind: 'form', editing: tender });
        }}
      />
    </Shell>
  );
}
