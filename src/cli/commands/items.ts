import fs from 'node:fs';
import { onlyOptions, positionalCount, type Invocation } from '../args.js';
import { Refusal, UsageError } from '../clock.js';
import { importItems, itemsToCsv, parseItemsCsv } from '../items-csv.js';
import { openCliStore } from '../open-store.js';

function entity(inv: Invocation): string {
  const what = inv.positionals[0];
  if (what !== 'items') throw new UsageError(`tillpoint ${inv.command} knows: items (got "${what ?? ''}")`);
  return what;
}

export async function importCommand(inv: Invocation): Promise<number> {
  onlyOptions(inv, []);
  positionalCount(inv, 2, 2, 'items FILE.csv');
  entity(inv);
  const file = inv.positionals[1]!;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new Refusal(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const { store } = await openCliStore(inv);
  try {
    const items = parseItemsCsv(text, file);
    const result = await importItems(store, items, file);
    if (inv.values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
    else process.stdout.write(`imported ${items.length} items from ${file}: ${result.added} added, ${result.updated} updated\n`);
    return 0;
  } finally {
    store.close();
  }
}

export async function exportCommand(inv: Invocation): Promise<number> {
  onlyOptions(inv, ['out']);
  positionalCount(inv, 1, 1, 'items [--out FILE]');
  entity(inv);
  const { store } = await openCliStore(inv);
  try {
    const csv = itemsToCsv(store.get('items').items);
    if (inv.values.out) fs.writeFileSync(inv.values.out, csv);
    else process.stdout.write(csv);
    return 0;
  } finally {
    store.close();
  }
}
