// How long the oldest Loyalty Plus call has waited, read from the files only (no outbox is opened:
// that takes the till's outbox lock and would start nothing here, but it writes its state file).
// As the outbox itself does: entries are rows of the till's journal records, acknowledged ones
// are in outbox/<TILL>.acks.jsonl, and outbox/<TILL>.state.json says where both may be skipped
// (trusted only when it checks out against the files, exactly as state.ts trusts it).
import fs from 'node:fs';
import path from 'node:path';
import { decodeAck } from '../integrations/loyaltyplus/outbox/ack-log.js';
import { outboxEntriesOf } from '../integrations/loyaltyplus/outbox/entries.js';
import type { OutboxState } from '../integrations/loyaltyplus/outbox/state.js';
import { DurableJsonFileSync } from '../store/durable-file.js';
import { decodeLine } from '../store/journal-format.js';
import { readLineAt, readLines } from '../store/journal-lines.js';
import { journalFiles, type JournalFile } from './journal-files.js';
import { ageText, fail, ok, warning, worst, type DoctorContext, type DoctorCheck, type Finding } from './types.js';

const HOUR = 60 * 60 * 1000;

interface TillOutbox { till: string; waiting: number; oldest: { id: string; sale: string; createdAt: string } | null; failed: number }

function trustedState(dir: string, j: JournalFile, fd: number, acksSize: number, acksFd: number | null): { from: number; acksFrom: number; failed: string[] } {
  let s: OutboxState | null = null;
  try {
    s = new DurableJsonFileSync<OutboxState>(path.join(dir, 'outbox', `${j.till}.state.json`), { warn: () => undefined, repair: false }).read();
  } catch { /* unreadable: start from the beginning, as the outbox would */ }
  const none = { from: 0, acksFrom: 0, failed: [] as string[] };
  if (!s || s.v !== 1 || s.till !== j.till || !Number.isSafeInteger(s.acksOffset) || !Array.isArray(s.failed)) return none;
  const failed = s.failed.map((f) => f.id);
  if (s.acksOffset > acksSize) return { ...none, failed };
  if (s.acksOffset > 0) {
    const b = Buffer.alloc(1);
    if (acksFd === null || fs.readSync(acksFd, b, 0, 1, s.acksOffset - 1) !== 1 || b[0] !== 0x0a) return { ...none, failed };
  }
  if (s.journal) {
    const line = readLineAt(fd, s.journal.start, s.journal.end);
    const d = line ? decodeLine(line, j.till, j.label) : null;
    if (!d?.ok || d.record.seq !== s.journal.seq) return { ...none, failed };
    return { from: s.journal.end, acksFrom: s.acksOffset, failed };
  }
  return { from: 0, acksFrom: s.acksOffset, failed };
}

async function tillOutbox(ctx: DoctorContext, j: JournalFile): Promise<TillOutbox> {
  const acksFile = path.join(ctx.dir, 'outbox', `${j.till}.acks.jsonl`);
  const acksFd = fs.existsSync(acksFile) ? fs.openSync(acksFile, 'r') : null;
  const fd = fs.openSync(j.file, 'r');
  try {
    const acksSize = acksFd === null ? 0 : fs.fstatSync(acksFd).size;
    const st = trustedState(ctx.dir, j, fd, acksSize, acksFd);
    const answered = new Set<string>();
    const failed = new Set(st.failed);
    if (acksFd !== null) {
      for (const line of readLines(acksFd, st.acksFrom, acksSize)) {
        const a = decodeAck(line.bytes);
        if (!a) continue;
        answered.add(a.id);
        if (a.result === 'failed') failed.add(a.id);
        else failed.delete(a.id);
      }
    }
    const out: TillOutbox = { till: j.till, waiting: 0, oldest: null, failed: failed.size };
    const size = fs.fstatSync(fd).size;
    let n = 0;
    for (const line of readLines(fd, st.from, size)) {
      const d = decodeLine(line.bytes, j.till, j.label);
      if (!d.ok) continue;
      for (const e of outboxEntriesOf(d.record.rows)) {
        if (answered.has(e.id)) continue;
        out.waiting += 1;
        if (!out.oldest || Date.parse(e.createdAt) < Date.parse(out.oldest.createdAt)) out.oldest = { id: e.id, sale: e.sale, createdAt: e.createdAt };
      }
      if (++n % 20_000 === 0) await ctx.yieldNow();
    }
    return out;
  } finally {
    fs.closeSync(fd);
    if (acksFd !== null) fs.closeSync(acksFd);
  }
}

function tillFinding(t: TillOutbox, nowMs: number): Finding {
  const failed = t.failed > 0 ? `, ${t.failed} refused for good (waiting for reconciliation)` : '';
  const screen = 'Utilities > Loyalty Plus Outbox';
  if (!t.oldest) {
    if (t.failed > 0) return warning(`till ${t.till}: nothing waiting${failed}`, `reconcile those calls with Loyalty Plus (${screen} lists them)`);
    return ok(`till ${t.till}: nothing waiting`);
  }
  const age = nowMs - Date.parse(t.oldest.createdAt);
  const what = `till ${t.till}: ${t.waiting} call(s) waiting, the oldest ${t.oldest.id} (sale ${t.oldest.sale}) for ${ageText(age)}${failed}`;
  if (age > 24 * HOUR) return fail(`${what}: past 24 h it is flagged for reconciliation`, `fix the web service connection (see that check; the till retries by itself while it runs), then reconcile the flagged sales with Loyalty Plus (${screen})`);
  if (age > HOUR) return warning(what, `check the web service (see that check); the till sends them by itself once it is reachable (${screen}: F8 retries now)`);
  return ok(what);
}

export const outboxCheck: DoctorCheck = {
  id: 'outbox',
  title: 'Loyalty Plus outbox age',
  async run(ctx): Promise<Finding> {
    const tills: TillOutbox[] = [];
    for (const j of journalFiles(ctx.dir)) {
      const t = await tillOutbox(ctx, j);
      if (t.waiting > 0 || t.failed > 0) tills.push(t);
    }
    if (tills.length === 0) return ok('no Loyalty Plus call is waiting');
    return worst(tills.map((t) => tillFinding(t, ctx.now().getTime())), '');
  },
};
