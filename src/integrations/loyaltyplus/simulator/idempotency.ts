// The idempotency store of docs/loyalty-plus-protocol.md: a POST repeated with the same key
// (same partner and terminal) gets the first answer again, byte for byte, and is not applied
// again; the key with another request is refused. Entries are kept for the simulator's life,
// which is longer than the protocol's "at least 7 days" ever needs for a test or a demo.
import { createHash } from 'node:crypto';

export interface StoredAnswer {
  status: number;
  body: string;
}

interface Entry extends StoredAnswer {
  fingerprint: string;
}

export type Recall = { kind: 'new' } | { kind: 'replay'; answer: StoredAnswer } | { kind: 'reused' };

export class IdempotencyStore {
  private readonly entries = new Map<string, Entry>();

  recall(scope: Scope, method: string, path: string, body: Uint8Array): Recall {
    const e = this.entries.get(entryKey(scope));
    if (!e) return { kind: 'new' };
    return e.fingerprint === fingerprint(method, path, body) ? { kind: 'replay', answer: { status: e.status, body: e.body } } : { kind: 'reused' };
  }

  remember(scope: Scope, method: string, path: string, body: Uint8Array, answer: StoredAnswer): void {
    this.entries.set(entryKey(scope), { ...answer, fingerprint: fingerprint(method, path, body) });
  }
}

export interface Scope {
  partner: string;
  terminal: string;
  key: string;
}

function entryKey(s: Scope): string {
  // JSON keeps the three parts apart whatever characters they hold.
  return JSON.stringify([s.partner, s.terminal, s.key]);
}

/** The request the key was first used for: the same path and the same body bytes. */
function fingerprint(method: string, path: string, body: Uint8Array): string {
  return `${method} ${path} ${createHash('sha256').update(body).digest('hex')}`;
}
