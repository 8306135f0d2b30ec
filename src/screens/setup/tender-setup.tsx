// Utilities > Setup > Tender Setup: the list of tenders, and the tender form for Add and Edit.
// Each Accept re-reads tenders.json under the store lock (applyTender), so a tender another
// terminal added meanwhile is kept, and a code it took meanwhile is refused.
import { useMemo, type ReactNode } from 'react';
import type { Tender } from '../../engine/types.js';
import { useApp } from '../app-context.js';
import { MasterFileScreen, type MasterFile } from '../forms/master-file-screen.js';
import type { ListColumn } from '../forms/record-list.js';
import { applyTender, tenderFields, tenderFromValues, tenderValues } from './tender-fields.js';

export const TENDER_SETUP_BREADCRUMB = ['Utilities', 'Setup', 'Tender Setup'];

const COLUMNS: readonly ListColumn<Tender>[] = [
  { title: 'Code', width: 8, get: (t) => t.code },
  { title: 'Name', width: 20, get: (t) => t.name },
  { title: 'Kind', width: 8, get: (t) => t.kind },
  { title: 'Ledger account', width: 16, get: (t) => t.ledgerAccount },
  { title: 'Loyalty Plus', width: 12, get: (t) => (t.useLoyaltyPlus ? 'Yes' : 'No') },
];

export function TenderSetupScreen(): ReactNode {
  const { store } = useApp();
  const file = useMemo<MasterFile<Tender>>(
    () => ({
      breadcrumb: TENDER_SETUP_BREADCRUMB,
      noun: 'tender',
      columns: COLUMNS,
      emptyText: 'No tenders yet: press Ins or F2 to add one',
      refusals: {
        delete: 'Delete: tenders are not deleted, because completed sales refer to them; rename one instead',
        find: 'Find: not offered on Tender Setup (the list is short; use Up/Down)',
      },
      rows: () => store.get('tenders').tenders,
      keyOf: (t) => t.code,
      formCrumb: (t) => (t === null ? 'Add' : `Edit ${t.code}`),
      fields: (editing) => tenderFields({ editing, tenders: store.get('tenders').tenders, accounts: store.get('accounts').accounts }),
      values: (editing) => tenderValues(editing, store.get('accounts').accounts),
      save: async (values, editing) => {
        const tender = tenderFromValues(values);
        await store.edit('tenders', (draft) => applyTender(draft, tender, editing === null));
        return tender.code;
      },
    }),
    [store],
  );
  return <MasterFileScreen file={file} />;
}
