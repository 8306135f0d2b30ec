// `tillpoint restore BACKUP [--json]`: restores what the backup's manifest says it holds, after
// checking every checksum: a Loyalty tables backup (Utilities > Data) into the store, or a
// whole-store backup (`tillpoint backup`) in place of the store folder. A kind this tillpoint
// does not know is refused (by the Loyalty tables reader, which names the kinds it knows).
import { formatMoney } from '../../engine/money.js';
import { readManifest } from '../../store/loyalty-tables/manifest.js';
import { restoreLoyaltyTables } from '../../store/loyalty-tables/restore.js';
import { manifestKind, STORE_BACKUP_KIND } from '../../store/store-backup/manifest.js';
import { restoreStore } from '../../store/store-backup/restore.js';
import { onlyOptions, positionalCount, type Invocation } from '../args.js';
import { Refusal, UsageError } from '../clock.js';
import { assertMay } from '../../store/operators/guard.js';
import { cliStoreDir, openCliStore } from '../open-store.js';

function restoreWholeStore(inv: Invocation, backup: string, now: () => Date): number {
  // The target is not opened as a store: its locks are taken one by one instead, and it may not exist yet.
  const r = restoreStore(backup, cliStoreDir(inv).dir, { now: now() });
  if (inv.values.json) {
    process.stdout.write(`${JSON.stringify({ kind: STORE_BACKUP_KIND, ...r })}\n`);
    return 0;
  }
  const marks = Object.entries(r.journals).map(([j, m]) => `  ${j}: up to seq ${m.lastSeq}\n`).join('');
  process.stdout.write(`Restored the store ${r.storeId} as it was at ${r.takenAt} into ${r.dir} (${r.files} files)\n${marks}`
    + (r.replacedBy ? `  the store it replaced is kept in ${r.replacedBy}\n` : ''));
  return 0;
}

export async function restoreCommand(inv: Invocation, now: () => Date): Promise<number> {
  onlyOptions(inv, []);
  positionalCount(inv, 1, 1, 'BACKUP [--json]');
  const backup = inv.positionals[0]!;
  if (manifestKind(backup) === STORE_BACKUP_KIND) {
    // The store being replaced is not opened, so there is nobody to check a PIN against.
    if (inv.values.operator !== undefined) throw new UsageError('a whole-store restore runs as the system operator: leave --operator out');
    return restoreWholeStore(inv, backup, now);
  }
  // A folder that is no backup (or of a kind unknown here) is refused as such, whatever the target.
  readManifest(backup);
  const chosen = cliStoreDir(inv);
  if (!chosen.exists) throw new Refusal(`there is no store in ${chosen.dir} to restore into`);
  const { store } = await openCliStore(inv);
  try {
    // Putting loyalty tables back undoes a Delete Loyalty tables: the same manager's right.
    assertMay(store, 'delete-loyalty-tables');
    const r = await restoreLoyaltyTables(store, backup, { now: now(), operator: store.actor.operator });
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
