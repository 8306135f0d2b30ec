// uploads/batches.jsonl: the durable, append-only record of every upload batch. A batch is
// `planned` (fsynced) before a byte of it is sent and `sent` once it is in place on the server,
// so a run killed anywhere knows on restart exactly which fixed remote names to finish. Lines are
// `<crc32 hex8> <json>\n` like the journals: a torn or damaged last line is a write the crash cut
// short and is cut off; a damaged line before good ones is skipped loudly (it stays in the file).
//
// A checkpoint (uploads/batches.state.json) says what every line before its offset added up to,
// taken when nothing was pending, so a run reads only the lines since: not the whole history.
import fs from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { StoreError, errnoCode, errorText } from '../../../store/errors.js';
import { replaceFileDurably } from '../../../store/durable-file.js';
import { fsyncDir, storeFs, writeAll } from '../../../store/fs-layer.js';
import { readLines } from '../../../store/journal-lines.js';
import type { BatchRecord, PlannedBatch } from './types.js';

export const UPLOADS_DIR = 'uploads';
const LOG = 'uploads/batches.jsonl';
const CHECKPOINT = 'uploads/batches.state.json';

/** Where each till's uploads reached: the last planned batch's range end and its last record. */
export interface TillMark {
  toSeq: number;
  last: { start: number; end: number };
}

/** The last record of a till a run read to the end from (no loyalty sale after it was unplanned then). */
export interface TillScanned {
  seq: number;
  start: number;
  end: number;
}

interface Checkpoint {
  offset: number;
  tills: Record<string, TillMark>;
  /** A cache only: without it a run reads from the last batch (or the journal's start). */
  scanned?: Record<string, TillScanned>;
}

export function encodeBatchLine(rec: BatchRecord): Buffer {
  const json = Buffer.from(JSON.stringify(rec), 'utf8');
  return Buffer.concat([Buffer.from(`${crc32(json).toString(16).padStart(8, '0')} `, 'latin1'), json, Buffer.from('\n')]);
}

export function decodeBatchLine(line: Buffer): BatchRecord | null {
  if (line.length < 11 || line[8] !== 0x20) return null;
  const hex = line.toString('latin1', 0, 8);
  if (!/^[0-9a-f]{8}$/.test(hex) || crc32(line.subarray(9)) !== parseInt(hex, 16)) return null;
  try {
    const v = JSON.parse(line.toString('utf8', 9)) as BatchRecord;
    if (v && (v.type === 'planned' || v.type === 'sent') && typeof v.id === 'string') return v;
  } catch { /* not JSON */ }
  return null;
}

function readCheckpoint(file: string, size: number, fd: number): Checkpoint | null {
  let v: Checkpoint;
  try {
    v = JSON.parse(fs.readFileSync(file, 'utf8')) as Checkpoint;
  } catch {
    return null;
  }
  if (!Number.isSafeInteger(v?.offset) || v.offset < 0 || v.offset > size || typeof v.tills !== 'object' || v.tills === null) return null;
  if (v.offset === 0) return v;
  // It must end exactly at a line's end, or the log was replaced since.
  const b = Buffer.alloc(1);
  return storeFs.readSync(fd, b, 0, 1, v.offset - 1) === 1 && b[0] === 0x0a ? v : null;
}

/** The log, read and repaired; only the holder of the upload lock opens it. */
export class BatchLog {
  private readonly planned = new Map<string, PlannedBatch>();
  private readonly marks = new Map<string, TillMark>();
  private readonly scanned = new Map<string, TillScanned>();
  private size = 0;

  private constructor(private readonly dir: string, private readonly fd: number) {}

