// The Loyalty Plus sales upload batches of uploads/batches.jsonl, read without opening the log
// (opening repairs it, which is the upload run's business, under its lock).
import fs from 'node:fs';
import path from 'node:path';
import { decodeBatchLine } from '../integrations/loyaltyplus/uploads/batch-log.js';
import type { PlannedBatch, SentBatch } from '../integrations/loyaltyplus/uploads/types.js';
import { readLines } from '../store/journal-lines.js';
import { inPeriod } from './period.js';
import type { Report } from './types.js';

export function readBatches(storeDir: string): { planned: PlannedBatch[]; sent: Map<string, SentBatch> } {
  const planned: PlannedBatch[] = [];
  const sent = new Map<string, SentBatch>();
  let fd: number;
  try {
    fd = fs.openSync(path.join(storeDir, 'uploads', 'batches.jsonl'), 'r');
  } catch {
    return { planned, sent }; // no upload yet
  }
  try {
    // A damaged or unfinished line is skipped here; the next upload run reports and repairs it.
    for (const line of readLines(fd, 0, fs.fstatSync(fd).size)) {
      const rec = decodeBatchLine(line.bytes);
      if (rec?.type === 'planned') planned.push(rec);
      else if (rec?.type === 'sent') sent.set(rec.id, rec);
    }
  } finally {
    fs.closeSync(fd);
  }
  return { planned, sent };
}

export const uploadsReport: Report = {
  name: 'uploads',
  title: 'Loyalty Plus uploads',
  describe: 'upload batches: till, journal range, rows, file, planned and sent (all, or planned in the period)',
  period: 'all',
  columns: [
    { key: 'batch', title: 'Batch', kind: 'text' },
    { key: 'till', title: 'Till', kind: 'text' },
    { key: 'fromSeq', title: 'From seq', kind: 'count' },
    { key: 'toSeq', title: 'To seq', kind: 'count' },
    { key: 'rows', title: 'Rows', kind: 'count' },
    { key: 'bytes', title: 'Bytes', kind: 'count' },
    { key: 'file', title: 'File', kind: 'text' },
    { key: 'plannedAt', title: 'Planned at', kind: 'text' },
    { key: 'state', title: 'State', kind: 'text' },
    { key: 'how', title: 'How', kind: 'text' },
    { key: 'sentAt', title: 'Sent at', kind: 'text' },
  ],
  rows(ctx) {
    const { planned, sent } = readBatches(ctx.store.dir);
    return planned.filter((b) => inPeriod(ctx.period, b.at)).map((b) => {
      const s = sent.get(b.id);
      return {
        batch: b.id, till: b.till, fromSeq: b.fromSeq, toSeq: b.toSeq, rows: b.count, bytes: b.bytes, file: b.name, plannedAt: b.at,
        state: s ? 'sent' : 'planned', how: s?.how ?? '', sentAt: s?.at ?? '',
      };
    });
  },
};
