// Items CSV: code,barcode,description,price,taxRate. Shared by `import items`, `export items`
// and the demo store, so the demo exercises the same validation as a real import.
import { parseMoney, parseRate, formatMoney, formatRate } from '../engine/money.js';
import type { Item } from '../engine/types.js';
import type { Store } from '../store/index.js';
import { Refusal } from './clock.js';
import { readCsv, writeCsv } from './csv.js';

export const ITEM_COLUMNS = ['code', 'barcode', 'description', 'price', 'taxRate'];
/** Tax rate of a new item whose row leaves taxRate out: the standard VAT rate of the default currency (R). */
export const STANDARD_TAX_RATE = 1500;

/** A row of the file: the columns it gave. An existing item keeps the fields of columns the file leaves out. */
export type ItemRow = Pick<Item, 'code' | 'description' | 'price'> & Partial<Pick<Item, 'barcode' | 'taxRate'>>;
const CODE = /^[A-Za-z0-9._\/-]{1,24}$/;
const BARCODE = /^[0-9A-Za-z]{0,32}$/;

export function parseItemsCsv(text: string, file: string): ItemRow[] {
  const rows = readCsv(text, file, ['code', 'description', 'price'], ['barcode', 'taxRate']);
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
    if (!CODE.test(code)) bad(`code "${code}" must be 1-24 letters, digits or . _ / -`);
    else if (codes.has(code)) bad(`code ${code} already given on line ${codes.get(code)}`);
    else codes.set(code, row.line);
    if (!BARCODE.test(barcode)) bad(`barcode "${barcode}" must be up to 32 letters or digits`);
    else if (barcode && barcodes.has(barcode)) bad(`barcode ${barcode} already given on line ${barcodes.get(barcode)}`);
    else if (barcode) barcodes.set(barcode, row.line);
    if (!description) bad('description is required');
    else if (description.length > 60) bad('description is longer than 60 characters');
    let price = 0;
    try {
      price = parseMoney(row.get('price'));
      if (price < 0) bad('price must not be negative');
    } catch (err) {
      bad(`price: ${(err as Error).message}`);
    }
    let taxRate: number | undefined;
    const rate = row.get('taxRate');
    if (rate !== '') {
      try {
        taxRate = parseRate(rate);
      } catch (err) {
        bad(`taxRate: ${(err as Error).message}`);
      }
    }
    const item: ItemRow = { code, description, price };
    if (row.has('barcode')) item.barcode = barcode;
    if (taxRate !== undefined) item.taxRate = taxRate;
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
    for (const item of incoming) {
      const at = byCode.get(item.code);
      if (at === undefined) {
        byCode.set(item.code, doc.items.length);
        doc.items.push({ barcode: '', taxRate: STANDARD_TAX_RATE, ...item });
        added++;
      } else {
        doc.items[at] = { ...doc.items[at]!, ...item };
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

export function itemsToCsv(items: Item[]): string {
  return writeCsv(
    ITEM_COLUMNS,
    items.map((i) => [i.code, i.barcode, i.description, formatMoney(i.price), formatRate(i.taxRate).replace('%', '')]),
  );
}
