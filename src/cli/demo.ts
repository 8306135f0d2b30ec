import fs from 'node:fs';
import path from 'node:path';
import type { Store } from '../store/index.js';
import { importItems, parseItemsCsv } from './items-csv.js';
import { demoDir } from './paths.js';

/** The demo store: the defaults of a new store plus demo items (read through the real import). */
export async function seedDemo(store: Store): Promise<void> {
  const file = path.join(demoDir(), 'items.csv');
  const items = parseItemsCsv(fs.readFileSync(file, 'utf8'), 'data/demo/items.csv');
  await importItems(store, items, file);
}
