// `tillpoint upload [--json]`: one Loyalty Plus sales upload run now, in this process, exactly as
// the scheduled event IQEvent_LoyaltyPlus_Sales runs it (no schedules here). Safe to repeat:
// what is already on the server is never sent again.
import { runUploads } from '../../integrations/loyaltyplus/uploads/run.js';
import type { UploadOutcome } from '../../integrations/loyaltyplus/uploads/types.js';
import { onlyOptions, positionalCount, type Invocation } from '../args.js';
import { Refusal } from '../clock.js';
import { openCliStore } from '../open-store.js';

function summaryJson(r: UploadOutcome) {
  return { batches: r.batches, sales: r.sales, bytes: r.bytes, foundOnServer: r.foundOnServer, retries: r.retries, tills: r.tills };
}

function summaryText(r: UploadOutcome): string {
  if (r.batches === 0) return 'Loyalty Plus uploads: nothing new to upload\n';
  const found = r.foundOnServer > 0 ? `, ${r.foundOnServer} already on the server from an earlier run` : '';
  const lines = [`Loyalty Plus uploads: ${r.batches} file(s), ${r.sales} sale(s) and refund(s), ${r.bytes} bytes${found}`];
  for (const t of r.tills) lines.push(`  ${t.till}: ${t.batches} file(s), ${t.sales} sale(s): ${t.files.join(', ')}`);
  return `${lines.join('\n')}\n`;
}

export async function uploadCommand(inv: Invocation, now: () => Date): Promise<number> {
  onlyOptions(inv, []);
  positionalCount(inv, 0, 0, '[--json] [--data DIR]');
  const { store } = await openCliStore(inv);
  try {
    const tty = process.stderr.isTTY === true;
    const r = await runUploads(store, {
      now,
      ...(tty ? { progress: (done: number, total: number, note?: string) => process.stderr.write(`\rtillpoint: uploading ${done}/${total} bytes ${note ?? ''}\x1b[K`) } : {}),
    });
    if (tty) process.stderr.write('\r\x1b[K');
    if (!r.ok) {
      const sent = r.batches > 0 ? [`${r.batches} file(s) with ${r.sales} sale(s) were sent before that`] : [];
      throw new Refusal(r.message, [r.message, ...sent]);
    }
    process.stdout.write(inv.values.json ? `${JSON.stringify(summaryJson(r))}\n` : summaryText(r));
    return 0;
  } finally {
    store.close();
  }
}
