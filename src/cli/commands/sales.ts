import { formatMoney } from '../../engine/money.js';
import { onlyOptions, positionalCount, type Invocation } from '../args.js';
import { refundJson, saleJson } from '../documents-json.js';
import { openCliStore } from '../open-store.js';

export async function salesCommand(inv: Invocation): Promise<number> {
  onlyOptions(inv, []);
  positionalCount(inv, 0, 0, '[--json]');
  const { store } = await openCliStore(inv);
  try {
    const { currencySymbol: symbol, currencyDecimals: decimals } = store.get('settings').company;
    const out = process.stdout;
    if (inv.values.json) out.write('[');
    let first = true;
    for (const rec of store.journals.scan()) {
      const doc = rec.doc;
      // Payments and loyalty documents of the back-office journal are not sales.
      if (doc.kind !== 'sale' && doc.kind !== 'refund') continue;
      if (inv.values.json) {
        out.write(`${first ? '' : ','}\n${JSON.stringify(doc.kind === 'sale' ? { kind: 'sale', ...saleJson(doc) } : { kind: 'refund', ...refundJson(doc) })}`);
      } else {
        const number = doc.kind === 'sale' ? doc.saleNumber : doc.refundNumber;
        const of = doc.kind === 'refund' ? ` of ${doc.saleNumber}` : '';
        const total = doc.kind === 'refund' ? -doc.total : doc.total;
        out.write(`${number.padEnd(14)} ${doc.kind.padEnd(6)} ${doc.completedAt}  ${formatMoney(total, { symbol, decimals }).padStart(12)}${of}\n`);
      }
      first = false;
    }
    if (inv.values.json) out.write(first ? ']\n' : '\n]\n');
    return 0;
  } finally {
    store.close();
  }
}
