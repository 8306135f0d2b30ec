// Item look-up for the till: a scan or typed code must resolve in O(1) whatever the inventory size.
import type { Item } from './types.js';

export interface ItemIndex {
  /** Exact code first, then exact barcode, then code ignoring case; undefined when none. */
  lookup(codeOrBarcode: string): Item | undefined;
  /** Items whose description or code contains every word of the query (any case), by description. */
  find(query: string, limit: number): Item[];
  readonly size: number;
}

function byDescription(a: Item, b: Item): number {
  const x = a.description.toLowerCase();
  const y = b.description.toLowerCase();
  if (x !== y) return x < y ? -1 : 1;
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

export function indexItems(items: readonly Item[]): ItemIndex {
  const byCode = new Map<string, Item>();
  const byBarcode = new Map<string, Item>();
  const byUpperCode = new Map<string, Item>();
  for (const item of items) {
    // First wins on duplicates, so a later bad import row cannot shadow a working item.
    if (!byCode.has(item.code)) byCode.set(item.code, item);
    if (item.barcode !== '' && !byBarcode.has(item.barcode)) byBarcode.set(item.barcode, item);
    const upper = item.code.toUpperCase();
    if (!byUpperCode.has(upper)) byUpperCode.set(upper, item);
  }
  const sorted = [...items].sort(byDescription);
  const haystacks = sorted.map((item) => ({ item, text: `${item.description}\n${item.code}`.toLowerCase() }));

  return {
    size: items.length,
    lookup(codeOrBarcode) {
      const key = codeOrBarcode.trim();
      if (key === '') return undefined;
      return byCode.get(key) ?? byBarcode.get(key) ?? byUpperCode.get(key.toUpperCase());
    },
    find(query, limit) {
      if (!(limit > 0)) return [];
      const words = query.toLowerCase().split(/\s+/).filter((w) => w !== '');
      const found: Item[] = [];
      for (const { item, text } of haystacks) {
        if (words.every((w) => text.includes(w))) {
          found.push(item);
          if (found.length >= limit) break;
        }
      }
      return found;
    },
  };
}
