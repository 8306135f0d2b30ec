// Loyalty Plus calls waiting and refused for good, read from the files only, as `tillpoint
// doctor` reads them: no outbox is opened (that takes the till's outbox lock and writes its
// state file). Entries are rows of the till's journal records; acknowledged ones are in
// outbox/<TILL>.acks.jsonl; outbox/<TILL>.state.json says where both may be skipped, trusted only
// when it checks out against the files (as state.ts trusts it).
import fs from 'node:fs';
import path from 'node:path';
import { decodeAck } from '../integrations/loyaltyplus/outbox/ack-log.js';
import { outboxEntriesOf } from '../integrations/loyaltyplus/outbox/entries.js';
import type { FailedEntry, OutboxState } from '../integrations/loyaltyplus/outbox/state.js';
import { DurableJsonFileSync } from '../store/durable-file.js';
import { decodeLine } from '../store/journal-format.js';
import { readLineAt, readLines } from '../store/journal-lines.js';
import type { Report, Row } from './types.js';

interface Start { from: number; acksFrom: number; failed: FailedEntry[] }

function trustedStart(dir: string, till: string, fd: number, acksFd: number | null, acksSize: number): Start {
  let s: OutboxState | null = null;
  try {
    s = new DurableJsonFileSync<OutboxState>(path.join(dir, 'outbox', `${till}.state.json`), { warn: () => undefined, repair: false }).read();
  } catch { /* unreadable: from the start, as the outbox would */ }
  if (!s || s.v !== 1 || s.till !== till || !Number.isSafeInteger(s.acksOffset) || !Array.isArray(s.failed)) return { from: 0, acksFrom: 0, failed: [] };
  const failed = s.failed;
  const none = { from: 0, acksFrom: 0, failed };
  if (s.acksOffset > acksSize) return none;
  if (s.acksOffset > 0) {
    const b = Buffer.alloc(1);
    if (acksFd === null || fs.readSync(acksFd, b, 0, 1, s.acksOffset - 1) !== 1 || b[0] !== 0x0a) return none;
  }
  if (!s.journal) return { from: 0, acksFrom: s.acksOffset, failed };
  const line = readLineAt(fd, s.journal.start, s.journal.end);
  const d = line ? decodeLine(line, till, `journals/${till}.jsonl`) : null;
  if (!d?.ok || d.record.seq !== s.journal.seq) return none;
  return { from: s.journal.end, acksFrom: s.acksOffset, failed };
}

function tillRows(dir: string, till: string): Row[] {
  const acksFile = path.join(dir, 'outbox', `${till}.acks.jsonl`);
  const acksFd = fs.existsSync(acksFile) ? fs.openSync(acksFile, 'r') : null;
  const fd = fs.openSync(path.join(dir, 'journals', `${till}.jsonl`), 'r');
  try {
    const acksSize = acksFd === null ? 0 : fs.fstatSync(acksFd).size;
    const st = trustedStart(dir, till, fd, acksFd, acksSize);
    const answered = new Set<string>();
    const failed = new Map(st.failed.map((f) => [f.id, f]));
    if (acksFd !== null) {
      for (const line of readLines(acksFd, st.acksFrom, acksSize)) {
        const a = decodeAck(line.bytes);
        if (!a) continue;
        answered.add(a.id);
        if (a.result === 'failed') {
          failed.set(a.id, { id: a.id, op: a.op ?? 'earn', sale: a.sale ?? '', createdAt: a.createdAt ?? a.at, at: a.at, error: a.error ?? { kind: 'unexpected', message: 'no reason was recorded' } });
        } else failed.delete(a.id);
      }
    }
    const rows: Row[] = [];
    for (const line of readLines(fd, st.from, fs.fstatSync(fd).size)) {
      const d = decodeLine(line.bytes, till, `journals/${till}.jsonl`);
      if (!d.ok) continue;
      for (const e of outboxEntriesOf(d.record.rows)) {
        if (!answered.has(e.id)) rows.push({ till, state: 'waiting', id: e.id, op: e.op, sale: e.sale, createdAt: e.createdAt, failedAt: '', reason: '' });
      }
    }
    for (const f of failed.values()) {
      rows.push({ till, state: 'failed', id: f.id, op: f.op, sale: f.sale, createdAt: f.createdAt, failedAt: f.at, reason: `${f.error.kind}: ${f.error.message}` });
    }
    return rows;
  } finally {
    fs.closeSync(fd);
    if (acksFd !== null) fs.closeSync(acksFd);
  }
}

export const outboxReport: Report = {
  name: 'outbox',
  title: 'Loyalty Plus outbox',
  describe: 'Loyalty Plus calls waiting to be sent and refused for good, per till (now)',
  period: 'none',
  columns: [
    { key: 'till', title: 'Till', kind: 'text' },
    { key: 'state', title: 'State', kind: 'text' },
    { key: 'id', title: 'Call', kind: 'text' },
    { key: 'op', title: 'Op', kind: 'text' },
    { key: 'sale', title: 'Sale', kind: 'text' },
    { key: 'createdAt', title: 'Created', kind: 'text' },
    { key: 'failedAt', title: 'Failed at', kind: 'text' },
    { key: 'reason', title: 'Reason', kind: 'text' },
  ],
  rows(ctx) {
    // Only till journals hold outbox entries (the back-office journal never calls Loyalty Plus).
    const tills = ctx.store.journals.counts().map((c) => c.till).filter((t) => t !== 'BACKOFFICE');
    return tills.flatMap((till) => tillRows(ctx.store.dir, till));
  },
};
