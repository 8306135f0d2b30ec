// `tillpoint bench read|accrue|enquiry --data SCRATCH`: the loyalty figures of `npm run bench`,
// each timed inside one process and reported with that process's peak memory (VmHWM, worker
// threads included). read is the baseline: merely reading every sale of the journals.
import fs from 'node:fs';
import { backOffice } from '../../store/back-office.js';
import { accrueInWorker } from '../../jobs/accrual.js';
import { LoyaltyBook } from '../../store/loyalty-book.js';
import { LOYALTY_APPLICABLE } from '../../engine/loyalty/index.js';
import type { Store } from '../../store/index.js';
import { Refusal } from '../clock.js';

/**
 * VmHWM, the peak of this process's own address space (worker threads included). Not maxRSS:
 * Linux carries that over fork and exec, so a child started by a big parent reports the parent's size.
 */
function peakMb(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : process.resourceUsage().maxRSS / 1024;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

export function benchRead(store: Store): object {
  const t = performance.now();
  let records = 0;
  let cents = 0;
  for (const rec of store.journals.scan()) {
    records++;
    if (rec.doc.kind === 'sale') cents += rec.doc.total;
  }
  return { records, cents, ms: performance.now() - t, peakMb: peakMb() };
}

export async function benchAccrue(dir: string, now: () => Date): Promise<object> {
  const t = performance.now();
  const result = await accrueInWorker({ dir, warn: (m) => process.stderr.write(`tillpoint: ${m}\n`) }, now, { kinds: LOYALTY_APPLICABLE.filter((k) => k !== 'no'), zeroUnused: false, operator: 'bench' });
  return { ...result, documents: result.documents.length, ms: performance.now() - t, peakMb: peakMb() };
}

export function benchEnquiry(store: Store, now: () => Date, debtor: string | undefined, samples: number): object {
  if (!debtor) throw new Refusal('bench enquiry needs --debtor CODE');
  const bo = backOffice(store, now);
  const opened = performance.now();
  LoyaltyBook.of(store);
  const openMs = performance.now() - opened;
  const times: number[] = [];
  let rows = 0;
  for (let i = 0; i < samples; i++) {
    const t = performance.now();
    rows = bo.enquiry(debtor).rows.length;
    times.push(performance.now() - t);
  }
  const sorted = times.sort((a, b) => a - b);
  return { samples, rows, openMs, p50: percentile(sorted, 50), p99: percentile(sorted, 99), peakMb: peakMb() };
}
