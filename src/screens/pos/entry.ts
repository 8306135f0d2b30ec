// What the cashier typed or scanned into the ENTRY field, turned into a till command. Kept pure so
// the "3*code" and F4-quantity rules are tested without Ink.

/** Largest quantity a till line takes from the keyboard; a longer number is a mis-keyed barcode. */
export const MAX_ENTRY_QTY = 9999;

export type ScanEntry =
  | { kind: 'empty' }
  | { kind: 'scan'; code: string; qty: number | undefined }
  | { kind: 'error'; message: string };

/** Parses a whole positive quantity, or returns an error message that says what is allowed. */
export function parseQty(text: string): { qty: number } | { message: string } {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return { message: `Quantity must be a whole number from 1 to ${MAX_ENTRY_QTY} (got "${t}")` };
  const qty = Number(t);
  if (qty < 1 || qty > MAX_ENTRY_QTY) {
    return { message: `Quantity must be a whole number from 1 to ${MAX_ENTRY_QTY} (got "${t}")` };
  }
  return { qty };
}

/**
 * "6001000000011" -> scan with the pending quantity (set by F4, or none);
 * "3*6001000000011" -> scan 3. A "*" prefix wins over a pending quantity because it was typed last.
 */
export function parseScanEntry(text: string, pendingQty?: number): ScanEntry {
  const t = text.trim();
  if (t === '') return { kind: 'empty' };
  const star = t.indexOf('*');
  if (star < 0) return { kind: 'scan', code: t, qty: pendingQty };
  const code = t.slice(star + 1).trim();
  if (code === '') return { kind: 'error', message: 'Type or scan a code after the "*" (e.g. 3*6001000000011)' };
  const q = parseQty(t.slice(0, star));
  if ('message' in q) return { kind: 'error', message: q.message };
  return { kind: 'scan', code, qty: q.qty };
}
