// The Item file as form fields (tabs General | Extra), and the form -> items.json change. Every
// check is the one `import items` runs (engine/item-rules.ts), so the screen and the import take
// and refuse the same values; the kit's money and rate kinds use the same parseMoney/parseRate.
import { isEngineError } from '../../engine/errors.js';
import {
  ITEM_CODE_RULE, barcodeOwner, itemBarcodeProblem, itemCodeProblem, itemDescriptionProblem, loyaltyPercentWithoutLoyalty,
  parseItemLoyaltyPercent, parseItemPrice, parseItemTaxRate, resolveItemTaxRate, STANDARD_TAX_RATE,
} from '../../engine/item-rules.js';
import { formatMoney, formatRate } from '../../engine/money.js';
import type { BasisPoints, Cents, Item } from '../../engine/types.js';
import type { ItemsDoc } from '../../store/documents-types.js';
import type { FieldDef, FormValues } from '../forms/field-types.js';
import { FLAG_OFF, FLAG_ON } from '../forms/field-types.js';

export const GENERAL_TAB = 'General';
export const EXTRA_TAB = 'Extra';

export const ITEM_LABELS = {
  code: 'Code',
  barcode: 'Barcode',
  description: 'Description',
  price: 'Price incl. tax',
  taxRate: 'Tax rate',
  loyalty: 'Loyalty applicable',
  loyaltyPercent: 'Loyalty Percentage',
} as const;

export const CODE_MESSAGE = `${ITEM_LABELS.code}: must be ${ITEM_CODE_RULE}`;

/** "15%" without the sign, as the field and the CSV show a rate: 1500 -> "15", 250 -> "2.5". */
export function rateText(bp: BasisPoints): string {
  return formatRate(bp).replace('%', '');
}

function engineMessage(label: string, run: () => unknown): string | null {
  try {
    run();
    return null;
  } catch (e) {
    if (isEngineError(e)) return `${label}: ${e.message}`;
    throw e;
  }
}

export function codeMessage(code: string, items: readonly Item[]): string | null {
  const c = code.trim();
  const problem = itemCodeProblem(c);
  if (problem !== null) return `${ITEM_LABELS.code}: ${problem}`;
  if (items.some((i) => i.code === c)) return `${ITEM_LABELS.code}: item ${c} already exists; choose another code`;
  return null;
}

/** Barcodes are unique across items (empty = none): a taken one names the item that has it. */
export function barcodeMessage(barcode: string, code: string, items: readonly Item[]): string | null {
  const b = barcode.trim();
  const problem = itemBarcodeProblem(b);
  if (problem !== null) return `${ITEM_LABELS.barcode}: ${problem}`;
  const owner = barcodeOwner(items, b, code.trim());
  return owner === undefined ? null : `${ITEM_LABELS.barcode}: ${b} already belongs to item ${owner.code}`;
}

export function loyaltyPercentMessage(percent: string, loyaltyFlag: string): string | null {
  if (loyaltyPercentWithoutLoyalty(percent, loyaltyFlag === FLAG_ON)) {
    // The focus stays here while refused, so the message says both ways out (under 78 columns).
    return `${ITEM_LABELS.loyaltyPercent}: set ${ITEM_LABELS.loyalty} to Yes first, or leave this empty`;
  }
  return engineMessage(ITEM_LABELS.loyaltyPercent, () => parseItemLoyaltyPercent(percent));
}

export interface ItemFormContext {
  /** The item being edited, or null when adding one. */
  editing: Item | null;
  /** The items now (read when a field is checked, so another terminal's save is seen). */
  items(): readonly Item[];
}

