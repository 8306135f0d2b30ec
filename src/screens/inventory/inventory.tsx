// Main Menu > Inventory: the items (list with Find), and the Item file (tabs General | Extra) for
// Add and Edit. Each Accept re-reads items.json under the store lock (applyItem), so an item or
// barcode another terminal saved meanwhile is kept, and refused at the field when it clashes.
import { useMemo, type ReactNode } from 'react';
import { formatMoney } from '../../engine/money.js';
import type { Item } from '../../engine/types.js';
import { useApp } from '../app-context.js';
import { matchesEveryWord } from '../forms/list-search.js';
import { MasterFileScreen, type MasterFile } from '../forms/master-file-screen.js';
import type { ListColumn } from '../forms/record-list.js';
import { applyItem, itemEditFromValues, itemFields, itemValues, rateText } from './item-fields.js';

export const INVENTORY_BREADCRUMB = ['Inventory'];

/** No own settings: "No"; applicable: "Yes", or the item's own Loyalty Percentage. */
export function loyaltyCell(item: Item): string {
  const l = item.loyalty;
  if (l === undefined || !l.loyaltyApplicable) return 'No';
  return l.loyaltyRate === undefined ? 'Yes' : `${rateText(l.loyaltyRate)}%`;
}

// 2 (selection mark) + 69 + 5 separators = 76, the content width of an 80-column terminal.
export const INVENTORY_COLUMNS: readonly ListColumn<Item>[] = [
  { title: 'Code', width: 11, get: (i) => i.code },
  { title: 'Barcode', width: 13, get: (i) => i.barcode },
  { title: 'Description', width: 22, get: (i) => i.description },
  { title: '    Price', width: 9, get: (i) => formatMoney(i.price).padStart(9) },
  { title: 'Tax', width: 6, get: (i) => `${rateText(i.taxRate)}%` },
  { title: 'Loyalty', width: 8, get: loyaltyCell },
];

export function itemMatches(item: Item, query: string): boolean {
  return matchesEveryWord(query, [item.code, item.barcode, item.description]);
}

export function InventoryScreen(): ReactNode {
  const { store } = useApp();
  const file = useMemo<MasterFile<Item>>(
    () => ({
      breadcrumb: INVENTORY_BREADCRUMB,
      noun: 'item',
      columns: INVENTORY_COLUMNS,
      emptyText: 'No items yet: press Ins or F2 to add one (or tillpoint import items)',
      refusals: {
        delete: 'Delete: items are not deleted, because sales and contracts refer to them',
      },
      rows: () => store.get('items').items,
      keyOf: (i) => i.code,
      formCrumb: (i) => (i === null ? 'Add' : `Edit ${i.code}`),
      fields: (editing) => itemFields({ editing, items: () => store.get('items').items }),
      values: (editing) => itemValues(editing),
      save: async (values, editing) => {
        const edit = itemEditFromValues(values);
        await store.edit('items', (draft) => {
          applyItem(draft, edit, editing === null);
        });
        return edit.code;
      },
      search: itemMatches,
    }),
    [store],
  );
  return <MasterFileScreen file={file} />;
}
