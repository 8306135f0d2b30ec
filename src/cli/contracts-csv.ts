// Contracts CSV: debtor,item,price,excludeFromRebates. Shared by `import contracts`,
// `export contracts` and the demo store. A contract names a debtor and an item that exist, so it
// is checked against debtors.json and items.json inside the same locked edit that writes it.
import type { Contract } from '../engine/loyalty/types.js';
import { formatMoney, type MoneyFormat } from '../engine/money.js';
import { contractDebtorProblem, contractItemProblem, contractKey as keyOf, parseContractPrice } from '../engine/contract-rules.js';
import type { Store } from '../store/index.js';
import { parseYesNo, readCsv, refuseIfAny, writeCsv, yesNo } from './csv.js';
import type { MergeResult } from './debtors-csv.js';

export const CONTRACT_COLUMNS = ['debtor', 'item', 'price', 'excludeFromRebates'];

export interface ContractCsvRow {
  line: number;
  debtor: string;
  item: string;
  price: string;
  /** undefined when the file has no such column. */
  excludeFromRebates?: string;
}

export interface ContractsMergeOptions {
  debtorCodes: ReadonlySet<string>;
  itemCodes: ReadonlySet<string>;
  money: MoneyFormat;
}

export function parseContractsCsv(text: string, file: string): ContractCsvRow[] {
  return readCsv(text, file, ['debtor', 'item', 'price'], ['excludeFromRebates']).map((row) => ({
    line: row.line,
    debtor: row.get('debtor'),
    item: row.get('item'),
    price: row.get('price'),
    ...(row.has('excludeFromRebates') ? { excludeFromRebates: row.get('excludeFromRebates') } : {}),
  }));
}

/**
 * The contracts after the file: a debtor and item pair not yet under contract is added, an
 * existing one updated (an empty or missing excludeFromRebates keeps what it had; a new
 * contract then includes its item in rebates). Pure; throws a Refusal naming every bad row.
 */
export function mergeContracts(existing: readonly Contract[], rows: readonly ContractCsvRow[], file: string, opts: ContractsMergeOptions): MergeResult<Contract> {
  const list = existing.map((c) => ({ ...c }));
  const byKey = new Map(list.map((c, i) => [keyOf(c.debtor, c.item), i]));
  const lineOf = new Map<string, number>();
  const problems: string[] = [];
  let added = 0;
  let updated = 0;
  for (const row of rows) {
    const bad = (field: string, message: string) => problems.push(`${file}: line ${row.line}: ${field}: ${message}`);
    const { debtor, item } = row;
    // The rules the Contracts screen checks too (engine/contract-rules.ts).
    const debtorProblem = contractDebtorProblem(debtor, opts.debtorCodes, 'import it with tillpoint import debtors first');
    if (debtorProblem !== null) bad('debtor', debtorProblem);
    const itemProblem = contractItemProblem(item, opts.itemCodes, 'import it with tillpoint import items first');
    if (itemProblem !== null) bad('item', itemProblem);
    const key = keyOf(debtor, item);
    if (debtor !== '' && item !== '') {
      const first = lineOf.get(key);
      if (first !== undefined) bad('item', `debtor ${debtor} and item ${item} already given on line ${first}`);
      else lineOf.set(key, row.line);
    }
    let price = 0;
    try {
      price = parseContractPrice(row.price, opts.money.decimals ?? 2);
    } catch (err) {
      bad('price', (err as Error).message);
    }
    const exclude = parseYesNo(row.excludeFromRebates ?? '');
    if (exclude === null) bad('excludeFromRebates', `must be yes or no (got "${row.excludeFromRebates}")`);
    if (problems.length || exclude === null) continue; // refused anyway: keep collecting problems

    const at = byKey.get(key);
    if (at === undefined) {
      byKey.set(key, list.length);
      list.push({ debtor, item, price, excludeFromRebates: exclude ?? false });
      added++;
    } else {
      const before = list[at]!;
      list[at] = { ...before, price, excludeFromRebates: exclude ?? before.excludeFromRebates };
      updated++;
    }
  }
  refuseIfAny(problems);
  return { list, added, updated };
}

function moneyOf(store: Store): MoneyFormat {
  return { decimals: store.get('settings').company.currencyDecimals };
}

/** Adds and updates contracts in one store edit: all rows or none. */
export async function importContracts(store: Store, rows: readonly ContractCsvRow[], file: string): Promise<{ added: number; updated: number }> {
  let result = { added: 0, updated: 0 };
  await store.edit('contracts', (doc) => {
    // Read under the store lock the edit holds, so a debtor deleted meanwhile is noticed.
    const merged = mergeContracts(doc.contracts, rows, file, {
      debtorCodes: new Set(store.get('debtors').debtors.map((d) => d.code)),
      itemCodes: new Set(store.get('items').items.map((i) => i.code)),
      money: moneyOf(store),
    });
    doc.contracts = merged.list;
    result = { added: merged.added, updated: merged.updated };
  });
  return result;
}

export function contractsToCsv(contracts: readonly Contract[], money: MoneyFormat): string {
  const decimals = money.decimals ?? 2;
  return writeCsv(CONTRACT_COLUMNS, contracts.map((c) => [c.debtor, c.item, formatMoney(c.price, { decimals }), yesNo(c.excludeFromRebates)]));
}

export function exportContracts(store: Store): string {
  return contractsToCsv(store.get('contracts').contracts, moneyOf(store));
}
