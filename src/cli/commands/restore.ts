// `tillpoint restore BACKUP [--json]`: restores what the backup's manifest says it holds, after
// checking every checksum. Today that is a Loyalty tables backup (Utilities > Data); a whole-store
// backup is a later kind, and a kind this tillpoint does not know is refused.
import { formatMoney } from '../../engine/money.js';
import { restoreLoyaltyTables } from '../../store/loyalty-tables/restore.js';
import { onlyOptions, positionalCount, type Invocation } from '../args.js';
import { Refusal } from '../clock.js';
import { cliStoreDir, openCliStore } from '../open-store.js';

export async function restoreCommand(inv: Invocation, now: () => Date): Promise<number> {
  onlyOptions(inv, []);
  positionalCount(inv, 1, 1, 'BACKUP [--json]');
  const chosen = cliStoreDir(inv);
  if (!chosen.exists) throw new Refusal(`there is no store in ${chosen.dir} to restore into`);
  const { store } = await openCliStore(inv);
  try {
    const r = await restoreLoyaltyTables(store, inv.positionals[0]!, { now: now(), operator: 'system' });
    if (inv.values.json) {
      process.stdout.write(`${JSON.stringify({ kind: 'loyalty-tables', ...r })}\n`);
      return 0;
    }
    const { currencySymbol: symbol, currencyDecimals: decimals } = store.get('settings').company;
    process.stdout.write(`Restored the Loyalty tables of epoch ${r.epochId} (${r.document})\n`
      + `  write-offs reversed: ${r.reverses.length === 0 ? 'none' : `${r.reverses.join(', ')}, ${formatMoney(r.reversed, { symbol, decimals })} back on Loyalties Accrued`}\n`
      + `  upload records: ${r.uploadsRestored ? 'merged (the store\'s kept, lines it lacked added)' : 'none in the backup'}\n`);
    return 0;
  } finally {
    store.close();
  }
}
