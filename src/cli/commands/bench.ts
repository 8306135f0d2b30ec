// `tillpoint bench commit`: how long a sale commit takes on this PC's disk, measured through the
// same TillService the till uses. `npm run bench` calls it at several journal sizes.
import { openTill } from '../open-till.js';
import { onlyOptions, positionalCount, type Invocation } from '../args.js';
import { Refusal, UsageError } from '../clock.js';
import { cliStoreDir, openCliStore, tillId } from '../open-store.js';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

export async function benchCommand(inv: Invocation, now: () => Date): Promise<number> {
  onlyOptions(inv, ['samples', 'debtor', 'member', 'outage']);
  positionalCount(inv, 1, 1, 'commit|read|accrue|enquiry|slip --data SCRATCH [--samples N] [--debtor CODE] [--member NUMBER] [--outage]');
  const what = inv.positionals[0]!;
  if (!['commit', 'read', 'accrue', 'enquiry', 'slip'].includes(what)) throw new UsageError('tillpoint bench knows: commit, read, accrue, enquiry, slip');
  if (!inv.values.data) throw new UsageError(`bench ${what} may record real sales and postings: give a scratch store with --data`);
  const samples = Number(inv.values.samples ?? 200);
  if (!Number.isInteger(samples) || samples < 1) throw new UsageError('--samples must be a whole number');
  if (what === 'accrue') {
    // As `tillpoint accrue` runs it: the store opened only in the worker.
    const books = await import('./bench-books.js');
    process.stdout.write(`${JSON.stringify(await books.benchAccrue(cliStoreDir(inv).dir, now))}\n`);
    return 0;
  }
  const { store } = await openCliStore(inv);
  try {
    if (what === 'read' || what === 'enquiry') {
      const books = await import('./bench-books.js');
      const result = what === 'read' ? books.benchRead(store) : books.benchEnquiry(store, now, inv.values.debtor, samples);
      process.stdout.write(`${JSON.stringify(result)}\n`);
      return 0;
    }
    const openStarted = performance.now();
    const till = openTill(store, { till: tillId(inv), operator: 'system', now });
    const openMs = performance.now() - openStarted;
    try {
      if (what === 'slip') {
        const { benchSlip } = await import('./bench-slip.js');
        const member = inv.values.member;
        const r = await benchSlip(store, till, now, { samples, ...(member ? { member } : {}), outage: inv.values.outage === true });
        process.stdout.write(`${JSON.stringify(r)}
`);
        return 0;
      }
      const codes = store.get('items').items.slice(0, 3).map((i) => i.code);
      if (codes.length === 0) throw new Refusal('the scratch store has no items: run tillpoint init --demo on it first');
      const times: number[] = [];
      // With a debtor, the first attach opens the books (snapshot or scan): timed apart from commits.
      const attachStarted = performance.now();
      if (inv.values.debtor) till.attachDebtor(inv.values.debtor);
      const attachMs = performance.now() - attachStarted;
      for (let i = 0; i < samples; i++) {
        if (inv.values.debtor) till.attachDebtor(inv.values.debtor);
        for (const code of codes) till.scan(code);
        const started = performance.now();
        till.addTender('cash');
        times.push(performance.now() - started);
      }
      const sorted = [...times].sort((a, b) => a - b);
      const result = { samples, openMs, attachMs, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] };
      process.stdout.write(`${JSON.stringify(result)}\n`);
      return 0;
    } finally {
      till.close();
    }
  } finally {
    store.close();
  }
}
