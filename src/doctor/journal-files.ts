// The journals of a store folder, read-only: which exist, and their last good record (for the
// clock check). Lines are decoded by the store's own decodeLine.
import fs from 'node:fs';
import path from 'node:path';
import { decodeLine, isTillId, type JournalRecord } from '../store/journal-format.js';

export interface JournalFile {
  till: string;
  /** journals/T1.jsonl */
  label: string;
  file: string;
}

export function journalFiles(dir: string): JournalFile[] {
  let names: string[];
  try {
    names = fs.readdirSync(path.join(dir, 'journals'));
  } catch {
    return [];
  }
  return names
    .filter((n) => n.endsWith('.jsonl') && isTillId(n.slice(0, -'.jsonl'.length)))
    .sort()
    .map((n) => ({ till: n.slice(0, -'.jsonl'.length), label: `journals/${n}`, file: path.join(dir, 'journals', n) }));
}

const TAIL_WINDOW = 64 * 1024;
const TAIL_MAX = 4 * 1024 * 1024;

/** The last intact record of a journal, reading backwards from its end in growing windows. */
export function lastRecord(j: JournalFile): JournalRecord | null {
  let fd: number;
  try {
    fd = fs.openSync(j.file, 'r');
  } catch {
    return null;
  }
  try {
    const size = fs.fstatSync(fd).size;
    for (let win = TAIL_WINDOW; ; win *= 4) {
      const start = Math.max(0, size - win);
      const buf = Buffer.alloc(size - start);
      fs.readSync(fd, buf, 0, buf.length, start);
      // Lines wholly inside the window: skip the first (maybe cut) unless the window starts the file.
      const lines = buf.toString('latin1').split('\n');
      lines.pop(); // after the last newline: empty, or a torn write
      const from = start === 0 ? 0 : 1;
      for (let i = lines.length - 1; i >= from; i--) {
        try {
          const d = decodeLine(Buffer.from(lines[i]!, 'latin1'), j.till, j.label);
          if (d.ok) return d.record;
        } catch { /* a newer record version: not ours to read */ }
      }
      if (start === 0 || win >= TAIL_MAX) return null;
    }
  } finally {
    fs.closeSync(fd);
  }
}
