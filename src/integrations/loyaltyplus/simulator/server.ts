// The Loyalty Plus simulator: real HTTPS on loopback speaking docs/loyalty-plus-protocol.md, so
// the client, the outbox and the setup screen's Test run against TLS, signatures, idempotency
// and faults as they would against the provider. It logs nothing, so no secret can leak from it.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HEADERS, REPLAY_WINDOW_S, signatureMatches } from '../signature.js';
import type { Member } from '../types.js';
import { MemberBook, OPERATION_NAMES, refusal, type OperationName, type Outcome } from './book.js';
import { makeCertificates, type SimulatorCertificates } from './certs.js';
import { FAULTS_ALLOWED, FaultPlan, parseFaults, type Faults } from './faults.js';
import { decode, json, parseJson, readBody, send, TOO_LARGE, type Answer } from './http.js';
import { IdempotencyStore, type Scope } from './idempotency.js';

export type { Faults } from './faults.js';

export interface SimulatorOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** 0 (the default) takes a free port. */
  port?: number;
  partnerId: string;
  terminalId: string;
  apiId: string;
  secretStart: string;
  secretEnd: string;
  members?: Member[];
  /** The service's clock, for the replay window. */
  now?: () => Date;
  /** The same certificates as an earlier run (a service restarted keeps its certificate); default fresh ones. */
  certificates?: SimulatorCertificates;
}

export interface RunningSimulator {
  /** https://127.0.0.1:PORT */
  url: string;
  port: number;
  caPem: string;
  /** A temporary file holding caPem (setup's CA file); removed by close(). */
  caFile: string;
  /** How often each operation was applied (replays from the idempotency store not counted). */
  counts(): Record<string, number>;
  setFaults(f: Faults): void;
  members(): Member[];
  close(): Promise<void>;
}

// Bodies are small JSON; a limit keeps a runaway client from filling memory.
const MAX_BODY_BYTES = 64 * 1024;
const TIMESTAMP_FORMAT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const IDEMPOTENCY_KEY_FORMAT = /^[\x21-\x7e]{1,200}$/;

