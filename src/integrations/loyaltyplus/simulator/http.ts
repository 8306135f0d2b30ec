// The simulator's HTTP plumbing: whole bodies in, JSON answers out.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Outcome } from './book.js';
import type { StoredAnswer } from './idempotency.js';

export interface Answer extends StoredAnswer {
  /** Answered from the idempotency store. */
  replay?: boolean;
}

export const TOO_LARGE = Symbol('too large');

/**
 * Reads the whole body, also past `limit` (keeping only what fits), so the connection stays in
 * step for the answer; rejects when the client goes away first.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer | typeof TOO_LARGE> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= limit) chunks.push(c);
    });
    req.on('end', () => resolve(size > limit ? TOO_LARGE : Buffer.concat(chunks)));
    req.on('error', reject);
    req.on('close', () => { if (!req.complete) reject(new Error('the client went away mid-body')); });
  });
}

export function json(o: Outcome): Answer {
  return { status: o.status, body: JSON.stringify(o.body) };
}

export function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

export function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // not valid percent-encoding: the lookup refuses it as a malformed number
  }
}

export function send(res: ServerResponse, a: Answer): void {
  const bytes = Buffer.from(a.body, 'utf8');
  res.writeHead(a.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': bytes.length,
    'cache-control': 'no-store',
    ...(a.replay ? { 'idempotent-replay': 'true' } : {}),
  });
  res.end(bytes);
}
