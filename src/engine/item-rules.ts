// The rules of one item (Inventory), shared by `import items` (src/cli/items-csv.ts) and the
// Inventory screen (src/screens/inventory/), so a value one of them takes the other takes too.
// Each check says what is wrong without naming where the value came from: the CSV prefixes
// `line N: code "X" ...`, the screen `Code: ...`.
import { assert, ERR } from './errors.js';
import { parseMoney } from './money.js';
import { parseRate } from './rate.js';
import type { BasisPoints, Cents, Item } from './types.js';

/**
 * 1-24 letters, digits, dots, underscores or dashes. (The import once also allowed '/', which
 * items.json's schema refuses, so such a file failed only at the store; both now refuse it.)
 */
const CODE = /^[A-Za-z0-9._-]{1,24}$/;
const BARCODE = /^[0-9A-Za-z]{0,32}$/;

export const ITEM_CODE_RULE = '1-24 letters, digits or . _ -';
export const ITEM_BARCODE_RULE = 'up to 32 letters or digits';
export const ITEM_DESCRIPTION_MAX = 60;
/** Tax rate of a new item given none: the standard VAT rate of the default currency (R). */
export const STANDARD_TAX_RATE = 1500;

/** Null when the code is acceptable, else e.g. `must be 1-24 letters, digits or . _ -`. */
export function itemCodeProblem(code: string): string | null {
  return CODE.test(code.trim()) ? null : `must be ${ITEM_CODE_RULE}`;
}

/** An empty barcode is allowed (the item has none). */
export function itemBarcodeProblem(barcode: string): string | null {
  return BARCODE.test(barcode.trim()) ? null : `must be ${ITEM_BARCODE_RULE}`;
}

export function itemDescriptionProblem(description: string): string | null {
  const d = description.trim();
  if (d === '') return 'is required';
  if (d.length > ITEM_DESCRIPTION_MAX) return `is longer than ${ITEM_DESCRIPTION_MAX} characters`;
  return null;
}

/** Price including tax, e.g. "19.99" -> 1999. Throws an EngineError saying what is allowed. */
export function parseItemPrice(text: string): Cents {
  const price = parseMoney(text);
  // parseMoney already refuses a minus sign; kept in case it ever allows one by default.
  assert(price >= 0, ERR.BAD_PRICE, `Price must not be negative (got "${text}")`);
  return price;
}

/** "15" -> 1500; empty -> undefined (a new item gets STANDARD_TAX_RATE, an existing one keeps its rate). */
export function parseItemTaxRate(text: string): BasisPoints | undefined {
  return text.trim() === '' ? undefined : parseRate(text);
}

/** The rate an item ends up with for a tax rate cell or field (see parseItemTaxRate). */
export function resolveItemTaxRate(text: string, existing: Pick<Item, 'taxRate'> | undefined): BasisPoints {
  return parseItemTaxRate(text) ?? existing?.taxRate ?? STANDARD_TAX_RATE;
}

/**
 * An own Loyalty Percentage on an item that does not earn would be silently ignored at the till,
 * so it is refused: true when a percentage is given but loyalty is not applicable.
 */
export function loyaltyPercentWithoutLoyalty(percent: string, loyaltyApplicable: boolean): boolean {
  return percent.trim() !== '' && !loyaltyApplicable;
}

/** "7.5" -> 750 (0-100, at most 2 decimals); empty -> null (no own rate). Throws an EngineError. */
export function parseItemLoyaltyPercent(text: string): BasisPoints | null {
  return text.trim() === '' ? null : parseRate(text);
}

/** The other item that already has this barcode (empty barcodes never clash). */
export function barcodeOwner(items: readonly Item[], barcode: string, exceptCode: string): Item | undefined {
  if (barcode === '') return undefined;
  return items.find((i) => i.barcode === barcode && i.code !== exceptCode);
}