interface Request {
  method: string;
  /** Path with query, exactly as sent: what was signed. */
  target: string;
  pathname: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

export async function startSimulator(o: SimulatorOptions): Promise<RunningSimulator> {
  const host = o.host ?? '127.0.0.1';
  const now = o.now ?? (() => new Date());
  const certs = o.certificates ?? await makeCertificates();
  const dir = await mkdtemp(path.join(tmpdir(), 'tillpoint-lp-sim-'));
  const caFile = path.join(dir, 'ca.pem');
  await writeFile(caFile, certs.caPem);

  const book = new MemberBook(o.members ?? []);
  const replies = new IdempotencyStore();
  const faults = new FaultPlan();
  const counts = Object.fromEntries(OPERATION_NAMES.map((n) => [n, 0])) as Record<OperationName, number>;
  const sleepers = new Map<NodeJS.Timeout, () => void>();
  let closing = false;

  function sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const t = setTimeout(() => { sleepers.delete(t); resolve(); }, ms);
      sleepers.set(t, resolve);
    });
  }

  function authenticate(r: Request): Answer | undefined {
    const h = (name: string) => { const v = r.headers[name]; return typeof v === 'string' ? v : undefined; };
    const ids: [string, string, string][] = [
      ['X-LP-Partner', HEADERS.partner, o.partnerId], ['X-LP-Terminal', HEADERS.terminal, o.terminalId], ['X-LP-Api', HEADERS.api, o.apiId],
    ];
    for (const [label, name, want] of ids) {
      if (h(name) !== want) return json(refusal(403, 'UNKNOWN_PARTNER', `${label} is missing or not known to the service`));
    }
    const timestamp = h(HEADERS.timestamp) ?? '';
    const parts = { method: r.method, path: r.target, timestamp, idempotencyKey: h(HEADERS.idempotencyKey) ?? '', body: r.body };
    if (!signatureMatches(parts, o, h(HEADERS.signature) ?? '')) {
      return json(refusal(401, 'BAD_SIGNATURE', 'X-LP-Signature does not match the request; check Secret Start and Secret End'));
    }
    const at = TIMESTAMP_FORMAT.test(timestamp) ? Date.parse(timestamp) : Number.NaN;
    if (Number.isNaN(at)) {
      return json(refusal(401, 'STALE_TIMESTAMP', 'X-LP-Timestamp must be ISO 8601 UTC with milliseconds, e.g. 2026-12-01T10:00:00.000Z'));
    }
    const skewS = Math.abs(now().getTime() - at) / 1000;
    if (skewS > REPLAY_WINDOW_S) {
      return json(refusal(401, 'STALE_TIMESTAMP',
        `X-LP-Timestamp ${timestamp} is ${Math.round(skewS)} s from the service's clock; at most ${REPLAY_WINDOW_S} s is allowed (check the till's clock)`));
    }
    return undefined;
  }

  /** Routes a /v1 request to its operation; `undefined` body when the body is not JSON. */
  function operate(r: Request, body: unknown): { name?: OperationName; outcome: Outcome } {
    const p = r.pathname;
    const member = /^\/v1\/members\/([^/]+)$/.exec(p);
    const reverse = /^\/v1\/redemptions\/([^/]+)\/reverse$/.exec(p);
    if (r.method === 'GET' && member) return { name: 'lookup', outcome: book.lookup(decode(member[1] ?? '')) };
    if (r.method !== 'POST') return { outcome: noOperation(r) };
    if (body === undefined) return { outcome: refusal(400, 'BAD_REQUEST', 'the body is not JSON') };
    if (p === '/v1/members') return { name: 'enrol', outcome: book.enrol(body) };
    if (p === '/v1/earn') return { name: 'earn', outcome: book.earn(body) };
    if (p === '/v1/redemptions') return { name: 'authorise', outcome: book.authorise(body) };
    if (reverse) return { name: 'reverse', outcome: book.reverse(decode(reverse[1] ?? ''), body) };
    if (p === '/v1/refunds') return { name: 'refund', outcome: book.refund(body) };
    return { outcome: noOperation(r) };
  }

  function apply(r: Request): Answer {
    const { outcome, name } = operate(r, r.method === 'POST' ? parseJson(r.body) : null);
    if (name && outcome.applied) counts[name] += 1;
    return json(outcome);
  }

  function v1(r: Request): Answer {
    const refused = authenticate(r);
    if (refused) return refused;
    if (r.method !== 'POST') return apply(r);
    const key = r.headers[HEADERS.idempotencyKey];
    if (typeof key !== 'string' || !IDEMPOTENCY_KEY_FORMAT.test(key)) {
      return json(refusal(400, 'BAD_REQUEST', 'every POST needs an Idempotency-Key of 1-200 printable ASCII characters'));
    }
    if (!/^application\/json\b/i.test(r.headers['content-type'] ?? '')) {
      return json(refusal(400, 'BAD_REQUEST', 'Content-Type must be application/json; charset=utf-8'));
    }
    const scope: Scope = { partner: o.partnerId, terminal: o.terminalId, key };
    const seen = replies.recall(scope, r.method, r.target, r.body);
    if (seen.kind === 'replay') return { ...seen.answer, replay: true };
    if (seen.kind === 'reused') {
      return json(refusal(422, 'KEY_REUSED', `Idempotency-Key ${key} was already used for another request; use a new key for a new operation`));
    }
    const answer = apply(r);
    replies.remember(scope, r.method, r.target, r.body, answer);
    return answer;
  }

  function sim(r: Request): Answer {
    if (r.method === 'GET' && r.pathname === '/sim/counts') return { status: 200, body: JSON.stringify(counts) };
    if (r.method === 'POST' && r.pathname === '/sim/faults') {
      const f = parseFaults(parseJson(r.body));
      if (!f) return json(refusal(400, 'BAD_REQUEST', `faults: ${FAULTS_ALLOWED}`));
      faults.set(f);
      return { status: 200, body: JSON.stringify(faults.peek()) };
    }
    return json(refusal(400, 'BAD_REQUEST', `no simulator control at ${r.method} ${r.pathname}`));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req, MAX_BODY_BYTES).catch(() => undefined);
    if (body === undefined) return; // the client went away mid-body
    if (body === TOO_LARGE) return send(res, json(refusal(400, 'BAD_REQUEST', `the body is larger than ${MAX_BODY_BYTES} bytes`)));
    const target = req.url ?? '/';
    const r: Request = { method: req.method ?? 'GET', target, pathname: target.split('?')[0] ?? '/', headers: req.headers, body };
    if (r.pathname.startsWith('/sim/')) return send(res, sim(r));
    if (r.pathname !== '/v1' && !r.pathname.startsWith('/v1/')) return send(res, json(noOperation(r)));

    const f = faults.take();
    let answer: Answer | undefined;
    // A delayed request is applied first and answered late, so a client that times out has left
    // an applied operation behind: the case its retry with the same key must not apply twice.
    if (f?.drop) answer = undefined;
    else if (f?.status !== undefined) answer = json(refusal(f.status, 'UNAVAILABLE', 'the service is unavailable (simulated); try again later'));
    else if (f?.badSignature) answer = json(refusal(401, 'BAD_SIGNATURE', 'X-LP-Signature does not match the request (simulated)'));
    else answer = v1(r);
    await sleep(f?.delayMs ?? 0);
    if (closing || res.destroyed) return;
    if (!answer) {
      req.socket.destroy(); // a dropped connection: no answer at all
      return;
    }
    send(res, answer);
  }

  const server = https.createServer({ key: certs.key, cert: certs.cert, minVersion: 'TLSv1.2' }, (req, res) => {
    handle(req, res).catch(() => { if (!res.headersSent) res.destroy(); });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, host, () => { server.off('error', reject); resolve(); });
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;

  let closed: Promise<void> | undefined;
  return {
    url: `https://${shownHost}:${port}`,
    port,
    caPem: certs.caPem,
    caFile,
    counts: () => ({ ...counts }),
    setFaults: (f) => faults.set(f),
    members: () => book.members(),
    close() {
      closed ??= (async () => {
        closing = true;
        for (const [t, wake] of sleepers) { clearTimeout(t); wake(); }
        sleepers.clear();
        const done = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await done;
        await rm(dir, { recursive: true, force: true });
      })();
      return closed;
    },
  };
}

function noOperation(r: Request): Outcome {
  return refusal(400, 'BAD_REQUEST', `there is no operation at ${r.method} ${r.pathname}`);
}
