// Items CSV: code,barcode,description,price,taxRate[,loyalty,loyaltyPercent]. Shared by
// `import items`, `export items` and the demo store, so the demo exercises the same validation
// as a real import.
import { formatMoney, formatRate } from '../engine/money.js';
import {
  STANDARD_TAX_RATE, itemBarcodeProblem, itemCodeProblem, itemDescriptionProblem, loyaltyPercentWithoutLoyalty,
  parseItemLoyaltyPercent, parseItemPrice, parseItemTaxRate,
} from '../engine/item-rules.js';
import type { BasisPoints, Item } from '../engine/types.js';
import type { Store } from '../store/index.js';
import { Refusal } from './clock.js';
import { parseYesNo, readCsv, writeCsv, yesNo } from './csv.js';

export const ITEM_COLUMNS = ['code', 'barcode', 'description', 'price', 'taxRate'];
/** Inventory > Extra: Loyalty applicable (yes/no) and the item's own Loyalty Percentage. */
export const ITEM_LOYALTY_COLUMNS = ['loyalty', 'loyaltyPercent'];
/** Tax rate of a new item whose row leaves taxRate out (the rules live in engine/item-rules.ts, shared with the Inventory screen). */
export { STANDARD_TAX_RATE };

/** A row of the file: the columns it gave. An existing item keeps the fields of columns the file leaves out. */
export type ItemRow = Pick<Item, 'code' | 'description' | 'price'> & Partial<Pick<Item, 'barcode' | 'taxRate'>> & {
  /** Loyalty applicable; undefined when the cell is empty or the column missing (keep). */
  loyalty?: boolean;
  /** The item's own rate; null when the column is there but empty (no own rate), undefined when missing (keep). */
  loyaltyRate?: BasisPoints | null;
};

export function parseItemsCsv(text: string, file: string): ItemRow[] {
  const rows = readCsv(text, file, ['code', 'description', 'price'], ['barcode', 'taxRate', ...ITEM_LOYALTY_COLUMNS]);
  const problems: string[] = [];
  const items: ItemRow[] = [];
  const codes = new Map<string, number>();
  const barcodes = new Map<string, number>();
  for (const row of rows) {
    const at = `${file}: line ${row.line}`;
    const code = row.get('code');
    const barcode = row.get('barcode');
    const description = row.get('description');
    const bad = (msg: string) => problems.push(`${at}: ${msg}`);
    const codeProblem = itemCodeProblem(code);
    if (codeProblem !== null) bad(`code "${code}" ${codeProblem}`);
    else if (codes.has(code)) bad(`code ${code} already given on line ${codes.get(code)}`);
    else codes.set(code, row.line);
    const barcodeProblem = itemBarcodeProblem(barcode);
    if (barcodeProblem !== null) bad(`barcode "${barcode}" ${barcodeProblem}`);
    else if (barcode && barcodes.has(barcode)) bad(`barcode ${barcode} already given on line ${barcodes.get(barcode)}`);
    else if (barcode) barcodes.set(barcode, row.line);
    const descriptionProblem = itemDescriptionProblem(description);
    if (descriptionProblem !== null) bad(`description ${descriptionProblem}`);
    let price = 0;
    try {
      price = parseItemPrice(row.get('price'));
    } catch (err) {
      bad(`price: ${(err as Error).message}`);
    }
    let taxRate: number | undefined;
    try {
      taxRate = parseItemTaxRate(row.get('taxRate'));
    } catch (err) {
      bad(`taxRate: ${(err as Error).message}`);
    }
    const loyalty = parseYesNo(row.get('loyalty'));
    if (loyalty === null) bad(`loyalty: must be yes or no (got "${row.get('loyalty')}")`);
    let loyaltyRate: number | null | undefined = row.has('loyaltyPercent') ? null : undefined;
    const percent = row.get('loyaltyPercent');
    if (percent !== '') {
      if (loyaltyPercentWithoutLoyalty(percent, loyalty === true)) bad('loyaltyPercent: is allowed only with loyalty=yes on the same row');
      try {
        loyaltyRate = parseItemLoyaltyPercent(percent);
      } catch (err) {
        bad(`loyaltyPercent: ${(err as Error).message}`);
      }
    }
    const item: ItemRow = { code, description, price };
    if (row.has('barcode')) item.barcode = barcode;
    if (taxRate !== undefined) item.taxRate = taxRate;
    if (typeof loyalty === 'boolean') item.loyalty = loyalty;
    if (loyaltyRate !== undefined) item.loyaltyRate = loyaltyRate;
    items.push(item);
  }
  if (problems.length) throw new Refusal(problems[0]!, problems);
  return items;
}

/** Adds new codes and updates existing ones in one store edit: all rows or none. */
export async function importItems(store: Store, incoming: ItemRow[], file: string): Promise<{ added: number; updated: number }> {
  let added = 0;
  let updated = 0;
  await store.edit('items', (doc) => {
    added = 0;
    updated = 0;
    const byCode = new Map(doc.items.map((item, i) => [item.code, i]));
    for (const row of incoming) {
      const at = byCode.get(row.code);
      const { loyalty: _l, loyaltyRate: _r, ...fields } = row;
      if (at === undefined) {
        byCode.set(row.code, doc.items.length);
        doc.items.push(withLoyalty({ barcode: '', taxRate: STANDARD_TAX_RATE, ...fields }, row));
        added++;
      } else {
        doc.items[at] = withLoyalty({ ...doc.items[at]!, ...fields }, row);
        updated++;
      }
    }
    const owner = new Map<string, string>();
    for (const item of doc.items) {
      if (!item.barcode) continue;
      const other = owner.get(item.barcode);
      if (other) throw new Refusal(`${file}: barcode ${item.barcode} of ${item.code} already belongs to item ${other}`);
      owner.set(item.barcode, item.code);
    }
  });
  return { added, updated };
}

/** The item's Extra tab after the row: given cells replace, missing ones keep what it had. */
function withLoyalty(item: Item, row: ItemRow): Item {
  if (row.loyalty === undefined) return item;
  if (!row.loyalty) return { ...item, loyalty: { loyaltyApplicable: false } };
  const rate = row.loyaltyRate === undefined ? item.loyalty?.loyaltyRate : (row.loyaltyRate ?? undefined);
  return { ...item, loyalty: { loyaltyApplicable: true, ...(rate === undefined ? {} : { loyaltyRate: rate }) } };
}

const rateText = (bp: BasisPoints) => formatRate(bp).replace('%', '');

/**
 * The loyalty columns are written only when some item has loyalty settings: a store that never
 * used them exports the same file as before loyalty existed, so scripts reading it keep working.
 * An item without settings gets empty cells, which an import reads as "leave as it is".
 */
export function itemsToCsv(items: Item[]): string {
  const withLoyaltyColumns = items.some((i) => i.loyalty !== undefined);
  return writeCsv(
    withLoyaltyColumns ? [...ITEM_COLUMNS, ...ITEM_LOYALTY_COLUMNS] : ITEM_COLUMNS,
    items.map((i) => {
      const cells = [i.code, i.barcode, i.description, formatMoney(i.price), rateText(i.taxRate)];
      if (!withLoyaltyColumns) return cells;
      const own = i.loyalty?.loyaltyRate;
      return [...cells, i.loyalty ? yesNo(i.loyalty.loyaltyApplicable) : '', own === undefined ? '' : rateText(own)];
    }),
  );
}
