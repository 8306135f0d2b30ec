// `tillpoint backup [--to DIR] [--json]`: a whole-store backup, taken while tills go on selling
// (journals by length, documents under the store lock; src/store/store-backup). `--out DIR` is
// accepted too, as `loyalty-tables backup` spells it. Prints no file contents (settings hold secrets).
import { backupStore } from '../../store/store-backup/backup.js';
import { onlyOptions, positionalCount, type Invocation } from '../args.js';
import { Refusal, UsageError } from '../clock.js';
import { cliStoreDir, openCliStore } from '../open-store.js';

export async function backupCommand(inv: Invocation, now: () => Date): Promise<number> {
  onlyOptions(inv, ['out', 'to']);
  positionalCount(inv, 0, 0, '[--to DIR] [--json]');
  const to = inv.values.to;
  if (to !== undefined && inv.values.out !== undefined) throw new UsageError('give the backup folder once: --to DIR');
  const chosen = cliStoreDir(inv);
  if (!chosen.exists) throw new Refusal(`there is no store in ${chosen.dir} to back up`);
  const { store } = await openCliStore(inv);
  try {
    const dest = to ?? inv.values.out;
    const { dir, manifest } = await backupStore(store, { now: now(), ...(dest ? { to: dest } : {}) });
    if (inv.values.json) {
      process.stdout.write(`${JSON.stringify({ dir, manifest })}\n`);
      return 0;
    }
    const bytes = manifest.files.reduce((s, f) => s + f.bytes, 0);
    const marks = Object.entries(manifest.journals).map(([j, m]) => `  ${j}: up to seq ${m.lastSeq} (${m.bytes} bytes)\n`).join('');
    process.stdout.write(`Backed up the store ${manifest.storeId} to ${dir}\n  ${manifest.files.length} files, ${bytes} bytes\n${marks}`);
    return 0;
  } finally {
    store.close();
  }
}
