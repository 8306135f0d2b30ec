// Reads complete lines (ending in `\n`) of a journal between two byte offsets, in chunks, so
// memory stays small however long the journal is. Bytes after the last newline are a record
// still being written (or torn by a crash) and are never returned as a line.
import { readJournalBytes } from './fs-layer.js';

export interface RawLine {
  /** Byte offset of the line's first byte. */
  start: number;
  /** Byte offset just after its newline. */
  end: number;
  /** The line without its newline. */
  bytes: Buffer;
}

// Large enough that joining a line cut at a chunk's end is rare work; small enough to stay cheap.
const CHUNK = 256 * 1024;

export function* readLines(fd: number, from: number, to: number, chunkSize = CHUNK): Generator<RawLine> {
  let pos = from; // file offset of carry[0]
  let carry: Buffer = Buffer.alloc(0);
  let readAt = from;
  while (readAt < to) {
    const chunk = readJournalBytes(fd, readAt, Math.min(chunkSize, to - readAt));
    if (chunk.length === 0) break;
    readAt += chunk.length;
    const buf = carry.length === 0 ? chunk : Buffer.concat([carry, chunk]);
    let lineStart = 0;
    for (;;) {
      const nl = buf.indexOf(0x0a, lineStart);
      if (nl < 0) break;
      yield { start: pos + lineStart, end: pos + nl + 1, bytes: buf.subarray(lineStart, nl) };
      lineStart = nl + 1;
    }
    carry = buf.subarray(lineStart);
    pos += lineStart;
  }
}

/** The line that ends exactly at `end` and starts at `start`, or null when the bytes are not one line. */
export function readLineAt(fd: number, start: number, end: number): Buffer | null {
  if (end <= start) return null;
  const buf = readJournalBytes(fd, start, end - start);
  if (buf.length !== end - start || buf[buf.length - 1] !== 0x0a) return null;
  const body = buf.subarray(0, buf.length - 1);
  return body.includes(0x0a) ? null : body;
}
