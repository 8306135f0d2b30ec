// The provider's online/offline state against the real simulator over HTTPS: faults make the
// service slow or failing, and the simulator's counts show whether a call reached it at all.
// Probes run through probeNow(), so no test depends on a timer firing at a given moment.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLoyaltyPlusClient } from '../../src/integrations/loyaltyplus/client.js';
import { LoyaltyPlusProvider, type ProviderOptions, type ProviderState } from '../../src/integrations/loyaltyplus/provider.js';
import { startSimulator, type RunningSimulator } from '../../src/integrations/loyaltyplus/simulator/server.js';
import { LoyaltyPlusError, type FailureKind, type LoyaltyPlusApi, type LoyaltyPlusConfig, type Member } from '../../src/integrations/loyaltyplus/types.js';
import { judge } from '../../src/integrations/loyaltyplus/outbox/delivery.js';

const SECRET_START = 'pStart-4Hv8-Qa1';
const SECRET_END = 'pEnd-Wq3n-66Zr';
const IDS = { partnerId: 'P-200', terminalId: 'T2', apiId: 'api-9' };
const THANDI: Member = { account: '4000123', card: '6009000000001', name: 'Thandi Mokoena', points: 1234, pointsValue: 1234 };

let sim: RunningSimulator;
const providers: LoyaltyPlusProvider[] = [];

beforeAll(async () => {
  sim = await startSimulator({ host: '127.0.0.1', ...IDS, secretStart: SECRET_START, secretEnd: SECRET_END, members: [THANDI] });
});
afterEach(async () => {
  sim.setFaults({ times: 0 });
  await Promise.all(providers.splice(0).map((p) => p.stop()));
});
afterAll(async () => {
  await sim?.close();
});

function config(over: Partial<LoyaltyPlusConfig> = {}): LoyaltyPlusConfig {
  return {
    url: 'https://127.0.0.1', port: sim.port, secretStart: SECRET_START, secretEnd: SECRET_END, ...IDS,
    timeoutSeconds: 1, tls: 'TLSv1.2', caFile: sim.caFile, ...over,
  };
}

interface Made {
  p: LoyaltyPlusProvider;
  /** What config() returns; tests replace it to change or disable the config. */
  setup: { config: LoyaltyPlusConfig | null };
  changes: ProviderState[];
  built: LoyaltyPlusConfig[];
  closed: number;
}

function provider(over: Partial<ProviderOptions> = {}, withClient = true): Made {
  const m: Made = { p: undefined as unknown as LoyaltyPlusProvider, setup: { config: config() }, changes: [], built: [], closed: 0 };
  const client = (c: LoyaltyPlusConfig): LoyaltyPlusApi => {
    m.built.push(c);
    const api = createLoyaltyPlusClient(c);
    return { ...api, close: async () => { m.closed += 1; await api.close(); } };
  };
  m.p = new LoyaltyPlusProvider({ config: () => m.setup.config, now: () => new Date(), ...(withClient ? { client } : {}), ...over });
  m.p.onChange((s) => m.changes.push(s));
  providers.push(m.p);
  return m;
}

const lookups = () => sim.counts().lookup ?? 0;

function everything(err: unknown, depth = 0): string {
  if (depth > 5 || typeof err !== 'object' || err === null) return String(err);
  return Object.getOwnPropertyNames(err).map((k) => {
    const v = (err as Record<string, unknown>)[k];
    return `${k}=${typeof v === 'object' ? everything(v, depth + 1) : String(v)}`;
  }).join('\n');
}

async function failsWith(p: Promise<unknown>, kind: FailureKind): Promise<LoyaltyPlusError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err, `expected a ${kind} failure`).toBeInstanceOf(LoyaltyPlusError);
  const e = err as LoyaltyPlusError;
  expect(e.kind).toBe(kind);
  expect(e.message).toMatch(/^Loyalty Plus /);
  const all = everything(e);
  for (const secret of [SECRET_START, SECRET_END]) expect(all).not.toContain(secret);
  return e;
}

/** Takes the provider offline with one 500 (quicker than a timeout, and just as unreachable). */
async function goOffline(m: Made): Promise<void> {
  sim.setFaults({ status: 503, times: 1 });
  await failsWith(m.p.call((api, signal) => api.lookup(THANDI.account, { signal })), 'http-status');
  expect(m.p.state()).toBe('offline');
}