  static open(storeDir: string, warn: (m: string) => void): BatchLog {
    const folder = path.join(storeDir, UPLOADS_DIR);
    fs.mkdirSync(path.join(folder, 'outgoing'), { recursive: true });
    const file = path.join(storeDir, LOG);
    let fd: number;
    try {
      fd = storeFs.openSync(file, fs.existsSync(file) ? 'r+' : 'wx+', 0o644);
    } catch (err) {
      throw new StoreError('IO', `opening ${LOG} failed: ${errorText(err)}`, { file: LOG, cause: err });
    }
    const log = new BatchLog(storeDir, fd);
    try {
      log.load(warn);
    } catch (err) {
      storeFs.closeSync(fd);
      throw err;
    }
    return log;
  }

  private load(warn: (m: string) => void): void {
    const size = fs.fstatSync(this.fd).size;
    const cp = readCheckpoint(path.join(this.dir, CHECKPOINT), size, this.fd);
    for (const [till, mark] of Object.entries(cp?.tills ?? {})) this.marks.set(till, mark);
    for (const [till, at] of Object.entries(cp?.scanned ?? {})) this.scanned.set(till, at);
    let goodEnd = cp?.offset ?? 0;
    let bad: number[] = [];
    for (const line of readLines(this.fd, goodEnd, size)) {
      const rec = decodeBatchLine(line.bytes);
      if (rec === null) {
        bad.push(line.start);
        continue;
      }
      for (const at of bad) warn(`${LOG}: the line at byte ${at} is damaged; skipping it (it stays in the file)`);
      bad = [];
      this.apply(rec);
      goodEnd = line.end;
    }
    if (goodEnd < size) {
      // A record the crash cut short (no newline yet, or torn): it was never acted on.
      warn(`${LOG}: ${size - goodEnd} byte(s) at the end were an unfinished write; removing them`);
      storeFs.ftruncateSync(this.fd, goodEnd);
      storeFs.fsyncSync(this.fd);
    }
    this.size = goodEnd;
  }

  private apply(rec: BatchRecord): void {
    if (rec.type === 'planned') {
      this.planned.set(rec.id, rec);
      const mark = this.marks.get(rec.till);
      if (!mark || rec.toSeq > mark.toSeq) this.marks.set(rec.till, { toSeq: rec.toSeq, last: rec.last });
    } else {
      this.planned.delete(rec.id);
    }
  }

  /** Planned and not yet sent, oldest first. */
  pending(): PlannedBatch[] {
    return [...this.planned.values()];
  }

  markOf(till: string): TillMark | undefined {
    return this.marks.get(till);
  }

  scannedOf(till: string): TillScanned | undefined {
    return this.scanned.get(till);
  }

  /** Kept with the next checkpoint: a till with no loyalty sale for a long while is not read from its last one every run. */
  noteScanned(till: string, at: TillScanned): void {
    const was = this.scanned.get(till);
    if (!was || at.seq > was.seq) this.scanned.set(till, at);
  }

  /** One record, durably (fsync) before this returns. */
  append(rec: BatchRecord): void {
    const buf = encodeBatchLine(rec);
    try {
      writeAll(this.fd, buf, this.size);
      storeFs.fsyncSync(this.fd);
    } catch (err) {
      // Whatever part of it reached the file is cut off when the log is next opened.
      throw new StoreError('IO', `writing ${LOG} failed: ${errorText(err)}`, { file: LOG, cause: err });
    }
    if (this.size === 0) fsyncDir(path.join(this.dir, UPLOADS_DIR));
    this.size += buf.length;
    this.apply(rec);
  }

  /** Remembers where everything settled stands, so the next run reads only newer lines. */
  checkpoint(): void {
    if (this.planned.size > 0) return;
    const cp: Checkpoint = { offset: this.size, tills: Object.fromEntries(this.marks), scanned: Object.fromEntries(this.scanned) };
    replaceFileDurably(path.join(this.dir, CHECKPOINT), `${JSON.stringify(cp)}\n`);
  }

  close(): void {
    try {
      storeFs.closeSync(this.fd);
    } catch (err) {
      if (errnoCode(err) !== 'EBADF') throw err;
    }
  }
}
