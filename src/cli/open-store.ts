import fs from 'node:fs';
import path from 'node:path';
import type { Invocation } from './args.js';
import { clockFromEnv, UsageError, type Clock } from './clock.js';
import { defaultDataDir } from './paths.js';
import { openStore, type Store } from '../store/index.js';
import { seedDemo } from './demo.js';
import { actAs } from './acting-operator.js';

const TILL_ID = /^[A-Za-z0-9_-]{1,16}$/;

export function tillId(inv: Invocation, env: NodeJS.ProcessEnv = process.env): string {
  // Till ids are upper case (they start every sale number): --till t1 is till T1.
  const till = (inv.values.till ?? env.TILLPOINT_TILL ?? 'T1').toUpperCase();
  if (!TILL_ID.test(till)) throw new UsageError(`--till must be 1-16 letters, digits, - or _ (got "${till}")`);
  return till;
}

/**
 * A missing --data folder becomes an empty store with working defaults; the embedded default
 * store (data/ beside tillpoint) is filled with the demo data the first time, so `npm start` on a
 * fresh clone opens a store that can sell.
 */
/** The store folder a command uses, and whether it is a store yet (settings.json exists). */
export function cliStoreDir(inv: Invocation): { dir: string; embedded: boolean; exists: boolean } {
  const chosen = inv.values.data ? { dir: path.resolve(inv.values.data), embedded: false } : defaultDataDir();
  return { ...chosen, exists: fs.existsSync(path.join(chosen.dir, 'settings.json')) };
}

export async function openCliStore(inv: Invocation, now: Clock = clockFromEnv(), o: { stderr?: () => boolean } = {}): Promise<{ store: Store; created: boolean }> {
  const chosen = cliStoreDir(inv);
  const created = !fs.existsSync(path.join(chosen.dir, 'settings.json'));
  const store = await openStore(chosen.dir, { create: true, ...(o.stderr ? { stderr: o.stderr } : {}) });
  // `now` (TILLPOINT_NOW when set) is when the demo debtors' loyalty is switched on.
  if (created && chosen.embedded) await seedDemo(store, now);
  try {
    await actAs(store, inv, now);
  } catch (err) {
    store.close();
    throw err;
  }
  return { store, created };
}