describe('online', () => {
  it('passes calls through while the service answers', async () => {
    const m = provider();
    expect(m.p.state()).toBe('online');
    await expect(m.p.call((api, signal) => api.lookup(THANDI.account, { signal }))).resolves.toEqual(THANDI);
    expect(m.p.state()).toBe('online');
    expect(m.changes).toEqual([]);
  });

  it('works with the default, lazily loaded client', async () => {
    const m = provider({}, false);
    await expect(m.p.call((api, signal) => api.lookup(THANDI.card, { signal }))).resolves.toMatchObject({ account: THANDI.account });
  });

  it('stays online on answers of the protocol: unknown account, refusal, rejected signature', async () => {
    const m = provider();
    await failsWith(m.p.call((api, signal) => api.lookup('4999999', { signal })), 'unknown-account');
    await failsWith(m.p.call((api, signal) => api.authorise({ account: THANDI.account, sale: 'T2-1', amount: 999_999 }, 'auth-1', { signal })), 'refused');
    sim.setFaults({ badSignature: true, times: 1 });
    await failsWith(m.p.call((api, signal) => api.lookup(THANDI.account, { signal })), 'signature');
    expect(m.p.state()).toBe('online');
    expect(m.changes).toEqual([]);
  });
});

describe('offline', () => {
  it('a timeout marks it offline; the next call rejects at once without reaching the service', async () => {
    const m = provider();
    sim.setFaults({ delayMs: 3_000, times: 1 });
    await failsWith(m.p.call((api, signal) => api.lookup(THANDI.account, { signal })), 'timeout');
    expect(m.p.state()).toBe('offline');
    const before = lookups();
    let reached = false;
    const e = await failsWith(m.p.call((api, signal) => { reached = true; return api.lookup(THANDI.account, { signal }); }), 'offline');
    expect(e.message).toMatch(/offline/);
    expect(e.retryable).toBe(false);
    expect(reached).toBe(false);
    expect(lookups()).toBe(before);
    expect(m.changes).toEqual(['offline']);
  });

  it('a 5xx or a closed port marks it offline too', async () => {
    const m = provider();
    await goOffline(m);
    const dead = provider();
    dead.setup.config = config({ port: 1 });
    await failsWith(dead.p.call((api, signal) => api.lookup(THANDI.account, { signal })), 'connect');
    expect(dead.p.state()).toBe('offline');
  });

  it('an outbox entry that meets "offline" waits, never fails', () => {
    expect(judge(new LoyaltyPlusError('offline', 'Loyalty Plus is offline')).verdict).toBe('wait');
  });
});

describe('probe', () => {
  it('brings it back online once the service answers again, 404 UNKNOWN_ACCOUNT included', async () => {
    const m = provider();
    await goOffline(m);
    sim.setFaults({ status: 500, times: 1 });
    await expect(m.p.probeNow()).resolves.toBe('offline');
    // The default probe account '0' is unknown to the simulator: a 404 is still an answer.
    await expect(m.p.probeNow()).resolves.toBe('online');
    expect(m.p.state()).toBe('online');
    await expect(m.p.call((api, signal) => api.lookup(THANDI.account, { signal }))).resolves.toEqual(THANDI);
    expect(m.changes).toEqual(['offline', 'online']);
  });

  it('a timed-out probe leaves it offline', async () => {
    const m = provider();
    await goOffline(m);
    sim.setFaults({ delayMs: 3_000, times: 1 });
    await expect(m.p.probeNow()).resolves.toBe('offline');
  });

  it('never runs two probes at once', async () => {
    const m = provider({ probeAccount: THANDI.account });
    await goOffline(m);
    const before = lookups();
    sim.setFaults({ delayMs: 300, times: 1 });
    const [a, b] = [m.p.probeNow(), m.p.probeNow()];
    expect(a).toBe(b);
    await expect(a).resolves.toBe('online');
    expect(lookups()).toBe(before + 1);
  });

  it('does nothing while online', async () => {
    const m = provider({ probeAccount: THANDI.account });
    const before = lookups();
    await expect(m.p.probeNow()).resolves.toBe('online');
    expect(lookups()).toBe(before);
  });

  it('runs in the background after start()', async () => {
    const m = provider({ probeEveryMs: 20 });
    m.p.start();
    await goOffline(m);
    await expect.poll(() => m.p.state(), { timeout: 10_000 }).toBe('online');
    expect(m.changes).toEqual(['offline', 'online']);
  });
});

