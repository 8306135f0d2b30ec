// Signed HTTPS calls to the Loyalty Plus simulator, made the way the protocol says, with undici.
import { Agent, request } from 'undici';
import { HEADERS, sign, type Secrets } from '../../src/integrations/loyaltyplus/signature.js';
import { startSimulator, type RunningSimulator } from '../../src/integrations/loyaltyplus/simulator/server.js';
import type { Member } from '../../src/integrations/loyaltyplus/types.js';

export const IDS = { partnerId: 'P-100', terminalId: 'T1', apiId: 'API-7', secretStart: 'sTaRt-0123', secretEnd: 'eNd-4567' };

export const THANDI: Member = { account: '4000001', card: '6009000000001', name: 'Thandi Mokoena', points: 1200, pointsValue: 1200 };

export interface Harness {
  sim: RunningSimulator;
  agent: Agent;
  /** The simulator's clock; tests move it. */
  clock: { now: Date };
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const clock = { now: new Date('2026-12-01T10:00:00.000Z') };
  const sim = await startSimulator({ ...IDS, members: [THANDI], now: () => clock.now });
  const agent = new Agent({ connect: { ca: sim.caPem } });
  return { sim, agent, clock, close: async () => { await agent.close(); await sim.close(); } };
}

export interface Call {
  method?: 'GET' | 'POST';
  path: string;
  /** Serialised with JSON.stringify unless it is already a string. */
  body?: unknown;
  key?: string;
  /** X-LP-Timestamp; the simulator's clock when absent. */
  at?: Date;
  secrets?: Secrets;
  /** Replaces or removes (undefined) the headers the call would send. */
  headers?: Record<string, string | undefined>;
  /** Gives up (aborts) after this long, as a client's deadline would. */
  timeoutMs?: number;
}

export interface Reply {
  status: number;
  body: any;
  headers: Record<string, string | string[] | undefined>;
}

/** Whatever answers at `sim.url`: a harness, or a simulator in a child process. */
export type Target = Pick<Harness, 'agent' | 'clock'> & { sim: Pick<RunningSimulator, 'url'> };

export async function call(h: Target, c: Call): Promise<Reply> {
  const method = c.method ?? (c.body === undefined ? 'GET' : 'POST');
  const body = c.body === undefined ? '' : typeof c.body === 'string' ? c.body : JSON.stringify(c.body);
  const timestamp = (c.at ?? h.clock.now).toISOString();
  const key = c.key ?? '';
  const signature = sign({ method, path: c.path, timestamp, idempotencyKey: key, body }, c.secrets ?? IDS);
  const headers: Record<string, string | undefined> = {
    [HEADERS.partner]: IDS.partnerId,
    [HEADERS.terminal]: IDS.terminalId,
    [HEADERS.api]: IDS.apiId,
    [HEADERS.timestamp]: timestamp,
    [HEADERS.signature]: signature,
    ...(key ? { [HEADERS.idempotencyKey]: key } : {}),
    ...(method === 'POST' ? { 'content-type': 'application/json; charset=utf-8' } : {}),
    ...c.headers,
  };
  const sent = Object.fromEntries(Object.entries(headers).filter((e): e is [string, string] => e[1] !== undefined));
  const res = await request(`${h.sim.url}${c.path}`, {
    method,
    headers: sent,
    body: method === 'POST' ? body : undefined,
    dispatcher: h.agent,
    ...(c.timeoutMs ? { signal: AbortSignal.timeout(c.timeoutMs) } : {}),
  });
  const text = await res.body.text();
  return { status: res.statusCode, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}

/** An unsigned call to the simulator's own /sim controls. */
export async function simCall(h: Harness, method: 'GET' | 'POST', path: string, body?: unknown): Promise<Reply> {
  const res = await request(`${h.sim.url}${path}`, {
    method,
    dispatcher: h.agent,
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  const text = await res.body.text();
  return { status: res.statusCode, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}

export const earnBody = (amount: number, sale = 'T1-000042') => ({
  account: THANDI.account,
  sale,
  at: '2026-12-01T09:59:00.000Z',
  amount,
  lines: [{ item: 'BREAD', qty: 1, value: amount }],
});