export function itemFields(ctx: ItemFormContext): FieldDef[] {
  const others = (): Item[] => ctx.items().filter((i) => i.code !== ctx.editing?.code);
  return [
    {
      // No maxLength or required: the shared rule says all of it, as the import does.
      key: 'code', label: ITEM_LABELS.code, kind: 'text', tab: GENERAL_TAB,
      // Sales, refunds and contracts refer to the code, so it is fixed once the item exists.
      readOnly: ctx.editing !== null,
      validate: (v) => codeMessage(v, others()),
    },
    {
      key: 'barcode', label: ITEM_LABELS.barcode, kind: 'text', tab: GENERAL_TAB,
      validate: (v, all) => barcodeMessage(v, ctx.editing?.code ?? all.code ?? '', ctx.items()),
    },
    {
      key: 'description', label: ITEM_LABELS.description, kind: 'text', tab: GENERAL_TAB,
      validate: (v) => {
        const problem = itemDescriptionProblem(v);
        return problem === null ? null : `${ITEM_LABELS.description} ${problem}`;
      },
    },
    {
      key: 'price', label: ITEM_LABELS.price, kind: 'money', tab: GENERAL_TAB,
      // An empty price reaches the rule too (no `required`): it says what to enter.
      validate: (v) => engineMessage(ITEM_LABELS.price, () => parseItemPrice(v)),
    },
    {
      // Left empty: the standard rate for a new item, the rate it had for an existing one (as the import).
      key: 'taxRate', label: ITEM_LABELS.taxRate, kind: 'rate', tab: GENERAL_TAB,
      validate: (v) => engineMessage(ITEM_LABELS.taxRate, () => parseItemTaxRate(v)),
    },
    { key: 'loyalty', label: ITEM_LABELS.loyalty, kind: 'flag', tab: EXTRA_TAB },
    {
      key: 'loyaltyPercent', label: ITEM_LABELS.loyaltyPercent, kind: 'rate', tab: EXTRA_TAB,
      validate: (v, all) => loyaltyPercentMessage(v, all.loyalty ?? FLAG_OFF),
    },
  ];
}

export function itemValues(item: Item | null): FormValues {
  if (item === null) {
    return { code: '', barcode: '', description: '', price: '', taxRate: rateText(STANDARD_TAX_RATE), loyalty: FLAG_OFF, loyaltyPercent: '' };
  }
  const own = item.loyalty?.loyaltyRate;
  return {
    code: item.code,
    barcode: item.barcode,
    description: item.description,
    price: formatMoney(item.price),
    taxRate: rateText(item.taxRate),
    loyalty: item.loyalty?.loyaltyApplicable === true ? FLAG_ON : FLAG_OFF,
    loyaltyPercent: own === undefined ? '' : rateText(own),
  };
}

/** What the form says about one item, parsed; applyItem merges it into items.json. */
export interface ItemEdit {
  code: string;
  barcode: string;
  description: string;
  price: Cents;
  /** The tax rate field as typed: empty keeps the rate on disk (standard for a new item). */
  taxRate: string;
  loyaltyApplicable: boolean;
  /** The item's own Loyalty Percentage; null when it has none. */
  loyaltyRate: BasisPoints | null;
}

export function itemEditFromValues(v: FormValues): ItemEdit {
  const loyaltyApplicable = v.loyalty === FLAG_ON;
  return {
    code: (v.code ?? '').trim(),
    barcode: (v.barcode ?? '').trim(),
    description: (v.description ?? '').trim(),
    price: parseItemPrice(v.price ?? ''),
    taxRate: v.taxRate ?? '',
    loyaltyApplicable,
    loyaltyRate: loyaltyApplicable ? parseItemLoyaltyPercent(v.loyaltyPercent ?? '') : null,
  };
}

/**
 * Writes one item into a freshly re-read items.json (the caller holds the store lock). Adding
 * re-checks the code, and both re-check the barcode against what is on disk now, because another
 * terminal may have taken either since the form opened; the messages name the field.
 * Editing keeps the fields the form does not show (a later version's, say) and the list's order.
 */
export function applyItem(draft: ItemsDoc, edit: ItemEdit, adding: boolean): Item {
  const at = draft.items.findIndex((i) => i.code === edit.code);
  if (adding && at >= 0) throw new Error(`${ITEM_LABELS.code}: item ${edit.code} already exists; choose another code`);
  if (!adding && at < 0) throw new Error(`Item ${edit.code} no longer exists (deleted in another terminal?)`);
  const owner = barcodeOwner(draft.items, edit.barcode, edit.code);
  if (owner !== undefined) throw new Error(`${ITEM_LABELS.barcode}: ${edit.barcode} already belongs to item ${owner.code}`);
  const current = adding ? undefined : draft.items[at];
  const item: Item = {
    ...current,
    code: edit.code,
    barcode: edit.barcode,
    description: edit.description,
    price: edit.price,
    taxRate: resolveItemTaxRate(edit.taxRate, current),
  };
  if (edit.loyaltyApplicable) {
    item.loyalty = { loyaltyApplicable: true, ...(edit.loyaltyRate === null ? {} : { loyaltyRate: edit.loyaltyRate }) };
  } else if (current?.loyalty !== undefined) {
    item.loyalty = { loyaltyApplicable: false };
  } else {
    // Never set, still off: no Extra settings, so an export stays the file it was before loyalty.
    delete item.loyalty;
  }
  if (adding) draft.items.push(item);
  else draft.items[at] = item;
  return item;
}
