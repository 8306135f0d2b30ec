import { formatMoney, parseMoney } from '../../engine/money.js';
import { openTill } from '../open-till.js';
import { onlyOptions, positionalCount, type Invocation } from '../args.js';
import { Refusal, UsageError } from '../clock.js';
import { saleJson } from '../documents-json.js';
import { openCliStore, tillId } from '../open-store.js';

/** `CODE[xQTY]`: a code that exists as written wins over the xQTY reading; a bad QTY is the engine's to refuse. */
export function itemSpec(spec: string, exists: (code: string) => boolean): { code: string; qty: number } {
  const m = /^(.+)x(-?\d+(?:\.\d+)?)$/.exec(spec);
  if (!m || exists(spec)) return { code: spec, qty: 1 };
  return { code: m[1]!, qty: Number(m[2]) };
}

function tenderSpec(spec: string): { tender: string; amount?: number } {
  const at = spec.indexOf(':');
  if (at < 0) return { tender: spec };
  const amountText = spec.slice(at + 1);
  try {
    return { tender: spec.slice(0, at), amount: parseMoney(amountText) };
  } catch (err) {
    throw new Refusal(`--tender ${spec}: ${(err as Error).message}`);
  }
}

export async function sellCommand(inv: Invocation, now: () => Date): Promise<number> {
  onlyOptions(inv, ['item', 'tender', 'debtor']);
  positionalCount(inv, 0, 0, '--item CODE[xQTY]... --tender T[:AMOUNT]... [--debtor CODE]');
  const items = inv.values.item ?? [];
  const tenders = inv.values.tender ?? [];
  if (!items.length) throw new UsageError('sell needs at least one --item CODE[xQTY]');
  if (!tenders.length) throw new UsageError('sell needs at least one --tender T[:AMOUNT]');
  const { store } = await openCliStore(inv);
  try {
    // The open sale stays in memory: a refused sell leaves nothing behind.
    const till = openTill(store, { till: tillId(inv), operator: store.actor.operator, now, durableOpenSale: false });
    try {
      // Attached first, as a cashier would: contract prices apply from the first scan.
      if (inv.values.debtor !== undefined) till.attachDebtor(inv.values.debtor);
      for (const spec of items) {
        const { code, qty } = itemSpec(spec, (c) => till.lookupItem(c) !== undefined);
        till.scan(code, qty);
      }
      let sale = null;
      for (const [i, spec] of tenders.entries()) {
        if (sale) throw new Refusal(`--tender ${spec}: the sale was already settled by the tender before it`);
        const { tender, amount } = tenderSpec(spec);
        sale = till.addTender(tender, amount);
        if (!sale && i === tenders.length - 1) {
          const due = till.getState().totals?.due ?? 0;
          const symbol = till.company().currencySymbol;
          throw new Refusal(`short tender: ${formatMoney(due, { symbol, decimals: till.company().currencyDecimals })} still due; nothing was recorded`);
        }
      }
      if (!sale) throw new Refusal('the sale was not settled; nothing was recorded');
      if (inv.values.json) process.stdout.write(`${JSON.stringify(saleJson(sale))}\n`);
      else process.stdout.write(till.slipText(sale, 40));
      return 0;
    } finally {
      till.close();
    }
  } finally {
    store.close();
  }
}
