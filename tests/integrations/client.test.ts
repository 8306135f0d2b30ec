// The Loyalty Plus client against the real simulator over HTTPS on 127.0.0.1 (undici's MockAgent
// ignores its timeouts, see PITFALLS.md), plus two tiny node:tls servers for what the simulator
// cannot do: a TLS 1.2-only server and a server that answers 200 with a wrong body.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer, type Socket } from 'node:net';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import selfsigned from 'selfsigned';
import { createLoyaltyPlusClient, testConnection } from '../../src/integrations/loyaltyplus/client.js';
import { LoyaltyPlusError, type FailureKind, type LoyaltyPlusApi, type LoyaltyPlusConfig, type Member } from '../../src/integrations/loyaltyplus/types.js';
import { startSimulator } from '../../src/integrations/loyaltyplus/simulator/server.js';

// Distinctive values, so the secrecy checks cannot pass by accident.
const SECRET_START = 'sStart-7Qx9-Kp2';
const SECRET_END = 'sEnd-Zt4w-81Lm';
const IDS = { partnerId: 'P-100', terminalId: 'T1', apiId: 'api-7' };
const THANDI: Member = { account: '4000123', card: '6009000000001', name: 'Thandi Mokoena', points: 1234, pointsValue: 1234 };
const SALE = { account: THANDI.account, sale: 'T1-000042', at: '2026-12-01T10:00:00.000Z', amount: 25_000, lines: [{ item: 'BREAD', qty: 2, value: 25_000 }] };

type Sim = Awaited<ReturnType<typeof startSimulator>>;
let sim: Sim;
const clients: LoyaltyPlusApi[] = [];
const servers: TlsServer[] = [];
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lp-client-'));
  sim = await startSimulator({ host: '127.0.0.1', ...IDS, secretStart: SECRET_START, secretEnd: SECRET_END, members: [THANDI] });
});
afterEach(async () => {
  sim.setFaults({ times: 0 });
  await Promise.all(clients.splice(0).map((c) => c.close()));
});
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  await sim?.close();
});

function config(over: Partial<LoyaltyPlusConfig> = {}): LoyaltyPlusConfig {
  const u = new URL(sim.url);
  return {
    url: `https://${u.hostname}`, port: sim.port, secretStart: SECRET_START, secretEnd: SECRET_END, ...IDS,
    timeoutSeconds: 5, tls: 'TLSv1.2', caFile: sim.caFile, ...over,
  };
}

function client(over: Partial<LoyaltyPlusConfig> = {}, now?: () => Date): LoyaltyPlusApi {
  const c = createLoyaltyPlusClient(config(over), now ? { now } : {});
  clients.push(c);
  return c;
}

/** Everything an error carries, its causes included, as one string. */
function everything(err: unknown, depth = 0): string {
  if (depth > 5 || typeof err !== 'object' || err === null) return String(err);
  const props = Object.getOwnPropertyNames(err).map((k) => {
    const v = (err as Record<string, unknown>)[k];
    return `${k}=${typeof v === 'object' ? everything(v, depth + 1) : String(v)}`;
  });
  return props.join('\n');
}

function expectNoSecrets(err: unknown): void {
  const all = everything(err);
  for (const secret of [SECRET_START, SECRET_END, `${SECRET_START}${SECRET_END}`]) expect(all).not.toContain(secret);
  expect(all).not.toMatch(/[0-9a-f]{64}/); // no signature (nor any other HMAC/hash)
}

/** Awaits a rejection, checks it is one LoyaltyPlusError of `kind` with a clean message. */
async function failsWith(p: Promise<unknown>, kind: FailureKind): Promise<LoyaltyPlusError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err, `expected a ${kind} failure`).toBeInstanceOf(LoyaltyPlusError);
  const e = err as LoyaltyPlusError;
  expect({ kind: e.kind, message: e.message }).toMatchObject({ kind, message: expect.stringMatching(/^Loyalty Plus /) });
  expectNoSecrets(e);
  return e;
}

async function closedPort(): Promise<number> {
  const s = createNetServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  await new Promise((r) => s.close(r));
  return port;
}

