// Accrue Loyalties through the worker of the built bundle (dist/accrual-job.js): the same result
// as in this thread, progress streamed back, and a run that outgrows its heap budget rerun
// without it (accrual is idempotent, so nothing is posted twice).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { accrueInWorker } from '../../src/jobs/accrual.js';
import { ROOT } from '../e2e/tmux.js';
import { books, debtor } from '../books/setup.js';

const JOB = path.join(ROOT, 'dist', 'accrual-job.js');
const REQ = { kinds: ['monthly-journal' as const, 'monthly-payment' as const], zeroUnused: false, operator: 'test' };

async function store() {
  const b = await books([debtor('J1', 'monthly-journal'), debtor('P1', 'monthly-payment')]);
  b.sell('J1', 300); // 300.00 at 2.5 %: 7.50
  b.sell('P1', 600); // 15.00
  b.setNow('2026-06-01T08:00:00Z');
  return b;
}

describe('accrual in a worker thread', () => {
  it('posts what an in-thread run posts and reports progress', async () => {
    const b = await store();
    const seen: number[] = [];
    const r = await accrueInWorker(b.store, () => new Date('2026-06-01T08:00:00Z'), REQ, { file: JOB, onProgress: (p) => seen.push(p.done) });
    expect(r).toMatchObject({ considered: 2, debtors: 2, posted: 2250, journalCredited: 750 });
    expect(seen.at(-1)).toBe(2);
    // The worker wrote to the journals; this thread's books read it from there.
    expect(b.bo.enquiry('P1').balances).toMatchObject({ accrued: 1500, available: 1500 });
    expect(b.bo.account('J1').balance).toBe(-750);
  });

  it('reruns without the heap budget when the worker runs out of it, posting once', async () => {
    const b = await store();
    const warnings: string[] = [];
    const folder = { dir: b.store.dir, warn: (m: string) => warnings.push(m) };
    const r = await accrueInWorker(folder, () => new Date('2026-06-01T08:00:00Z'), REQ,
      { file: JOB, heap: { maxOldGenerationSizeMb: 1, maxYoungGenerationSizeMb: 1 } });
    expect(warnings.join('\n')).toMatch(/needed more than 1 MB; running it again without that limit/);
    expect(r).toMatchObject({ posted: 2250, journalCredited: 750 });
    expect(b.bo.enquiry('P1').balances).toMatchObject({ accrued: 1500, available: 1500 });
    expect(b.bo.trialBalance().balanced).toBe(true);
  });
});
