import { openTill } from '../open-till.js';
import { onlyOptions, positionalCount, type Invocation } from '../args.js';
import { UsageError } from '../clock.js';
import { refundJson } from '../documents-json.js';
import { openCliStore, tillId } from '../open-store.js';

function lineSpec(spec: string): { lineNo: number; qty: number } {
  const m = /^(\d+)(?:x(\d+))?$/.exec(spec);
  if (!m) throw new UsageError(`--line takes N or NxQTY, e.g. 2 or 2x3 (got "${spec}")`);
  return { lineNo: Number(m[1]), qty: m[2] === undefined ? Number.NaN : Number(m[2]) };
}

export async function refundCommand(inv: Invocation, now: () => Date): Promise<number> {
  onlyOptions(inv, ['line', 'tender']);
  positionalCount(inv, 1, 1, 'SALE [--line N[xQTY]]... [--tender T]');
  const tenders = inv.values.tender ?? [];
  if (tenders.length > 1) throw new UsageError('refund pays back on one --tender');
  const { store } = await openCliStore(inv);
  try {
    const till = openTill(store, { till: tillId(inv), operator: store.actor.operator, now, durableOpenSale: false });
    try {
      const saleNumber = inv.positionals[0]!;
      const specs = (inv.values.line ?? []).map(lineSpec);
      let request: { lineNo: number; qty: number }[] | 'all' = 'all';
      if (specs.length) {
        // A bare line number returns what is left of that line.
        const { lines } = till.refundable(saleNumber);
        request = specs.map((s) => ({ lineNo: s.lineNo, qty: Number.isNaN(s.qty) ? (lines.find((l) => l.lineNo === s.lineNo)?.refundable ?? 0) : s.qty }));
      }
      const refund = till.refund(saleNumber, request, tenders[0]);
      if (inv.values.json) process.stdout.write(`${JSON.stringify(refundJson(refund))}\n`);
      else process.stdout.write(till.slipText(refund, 40));
      return 0;
    } finally {
      till.close();
    }
  } finally {
    store.close();
  }
}