/** A raw TLS server that answers every request with `reply` (an HTTP/1.1 response body of 200). */
async function tinyTlsServer(o: { maxVersion?: 'TLSv1.2'; reply?: string }): Promise<{ port: number; caFile: string }> {
  const pems = await selfsigned.generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec', curve: 'P-256', algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] }],
  });
  const server = createTlsServer({ key: pems.private, cert: pems.cert, maxVersion: o.maxVersion }, (sock) => {
    sock.on('error', () => {});
    sock.once('data', () => {
      const body = o.reply ?? '{}';
      sock.end(`HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
    });
  });
  server.on('tlsClientError', () => {});
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  servers.push(server);
  const caFile = join(dir, `tiny-${servers.length}.pem`);
  writeFileSync(caFile, pems.cert);
  return { port: (server.address() as { port: number }).port, caFile };
}

describe('operations', () => {
  it('looks a member up by account and by card', async () => {
    const c = client();
    await expect(c.lookup(THANDI.account)).resolves.toEqual(THANDI);
    await expect(c.lookup(THANDI.card)).resolves.toMatchObject({ account: THANDI.account });
  });

  it('enrols a member with no points', async () => {
    const m = await client().enrol({ name: 'Sipho Dube', cellphone: '+27821234567', card: '6009000000777' }, 'enrol-1');
    expect(m).toMatchObject({ name: 'Sipho Dube', card: '6009000000777', points: 0, pointsValue: 0 });
    expect(sim.members().some((x) => x.account === m.account)).toBe(true);
  });

  it('earns, authorises, reverses and refunds, each answer checked', async () => {
    const c = client();
    const before = (await c.lookup(THANDI.account)).points;
    const earned = await c.earn(SALE, 'earn-ops');
    expect(earned).toEqual({ sale: SALE.sale, points: 250, balance: before + 250 });
    const auth = await c.authorise({ account: THANDI.account, sale: 'T1-000043', amount: 100 }, 'auth-ops');
    expect(auth).toMatchObject({ amount: 100, balance: before + 150 });
    const rev = await c.reverse(auth.authorisation, 'voided', 'rev-ops');
    expect(rev).toEqual({ authorisation: auth.authorisation, reversed: true, balance: before + 250 });
    const ref = await c.refund({ account: THANDI.account, sale: SALE.sale, refund: 'T1-000050', at: SALE.at, amount: 10_000 }, 'ref-ops');
    expect(ref).toEqual({ refund: 'T1-000050', points: 100, balance: before + 150 });
  });

  it('applies a POST repeated with the same key once, and answers it the same', async () => {
    const c = client();
    const n = sim.counts().earn ?? 0;
    const sale = { ...SALE, sale: 'T1-000060' };
    const first = await c.earn(sale, 'earn-same-key');
    const again = await c.earn(sale, 'earn-same-key');
    expect(again).toEqual(first);
    expect(sim.counts().earn).toBe(n + 1);
  });

  it('an outbox retry after a dropped POST applies once', async () => {
    const c = client();
    const n = sim.counts().earn ?? 0;
    const sale = { ...SALE, sale: 'T1-000061' };
    sim.setFaults({ drop: true, times: 1 });
    await failsWith(c.earn(sale, 'earn-dropped'), 'connect'); // never retried inside the client
    const r1 = await c.earn(sale, 'earn-dropped');
    const r2 = await c.earn(sale, 'earn-dropped');
    expect(r2).toEqual(r1);
    expect(sim.counts().earn).toBe(n + 1);
  });

  it('tries a lookup once more after a dropped connection, but not twice', async () => {
    const c = client();
    sim.setFaults({ drop: true, times: 1 });
    await expect(c.lookup(THANDI.account)).resolves.toMatchObject({ account: THANDI.account });
    sim.setFaults({ drop: true, times: 2 });
    await failsWith(c.lookup(THANDI.account), 'connect');
  });

  it('testConnection reports a member, or the kind of failure', async () => {
    await expect(testConnection(config(), THANDI.account)).resolves.toMatchObject({ ok: true, member: { account: THANDI.account } });
    const bad = await testConnection(config({ secretEnd: 'wrong' }), THANDI.account);
    expect(bad).toMatchObject({ ok: false, kind: 'signature' });
    expectNoSecrets(bad);
  });
});

describe('failures, one kind each', () => {
  it('name-lookup: a host name that cannot exist', async () => {
    await failsWith(client({ url: 'https://loyalty.tillpoint.invalid', port: 443 }).lookup('1'), 'name-lookup');
  });

  it('connect: a closed port', async () => {
    const e = await failsWith(client({ url: 'https://127.0.0.1', port: await closedPort() }).lookup('1'), 'connect');
    expect(e.retryable).toBe(true);
  });

  it('tls: the simulator without its CA file configured', async () => {
    const e = await failsWith(client({ caFile: '' }).lookup(THANDI.account), 'tls');
    expect(e.retryable).toBe(false);
  });

  it('tls: a CA file that cannot be read', async () => {
    await failsWith(client({ caFile: join(dir, 'missing.pem') }).lookup(THANDI.account), 'tls');
  });

  it('tls: TLS 1.3 minimum against a server limited to TLS 1.2', async () => {
    const { port, caFile } = await tinyTlsServer({ maxVersion: 'TLSv1.2', reply: JSON.stringify(THANDI) });
    // The same server and CA work with a 1.2 minimum, so the version is what fails below.
    await expect(client({ url: 'https://127.0.0.1', port, caFile }).lookup(THANDI.account)).resolves.toEqual(THANDI);
    await failsWith(client({ url: 'https://127.0.0.1', port, caFile, tls: 'TLSv1.3' }).lookup(THANDI.account), 'tls');
  });

  it('timeout: the service answers after the deadline; the call ends at the deadline', async () => {
    sim.setFaults({ delayMs: 6_000, times: 1 });
    const started = Date.now();
    const e = await failsWith(client({ timeoutSeconds: 1 }).lookup(THANDI.account), 'timeout');
    // Loose on purpose: only that it did not wait for the slow answer.
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(e.retryable).toBe(true);
  });

  it('timeout: a POST the service applied but answered late; the retry with its key applies once', async () => {
    const c = client({ timeoutSeconds: 1 });
    const n = sim.counts().earn ?? 0;
    const sale = { ...SALE, sale: 'T1-000070' };
    sim.setFaults({ delayMs: 6_000, times: 1 });
    await failsWith(c.earn(sale, 'earn-slow'), 'timeout');
    await expect(c.earn(sale, 'earn-slow')).resolves.toMatchObject({ sale: sale.sale, points: 250 });
    expect(sim.counts().earn).toBe(n + 1);
  });

  it('connect: a server that accepts TCP but never completes TLS (connect timeout, not timeout)', async () => {
    const held: Socket[] = [];
    const silent = createNetServer((s) => { held.push(s); });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    try {
      const port = (silent.address() as { port: number }).port;
      // connect.timeout is 3/4 of the deadline, so a wide margin separates the two.
      await failsWith(client({ url: 'https://127.0.0.1', port, timeoutSeconds: 2 }).lookup('1'), 'connect');
    } finally {
      held.forEach((s) => s.destroy());
      await new Promise((r) => silent.close(r));
    }
  });

  it('http-status: a 500 from the service, retryable', async () => {
    sim.setFaults({ status: 500, times: 1 });
    const e = await failsWith(client().lookup(THANDI.account), 'http-status');
    expect({ status: e.status, retryable: e.retryable }).toEqual({ status: 500, retryable: true });
  });

  it('signature: wrong Secret End', async () => {
    const e = await failsWith(client({ secretEnd: 'not-the-end' }).lookup(THANDI.account), 'signature');
    expect({ status: e.status, code: e.code }).toEqual({ status: 401, code: 'BAD_SIGNATURE' });
  });

  it('signature: the till clock 10 minutes off', async () => {
    const e = await failsWith(client({}, () => new Date(Date.now() - 600_000)).lookup(THANDI.account), 'signature');
    expect(e.code).toBe('STALE_TIMESTAMP');
  });

  it('signature: an unknown partner', async () => {
    const e = await failsWith(client({ partnerId: 'P-999' }).lookup(THANDI.account), 'signature');
    expect(e.status).toBe(403);
  });

  it('unknown-account: no such member', async () => {
    const e = await failsWith(client().lookup('4999999'), 'unknown-account');
    expect({ status: e.status, code: e.code, retryable: e.retryable }).toEqual({ status: 404, code: 'UNKNOWN_ACCOUNT', retryable: false });
  });

  it('refused: a redemption above the balance, a reused key, an unknown authorisation', async () => {
    const c = client();
    const e = await failsWith(c.authorise({ account: THANDI.account, sale: 'T1-000080', amount: 10_000_000 }, 'auth-big'), 'refused');
    expect({ status: e.status, code: e.code, retryable: e.retryable }).toEqual({ status: 409, code: 'INSUFFICIENT_POINTS', retryable: false });
    await c.earn({ ...SALE, sale: 'T1-000081' }, 'earn-reuse');
    expect((await failsWith(c.earn({ ...SALE, sale: 'T1-000082' }, 'earn-reuse'), 'refused')).code).toBe('KEY_REUSED');
    expect((await failsWith(c.reverse('A-999999', 'abandoned', 'rev-none'), 'refused')).code).toBe('UNKNOWN_AUTHORISATION');
    // Refused before sending: an empty or dot-only number would name another resource.
    expect((await failsWith(c.lookup('..'), 'refused')).code).toBe('BAD_REQUEST');
  });

  it('bad-response: a 200 whose body is not a member', async () => {
    const { port, caFile } = await tinyTlsServer({ reply: JSON.stringify({ ...THANDI, points: '12' }) });
    await failsWith(client({ url: 'https://127.0.0.1', port, caFile }).lookup(THANDI.account), 'bad-response');
  });
});

describe("the cashier's cancel", () => {
  it('rejects with an AbortError, not a LoyaltyPlusError', async () => {
    sim.setFaults({ delayMs: 3_000, times: 1 });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 100);
    const err = await client().lookup(THANDI.account, { signal: ac.signal }).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(LoyaltyPlusError);
    expect((err as Error).name).toBe('AbortError');
    expectNoSecrets(err);
  });

  it('an already cancelled call never starts', async () => {
    const n = sim.counts().earn ?? 0;
    const err = await client().earn({ ...SALE, sale: 'T1-000090' }, 'earn-cancelled', { signal: AbortSignal.abort() })
      .then(() => undefined, (e: unknown) => e);
    expect((err as Error).name).toBe('AbortError');
    expect(sim.counts().earn ?? 0).toBe(n);
  });
});
