// `outbox/<TILL>.acks.jsonl`: one acknowledgement a line, `<crc32 hex> <json>\n` like the
// journals (journal-format.ts encodes whole records only, so the line format is repeated here in
// a few lines). An ack is written only after the provider answered; a crash before it is safe,
// because the retry with the same key gets the first answer back.
import fs from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { fsyncDir, storeFs, writeAll } from '../../../store/fs-layer.js';
import type { FailureKind } from '../types.js';
import type { OutboxOp } from './entries.js';

export interface AckError {
  kind: FailureKind | 'unexpected';
  message: string;
  status?: number;
  code?: string;
}

export interface Ack {
  id: string;
  /** What the entry was, so a failed ack read without its journal record still names the call. */
  op?: OutboxOp;
  sale?: string;
  createdAt?: string;
  at: string;
  result: 'delivered' | 'failed';
  /** The provider's answer (points, balance), for the slip reprint and reconciliation. */
  answer?: unknown;
  error?: AckError;
}

const HEX8 = /^[0-9a-f]{8}$/;

export function encodeAck(a: Ack): Buffer {
  const json = Buffer.from(JSON.stringify(a), 'utf8');
  return Buffer.concat([Buffer.from(`${crc32(json).toString(16).padStart(8, '0')} `, 'latin1'), json, Buffer.from('\n')]);
}

export function decodeAck(line: Buffer): Ack | null {
  if (line.length < 11 || line[8] !== 0x20 || !HEX8.test(line.toString('latin1', 0, 8))) return null;
  const json = line.subarray(9);
  if (crc32(json) !== parseInt(line.toString('latin1', 0, 8), 16)) return null;
  try {
    const v = JSON.parse(json.toString('utf8')) as Partial<Ack>;
    if (typeof v.id !== 'string' || typeof v.at !== 'string' || (v.result !== 'delivered' && v.result !== 'failed')) return null;
    return v as Ack;
  } catch {
    return null;
  }
}

/** The acks file of one till, open for appending by the one process holding the outbox lock. */
export class AckLog {
  private fd: number | null = null;

  private constructor(readonly file: string, readonly label: string, private size: number) {}

  /**
   * Opens (creating the folder and file on the first ack) and cuts off a torn last line, so the
   * next ack starts on a line of its own instead of being glued to half a line.
   */
  static open(dir: string, till: string, warn: (m: string) => void): AckLog {
    const file = path.join(dir, `${till}.acks.jsonl`);
    const label = `outbox/${till}.acks.jsonl`;
    let size = 0;
    try {
      size = fs.statSync(file).size;
    } catch {
      return new AckLog(file, label, 0);
    }
    if (size > 0) {
      const bytes = fs.readFileSync(file);
      const end = bytes.lastIndexOf(0x0a) + 1;
      if (end < bytes.length) {
        const fd = storeFs.openSync(file, fs.constants.O_RDWR, 0o644);
        try {
          storeFs.ftruncateSync(fd, end);
          storeFs.fdatasyncSync(fd);
        } finally {
          storeFs.closeSync(fd);
        }
        warn(`${label}: the last ${bytes.length - end} bytes were a torn line (a crash while writing it); removed them. The calls it may have acknowledged are sent again with the same key.`);
        size = end;
      }
    }
    return new AckLog(file, label, size);
  }

  /** Byte length of the complete lines (what a state snapshot may point at). */
  get length(): number {
    return this.size;
  }

  /** True when a line ends exactly at `offset` (a snapshot's claim checked before it is trusted). */
  endsLineAt(offset: number): boolean {
    if (offset === 0) return true;
    if (offset > this.size) return false;
    const fd = fs.openSync(this.file, 'r');
    try {
      const b = Buffer.alloc(1);
      return fs.readSync(fd, b, 0, 1, offset - 1) === 1 && b[0] === 0x0a;
    } finally {
      fs.closeSync(fd);
    }
  }

  /** The acks from `offset` to the end; damaged lines are skipped with a warning (their calls are re-sent). */
  read(offset: number, warn: (m: string) => void): Ack[] {
    if (this.size <= offset) return [];
    const fd = fs.openSync(this.file, 'r');
    const out: Ack[] = [];
    try {
      const buf = Buffer.alloc(this.size - offset);
      let got = 0;
      while (got < buf.length) {
        const n = fs.readSync(fd, buf, got, buf.length - got, offset + got);
        if (n === 0) break;
        got += n;
      }
      let start = 0;
      for (let nl = buf.indexOf(0x0a, 0); nl >= 0 && nl < got; nl = buf.indexOf(0x0a, start)) {
        const a = decodeAck(buf.subarray(start, nl));
        if (a) out.push(a);
        else warn(`${this.label}: the line at byte ${offset + start} is damaged; ignoring it (its call is sent again with the same key)`);
        start = nl + 1;
      }
    } finally {
      fs.closeSync(fd);
    }
    return out;
  }

  /** Appends one ack: one write and one fdatasync, like a journal record. */
  append(a: Ack): void {
    if (this.fd === null) {
      const dir = path.dirname(this.file);
      const existed = fs.existsSync(this.file);
      this.fd = storeFs.openSync(this.file, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_APPEND, 0o644);
      if (!existed) fsyncDir(dir);
    }
    const buf = encodeAck(a);
    try {
      writeAll(this.fd, buf, null);
      storeFs.fdatasyncSync(this.fd);
    } catch (err) {
      // A half-written line would swallow the next ack: cut back to the last good length.
      try {
        storeFs.ftruncateSync(this.fd, this.size);
      } catch { /* the open-time repair removes it */ }
      throw err;
    }
    this.size += buf.length;
  }

  close(): void {
    if (this.fd !== null) storeFs.closeSync(this.fd);
    this.fd = null;
  }
}
