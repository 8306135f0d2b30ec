// `tillpoint cashup float AMOUNT | x | z --count AMOUNT [--till T] [--json]`: the till's cash-up
// from the command line, through the till's own journal writer (the till must not be open in
// another process), as the Cash-up screens do it. The acting operator is `system` (SPEC section 7).
import { parseMoney } from '../../engine/money.js';
import { SYSTEM_OPERATOR } from '../../engine/roles.js';
import type { Store } from '../../store/index.js';
import { recordFloat, xReport, zReport, zSlipText } from '../../store/cashup/index.js';
import { renderCashupSlip } from '../../engine/cashup/slip.js';
import { onlyOptions, type Invocation } from '../args.js';
import { Refusal, UsageError } from '../clock.js';
import { openCliStore, tillId } from '../open-store.js';
import { openTill } from '../open-till.js';

const USAGE = 'usage: tillpoint cashup float AMOUNT | x | z --count AMOUNT [--till ID] [--json]';

function amountOf(text: string | undefined, what: string, decimals: number): number {
  if (text === undefined) throw new UsageError(`${what} is missing (${USAGE})`);
  try {
    return parseMoney(text, decimals);
  } catch (err) {
    throw new Refusal(`${what}: ${(err as Error).message}`);
  }
}

function print(json: boolean, value: unknown, text: string): void {
  process.stdout.write(json ? `${JSON.stringify(value)}\n` : text);
}

export async function cashupCommand(inv: Invocation, now: () => Date): Promise<number> {
  onlyOptions(inv, ['count']);
  const [action, ...rest] = inv.positionals;
  if (action !== 'float' && action !== 'x' && action !== 'z') throw new UsageError(USAGE);
  if (rest.length > (action === 'float' ? 1 : 0)) throw new UsageError(USAGE);
  if (action !== 'z' && inv.values.count !== undefined) throw new UsageError(`cashup ${action} does not take --count`);
  const json = inv.values.json === true;
  const till = tillId(inv);
  const { store } = await openCliStore(inv);
  try {
    store.setActor({ operator: SYSTEM_OPERATOR, till, now });
    const { currencyDecimals: decimals } = store.get('settings').company;
    if (action === 'x') return x(store, till, now, json);
    const amount = amountOf(action === 'float' ? rest[0] : inv.values.count, action === 'float' ? 'the opening float' : '--count', decimals);
    const session = openTill(store, { till, operator: SYSTEM_OPERATOR, now, durableOpenSale: false });
    try {
      const desk = session.cashupDesk();
      if (action === 'float') {
        const doc = recordFloat(store, desk, amount);
        print(json, doc, `Opening float ${rest[0]} recorded for till ${till} (${doc.number})\n`);
      } else {
        const doc = zReport(store, desk, { counted: amount });
        print(json, doc, zSlipText(doc, store.get('settings').company, 40));
      }
      return 0;
    } finally {
      session.close();
    }
  } finally {
    store.close();
  }
}

function x(store: Store, till: string, now: () => Date, json: boolean): number {
  const view = xReport(store, till, now());
  const company = store.get('settings').company;
  print(json, view, renderCashupSlip({ title: `X REPORT (before Z ${view.z}, ${view.day})`, till, operator: SYSTEM_OPERATOR, at: view.at, totals: view.totals }, company, 40));
  return 0;
}
