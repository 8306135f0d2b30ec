// `tillpoint import KIND FILE.csv` and `tillpoint export KIND [--out FILE]` for items, debtors
// and contracts. One table of kinds so every kind reads, refuses and reports the same way.
import fs from 'node:fs';
import type { Store } from '../../store/index.js';
import { onlyOptions, positionalCount, type Invocation } from '../args.js';
import type { Clock } from '../clock.js';
import { Refusal, UsageError } from '../clock.js';
import { exportContracts, importContracts, parseContractsCsv } from '../contracts-csv.js';
import { exportDebtors, importDebtors, parseDebtorsCsv } from '../debtors-csv.js';
import { importItems, itemsToCsv, parseItemsCsv } from '../items-csv.js';
import { openCliStore } from '../open-store.js';

interface CsvKind {
  /** Checks the file's header and shape before the store is touched. */
  importFile(store: Store, text: string, file: string, now: Clock): Promise<{ added: number; updated: number; rows: number }>;
  exportFile(store: Store): string;
}

const KINDS: Record<string, CsvKind> = {
  items: {
    async importFile(store, text, file) {
      const rows = parseItemsCsv(text, file);
      return { ...(await importItems(store, rows, file)), rows: rows.length };
    },
    exportFile: (store) => itemsToCsv(store.get('items').items),
  },
  debtors: {
    async importFile(store, text, file, now) {
      const rows = parseDebtorsCsv(text, file);
      // One instant for the whole file: every debtor it switches on starts earning together.
      return { ...(await importDebtors(store, rows, file, now().toISOString())), rows: rows.length };
    },
    exportFile: exportDebtors,
  },
  contracts: {
    async importFile(store, text, file) {
      const rows = parseContractsCsv(text, file);
      return { ...(await importContracts(store, rows, file)), rows: rows.length };
    },
    exportFile: exportContracts,
  },
};

function kindOf(inv: Invocation): [string, CsvKind] {
  const name = inv.positionals[0] ?? '';
  const kind = KINDS[name];
  if (!kind) throw new UsageError(`tillpoint ${inv.command} knows: ${Object.keys(KINDS).join(', ')} (got "${name}")`);
  return [name, kind];
}

export async function importCommand(inv: Invocation, now: Clock): Promise<number> {
  onlyOptions(inv, []);
  positionalCount(inv, 2, 2, `${Object.keys(KINDS).join('|')} FILE.csv`);
  const [name, kind] = kindOf(inv);
  const file = inv.positionals[1]!;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new Refusal(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const { store } = await openCliStore(inv, now);
  try {
    const { rows, added, updated } = await kind.importFile(store, text, file, now);
    if (inv.values.json) process.stdout.write(`${JSON.stringify({ added, updated })}\n`);
    else process.stdout.write(`imported ${rows} ${name} from ${file}: ${added} added, ${updated} updated\n`);
    return 0;
  } finally {
    store.close();
  }
}

export async function exportCommand(inv: Invocation, now: Clock): Promise<number> {
  onlyOptions(inv, ['out']);
  positionalCount(inv, 1, 1, `${Object.keys(KINDS).join('|')} [--out FILE]`);
  const [, kind] = kindOf(inv);
  const { store } = await openCliStore(inv, now);
  try {
    const csv = kind.exportFile(store);
    if (inv.values.out) fs.writeFileSync(inv.values.out, csv);
    else process.stdout.write(csv);
    return 0;
  } finally {
    store.close();
  }
}
