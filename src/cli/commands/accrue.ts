// `tillpoint accrue [--kinds monthly-journal,...] [--zero-unused] [--json]`: one Accrue Loyalties
// run, exactly as the Loyalties menu and the scheduled job run it. Safe to repeat: a second run
// in the same period posts nothing.
import { LOYALTY_APPLICABLE, type LoyaltyApplicable } from '../../engine/loyalty/index.js';
import { formatMoney } from '../../engine/money.js';
import { accrueInWorker } from '../../jobs/accrual.js';
import { onlyOptions, positionalCount, type Invocation } from '../args.js';
import { UsageError } from '../clock.js';
import { cliStoreDir, openCliStore } from '../open-store.js';

const KINDS: readonly LoyaltyApplicable[] = LOYALTY_APPLICABLE.filter((k) => k !== 'no');

function kindsOf(text: string | undefined): LoyaltyApplicable[] {
  if (text === undefined) return [...KINDS];
  const kinds = text.split(',').map((k) => k.trim()).filter(Boolean);
  const bad = kinds.filter((k) => !KINDS.includes(k as LoyaltyApplicable));
  if (kinds.length === 0 || bad.length > 0) {
    throw new UsageError(`--kinds: ${bad.length > 0 ? `"${bad.join('", "')}" not known` : 'empty'}; use a comma-separated list of ${KINDS.join(', ')}`);
  }
  return kinds as LoyaltyApplicable[];
}

export async function accrueCommand(inv: Invocation, now: () => Date): Promise<number> {
  onlyOptions(inv, ['kinds', 'zero-unused']);
  positionalCount(inv, 0, 0, '[--kinds KIND,...] [--zero-unused] [--json]');
  const kinds = kindsOf(inv.values.kinds);
  // The run opens the store in a worker thread with a heap budget, exactly as the till's nightly
  // job does; holding it open here as well would cost its memory twice. Only a folder that is not
  // a store yet is opened here first (to create it, with the demo data for the embedded one).
  const chosen = cliStoreDir(inv);
  // The store is opened here first only to create a missing one, or to check --operator's PIN.
  let operator = 'system';
  if (!chosen.exists || inv.values.operator !== undefined) {
    const { store } = await openCliStore(inv);
    operator = store.actor.operator;
    store.close();
  }
  const folder = { dir: chosen.dir, warn: (m: string) => process.stderr.write(`tillpoint: ${m}\n`) };
  const result = await accrueInWorker(folder, now, { kinds, zeroUnused: inv.values['zero-unused'] === true, operator });
  if (inv.values.json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return 0;
  }
  const { store } = await openCliStore(inv);
  const { currencySymbol: symbol, currencyDecimals: decimals } = store.get('settings').company;
  store.close();
  const m = (c: number) => formatMoney(c, { symbol, decimals });
  process.stdout.write(`Accrue Loyalties ${result.runId}: ${result.considered} debtor(s) considered, ${result.debtors} with movements\n`
    + `  posted ${m(result.posted)}, journal credited ${m(result.journalCredited)}, zeroed ${m(result.zeroed)}\n`
    + `  documents: ${result.documents.length === 0 ? 'none (nothing to post)' : result.documents.join(', ')}\n`);
  return 0;
}