describe('disabled and config changes', () => {
  it('is disabled without a config, and calls reject with a clear message', async () => {
    const m = provider();
    m.setup.config = null;
    expect(m.p.state()).toBe('disabled');
    let reached = false;
    const e = await failsWith(m.p.call(async () => { reached = true; }), 'offline');
    expect(e.message).toMatch(/not set up or is switched off/);
    expect(reached).toBe(false);
    await expect(m.p.probeNow()).resolves.toBe('disabled');
    expect(m.built).toEqual([]);
  });

  it('onChange fires on each change, and not after unsubscribing', async () => {
    const m = provider();
    const other: ProviderState[] = [];
    const off = m.p.onChange((s) => other.push(s));
    await goOffline(m);
    await m.p.probeNow();
    m.setup.config = null;
    expect(m.p.state()).toBe('disabled');
    off();
    m.setup.config = config();
    expect(m.p.state()).toBe('online');
    expect(m.changes).toEqual(['offline', 'online', 'disabled', 'online']);
    expect(other).toEqual(['offline', 'online', 'disabled']);
  });

  it('a new config object rebuilds the client on the next call and clears the offline mark', async () => {
    const m = provider();
    await goOffline(m);
    expect(m.built).toHaveLength(1);
    m.setup.config = config({ timeoutSeconds: 2 });
    expect(m.p.state()).toBe('online');
    await expect(m.p.call((api, signal) => api.lookup(THANDI.account, { signal }))).resolves.toEqual(THANDI);
    expect(m.built.map((c) => c.timeoutSeconds)).toEqual([1, 2]);
    await expect.poll(() => m.closed).toBe(1);
  });

  it('the same config object keeps the one client', async () => {
    const m = provider();
    for (let i = 0; i < 3; i++) await m.p.call((api, signal) => api.lookup(THANDI.account, { signal }));
    expect(m.built).toHaveLength(1);
  });
});

describe('cancel and stop', () => {
  it("the caller's abort rejects with AbortError and changes nothing", async () => {
    const m = provider({}, true);
    m.setup.config = config({ timeoutSeconds: 5 });
    m.p.state();
    sim.setFaults({ delayMs: 3_000, times: 1 });
    const ac = new AbortController();
    const pending = m.p.call((api, signal) => api.lookup(THANDI.account, { signal }), { signal: ac.signal });
    setTimeout(() => ac.abort(), 100);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(m.p.state()).toBe('online');
    const early = new AbortController();
    early.abort();
    let reached = false;
    await expect(m.p.call(async () => { reached = true; }, { signal: early.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(reached).toBe(false);
    expect(m.changes).toEqual([]);
  });

  it('an AbortError while offline is still an abort, and the offline state holds', async () => {
    const m = provider();
    await goOffline(m);
    const early = new AbortController();
    early.abort();
    await expect(m.p.call(async () => 1, { signal: early.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(m.p.state()).toBe('offline');
  });

  it('stop() cancels the call in flight, closes the client, and a later call opens a new one', async () => {
    const m = provider();
    m.setup.config = config({ timeoutSeconds: 5 });
    m.p.start();
    sim.setFaults({ delayMs: 3_000, times: 1 });
    // Settled into a value at once, so the rejection during stop() is never unhandled.
    const pending = m.p.call((api, signal) => api.lookup(THANDI.account, { signal })).then(() => undefined, (e: unknown) => e);
    await new Promise((r) => setTimeout(r, 100));
    await m.p.stop();
    expect(await pending).toMatchObject({ name: 'AbortError' });
    expect(m.closed).toBe(1);
    expect(m.p.state()).toBe('online');
    await expect(m.p.call((api, signal) => api.lookup(THANDI.account, { signal }))).resolves.toEqual(THANDI);
    expect(m.built).toHaveLength(2);
  });

  it('a non-Loyalty Plus error from the callback is passed on and changes nothing', async () => {
    const m = provider();
    await expect(m.p.call(async () => { throw new TypeError('bug'); })).rejects.toThrow(TypeError);
    expect(m.p.state()).toBe('online');
  });
});
