import { onlyOptions, positionalCount, type Invocation } from '../args.js';
import type { Clock } from '../clock.js';
import { seedDemo } from '../demo.js';
import { openCliStore } from '../open-store.js';

export async function initCommand(inv: Invocation, now: Clock): Promise<number> {
  onlyOptions(inv, ['demo']);
  positionalCount(inv, 0, 0, '[--demo] [--data DIR]');
  const { store, created } = await openCliStore(inv, now);
  try {
    if (inv.values.demo) await seedDemo(store, now);
    const what = inv.values.demo ? ' with the demo data' : '';
    process.stderr.write(`tillpoint: ${created ? 'created' : 'opened'} the store in ${store.dir}${what}\n`);
    if (inv.values.json) process.stdout.write(`${JSON.stringify({ dir: store.dir, created, demo: !!inv.values.demo })}\n`);
    return 0;
  } finally {
    store.close();
  }
}
