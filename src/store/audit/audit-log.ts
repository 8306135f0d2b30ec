// Appends and reads the audit trail (types.ts). Each append is one write of one line with
// O_APPEND and an fsync, so entries from several tills never interleave and survive a power cut;
// a torn last line is skipped with a count, never thrown.
import fs from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { errnoCode, ioError } from '../errors.js';
import { fsyncDir } from '../fs-layer.js';
import type { AuditEntry, AuditFilter } from './types.js';

export const AUDIT_DIR = 'audit';

function monthOf(iso: string): string {
  return new Date(iso).toISOString().slice(0, 7);
}

export function auditFile(storeDir: string, month: string): string {
  return path.join(storeDir, AUDIT_DIR, `${month}.jsonl`);
}

export function encodeAuditLine(entry: AuditEntry): Buffer {
  const json = Buffer.from(JSON.stringify(entry), 'utf8');
  return Buffer.concat([Buffer.from(`${crc32(json).toString(16).padStart(8, '0')} `, 'latin1'), json, Buffer.from('\n')]);
}

function decodeAuditLine(line: string): AuditEntry | null {
  if (line.length < 11 || line[8] !== ' ') return null;
  const json = line.slice(9);
  if (crc32(Buffer.from(json, 'utf8')).toString(16).padStart(8, '0') !== line.slice(0, 8)) return null;
  try {
    const v = JSON.parse(json) as Partial<AuditEntry>;
    return typeof v.at === 'string' && typeof v.kind === 'string' && typeof v.operator === 'string' ? (v as AuditEntry) : null;
  } catch {
    return null;
  }
}

/** Appends one entry durably. Throws StoreError IO when it cannot be written. */
export function appendAudit(storeDir: string, entry: AuditEntry): void {
  const dir = path.join(storeDir, AUDIT_DIR);
  const file = auditFile(storeDir, monthOf(entry.at));
  try {
    const created = !fs.existsSync(dir);
    if (created) fs.mkdirSync(dir, { recursive: true });
    const fd = fs.openSync(file, 'a', 0o644);
    try {
      fs.writeSync(fd, encodeAuditLine(entry));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    if (created) fsyncDir(storeDir);
  } catch (err) {
    throw ioError('writing the audit trail', file, err);
  }
}

function monthsBetween(fromMs: number, toMs: number): string[] {
  const out: string[] = [];
  const d = new Date(fromMs);
  let y = d.getUTCFullYear();
  let m = d.getUTCMonth();
  const end = new Date(toMs).toISOString().slice(0, 7);
  for (;;) {
    const key = `${String(y).padStart(4, '0')}-${String(m + 1).padStart(2, '0')}`;
    out.push(key);
    if (key >= end) return out;
    m += 1;
    if (m === 12) {
      m = 0;
      y += 1;
    }
  }
}

function auditMonths(storeDir: string): string[] {
  try {
    return fs.readdirSync(path.join(storeDir, AUDIT_DIR)).map((n) => /^(\d{4}-\d{2})\.jsonl$/.exec(n)?.[1]).filter((m): m is string => m !== undefined).sort();
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return [];
    throw err;
  }
}

function readText(file: string, tailBytes?: number): string {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return '';
    throw ioError('reading the audit trail', file, err);
  }
  try {
    const size = fs.fstatSync(fd).size;
    const start = tailBytes === undefined ? 0 : Math.max(0, size - tailBytes);
    const buf = Buffer.alloc(size - start);
    fs.readSync(fd, buf, 0, buf.length, start);
    const text = buf.toString('utf8');
    // A tail read starts mid-line: drop the partial first line.
    return start > 0 ? text.slice(text.indexOf('\n') + 1) : text;
  } finally {
    fs.closeSync(fd);
  }
}

function matches(e: AuditEntry, f: AuditFilter, ms: number): boolean {
  if (f.fromMs !== undefined && ms < f.fromMs) return false;
  if (f.toMs !== undefined && ms > f.toMs) return false;
  if (f.operator !== undefined && e.operator !== f.operator && e.approvedBy !== f.operator) return false;
  return f.kinds === undefined || f.kinds.includes(e.kind);
}

export interface AuditRead {
  /** Oldest first. */
  entries: AuditEntry[];
  /** Lines skipped because their checksum or JSON was bad (a torn last line after a power cut). */
  damaged: number;
}

/**
 * The entries matching `filter`, reading only the months it spans. An operator filter matches
 * both who acted and who approved. `tailBytes` reads only the end of each month (recent entries).
 * `appended` keeps the order lines were written in, which is the order things happened in this
 * store whatever the tills' clocks say.
 */
export function readAudit(storeDir: string, filter: AuditFilter = {}, tailBytes?: number, order: 'time' | 'appended' = 'time'): AuditRead {
  const all = auditMonths(storeDir);
  if (all.length === 0) return { entries: [], damaged: 0 };
  const wanted = new Set(monthsBetween(filter.fromMs ?? Date.parse(`${all[0]}-01T00:00:00Z`), filter.toMs ?? Date.parse(`${all[all.length - 1]}-01T00:00:00Z`)));
  const entries: { e: AuditEntry; ms: number; i: number }[] = [];
  let damaged = 0;
  for (const month of all.filter((m) => wanted.has(m))) {
    for (const line of readText(auditFile(storeDir, month), tailBytes).split('\n')) {
      if (line === '') continue;
      const e = decodeAuditLine(line);
      if (e === null) {
        damaged += 1;
        continue;
      }
      const ms = Date.parse(e.at);
      if (matches(e, filter, ms)) entries.push({ e, ms, i: entries.length });
    }
  }
  // Tills' clocks and appends interleave: for people, order by time, then by file order.
  if (order === 'time') entries.sort((a, b) => a.ms - b.ms || a.i - b.i);
  return { entries: entries.map((x) => x.e), damaged };
}
