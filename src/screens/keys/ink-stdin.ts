// Ink must not read the real stdin: two readers double-handle keys (PITFALLS.md). Ink is handed this
// stand-in instead: it claims to be a TTY (so nothing in Ink throws on raw mode), accepts
// setRawMode as a no-op and never receives a byte. Our KeyProvider reads the real stdin.
import { PassThrough } from 'node:stream';

export function createInkStdinStandIn(): NodeJS.ReadStream {
  const stream = new PassThrough() as PassThrough & {
    isTTY: boolean;
    isRaw: boolean;
    setRawMode(mode: boolean): unknown;
    ref(): unknown;
    unref(): unknown;
  };
  stream.isTTY = true;
  stream.isRaw = false;
  stream.setRawMode = function setRawMode(mode: boolean) {
    this.isRaw = mode;
    return this;
  };
  // A PassThrough has no handle to keep the process alive, so ref/unref have nothing to do.
  stream.ref = function ref() {
    return this;
  };
  stream.unref = function unref() {
    return this;
  };
  return stream as unknown as NodeJS.ReadStream;
}
