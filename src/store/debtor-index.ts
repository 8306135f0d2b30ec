// Debtors by upper-cased code, rebuilt only when debtors.json changes: with 50,000 debtors a
// linear find per look-up would cost the till a millisecond several times per sale.
import type { Debtor, DebtorsDoc } from './documents-types.js';
import type { Store } from './store.js';

const indexes = new WeakMap<DebtorsDoc, Map<string, Debtor>>();

export function findDebtor(store: Store, code: string): Debtor | undefined {
  const doc = store.get('debtors');
  let ix = indexes.get(doc);
  if (!ix) {
    ix = new Map(doc.debtors.map((d) => [d.code.toUpperCase(), d]));
    indexes.set(doc, ix);
  }
  return ix.get(code.trim().toUpperCase());
}
