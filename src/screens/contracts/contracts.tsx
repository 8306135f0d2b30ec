// Main Menu > Contracts: debtor contracts (debtor, item, contract price, Exclude from Rebates), a
// searchable list and the contract form for Add and Edit. Each Accept re-reads contracts.json,
// debtors.json and items.json under the store lock (applyContract), so a debtor or item deleted
// meanwhile, or the same pair added by another terminal, is refused at the field.
import { useMemo, type ReactNode } from 'react';
import type { Contract } from '../../engine/loyalty/types.js';
import { formatMoney } from '../../engine/money.js';
import type { Store } from '../../store/index.js';
import { useApp } from '../app-context.js';
import { matchesEveryWord } from '../forms/list-search.js';
import { MasterFileScreen, type MasterFile } from '../forms/master-file-screen.js';
import type { ListColumn } from '../forms/record-list.js';
import { applyContract, contractFields, contractFromValues, contractValues } from './contract-fields.js';
import { contractKey } from '../../engine/contract-rules.js';

export const CONTRACTS_BREADCRUMB = ['Contracts'];

/** Names of debtors and descriptions of items by code, rebuilt only when the document changes. */
const namesCache = new WeakMap<object, Map<string, string>>();
function namesOf<T extends object>(doc: object, list: readonly T[], code: (t: T) => string, name: (t: T) => string): Map<string, string> {
  let names = namesCache.get(doc);
  if (names === undefined) {
    names = new Map(list.map((t) => [code(t), name(t)]));
    namesCache.set(doc, names);
  }
  return names;
}

export interface ContractNames {
  debtorName(code: string): string;
  itemDescription(code: string): string;
}

export function storeNames(store: Store): ContractNames {
  return {
    debtorName: (code) => {
      const doc = store.get('debtors');
      return namesOf(doc, doc.debtors, (d) => d.code, (d) => d.name).get(code) ?? '(no such debtor)';
    },
    itemDescription: (code) => {
      const doc = store.get('items');
      return namesOf(doc, doc.items, (i) => i.code, (i) => i.description).get(code) ?? '(no such item)';
    },
  };
}

// 2 (selection mark) + 71 + 3 separators = 76, the content width of an 80-column terminal.
export function contractColumns(names: ContractNames, decimals: () => number): ListColumn<Contract>[] {
  return [
    { title: 'Debtor', width: 21, get: (c) => `${c.debtor} ${names.debtorName(c.debtor)}` },
    { title: 'Item', width: 21, get: (c) => `${c.item} ${names.itemDescription(c.item)}` },
    { title: '    Price', width: 9, get: (c) => formatMoney(c.price, { decimals: decimals() }).padStart(9) },
    { title: 'Exclude from Rebates', width: 20, get: (c) => (c.excludeFromRebates ? 'Yes' : 'No') },
  ];
}

export function contractMatches(names: ContractNames, c: Contract, query: string): boolean {
  return matchesEveryWord(query, [c.debtor, names.debtorName(c.debtor), c.item, names.itemDescription(c.item)]);
}

export function ContractsScreen(): ReactNode {
  const { store } = useApp();
  const file = useMemo<MasterFile<Contract>>(() => {
    const names = storeNames(store);
    const decimals = (): number => store.get('settings').company.currencyDecimals;
    const context = (editing: Contract | null) => ({
      editing,
      debtors: store.get('debtors').debtors,
      items: store.get('items').items,
      contracts: () => store.get('contracts').contracts,
      decimals: decimals(),
    });
    return {
      breadcrumb: CONTRACTS_BREADCRUMB,
      noun: 'contract',
      columns: contractColumns(names, decimals),
      emptyText: 'No contracts yet: press Ins or F2 to add one (or tillpoint import contracts)',
      refusals: {
        delete: 'Delete: not offered for contracts yet; edit the price instead',
      },
      rows: () => store.get('contracts').contracts,
      keyOf: (c) => contractKey(c.debtor, c.item),
      formCrumb: (c) => (c === null ? 'Add' : `Edit ${c.debtor} / ${c.item}`),
      fields: (editing) => contractFields(context(editing)),
      values: (editing) => contractValues(editing, context(editing)),
      save: async (values, editing) => {
        const contract = contractFromValues(values, decimals());
        await store.edit('contracts', (draft) => {
          // Read under the store lock the edit holds: what debtors.json and items.json say now.
          applyContract(draft, contract, editing === null, {
            debtorCodes: new Set(store.get('debtors').debtors.map((d) => d.code)),
            itemCodes: new Set(store.get('items').items.map((i) => i.code)),
          });
        });
        return contractKey(contract.debtor, contract.item);
      },
      search: (c, query) => contractMatches(names, c, query),
    };
  }, [store]);
  return <MasterFileScreen file={file} />;
}
