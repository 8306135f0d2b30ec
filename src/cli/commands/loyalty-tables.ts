// `tillpoint loyalty-tables backup [--out DIR] [--json]` and `tillpoint loyalty-tables list [--json]`:
// Backup Loyalty tables and the list of backups, as Utilities > Data shows them. Deleting the
// tables is left to the Delete screen, where the operator types the confirmation.
import { backupLoyaltyTables } from '../../store/loyalty-tables/backup.js';
import { listLoyaltyBackups } from '../../store/loyalty-tables/verify.js';
import { onlyOptions, type Invocation } from '../args.js';
import { Refusal, UsageError } from '../clock.js';
import { cliStoreDir, openCliStore } from '../open-store.js';

const USAGE = 'usage: tillpoint loyalty-tables backup [--out DIR] [--json] | tillpoint loyalty-tables list [--json]';

export async function loyaltyTablesCommand(inv: Invocation, now: () => Date): Promise<number> {
  const [action, ...rest] = inv.positionals;
  if ((action !== 'backup' && action !== 'list') || rest.length > 0) throw new UsageError(USAGE);
  onlyOptions(inv, action === 'backup' ? ['out'] : []);
  const chosen = cliStoreDir(inv);
  if (!chosen.exists) throw new Refusal(`there is no store in ${chosen.dir}`);
  const { store } = await openCliStore(inv);
  try {
    if (action === 'backup') {
      const { dir, manifest } = await backupLoyaltyTables(store, { now: now(), ...(inv.values.out ? { to: inv.values.out } : {}) });
      if (inv.values.json) process.stdout.write(`${JSON.stringify({ dir, manifest })}\n`);
      else process.stdout.write(`Backed up the Loyalty tables (epoch ${manifest.epoch.id}) to ${dir}\n${manifest.files.map((f) => `  ${f.name} ${f.bytes} bytes\n`).join('')}`);
      return 0;
    }
    const list = listLoyaltyBackups(store);
    if (inv.values.json) process.stdout.write(`${JSON.stringify(list)}\n`);
    else process.stdout.write(list.length === 0 ? 'No Loyalty tables backups yet\n'
      : list.map((b) => `${b.takenAt}  ${b.matchesCurrent ? 'current ' : 'outdated'}  epoch ${b.epochId}  ${b.dir}\n`).join(''));
    return 0;
  } finally {
    store.close();
  }
}
