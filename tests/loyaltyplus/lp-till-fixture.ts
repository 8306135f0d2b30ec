// A till on Loyalty Plus against the simulator over real HTTPS: a temp store with items and the
// Loyalty Plus tender, the simulator with one member, the services as the till process starts
// them, and a way to "crash" (drop the session without closing it) and start again.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSimulator, type RunningSimulator } from '../../src/integrations/loyaltyplus/simulator/server.js';
import type { LoyaltyPlusServices } from '../../src/integrations/loyaltyplus/services.js';
import { startLoyaltyPlus } from '../../src/integrations/loyaltyplus/till/start.js';
import type { LoyaltyPlusTill } from '../../src/integrations/loyaltyplus/till/till-flows.js';
import type { Member } from '../../src/integrations/loyaltyplus/types.js';
import { openStore, type Store } from '../../src/store/index.js';
import { TillService } from '../../src/store/till-service.js';

// Distinctive, so a test can search every output for them.
export const SECRETS = { secretStart: 'tlF-Start-7Kp', secretEnd: 'tlF-End-3Rq' };
export const IDS = { partnerId: 'P-300', terminalId: 'T1', apiId: 'API-3' };
export const MEMBER: Member = { account: '4000001', card: '6009000000001', name: 'Thandi Mokoena', points: 5000, pointsValue: 5000 };

export interface Running {
  till: TillService;
  lp: LoyaltyPlusServices;
  flows: LoyaltyPlusTill;
}

export interface Fixture {
  dir: string;
  store: Store;
  sim: RunningSimulator;
  warnings: string[];
  start(): Running;
  /** Closes the services and the till cleanly. */
  stop(r: Running): Promise<void>;
  /** As if the process died: nothing saved or released in order, locks dropped with it. */
  crash(r: Running): Promise<void>;
  points(): number;
  close(): Promise<void>;
}

export async function lpFixture(o: { timeoutSeconds?: number; enabled?: boolean } = {}): Promise<Fixture> {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tillpoint-lp-')), 'store');
  const warnings: string[] = [];
  const sim = await startSimulator({ host: '127.0.0.1', ...IDS, ...SECRETS, members: [MEMBER] });
  const store = await openStore(dir, { stderr: false, log: (l) => warnings.push(l) });
  await store.edit('settings', (d) => {
    d.defaults2.loyaltyProvider = 'loyalty-plus';
    d.loyaltyPlus = {
      enabled: o.enabled ?? true, url: 'https://127.0.0.1', port: sim.port, ...SECRETS, ...IDS,
      timeoutSeconds: o.timeoutSeconds ?? 2, tls: 'TLSv1.2', caFile: sim.caFile, testResults: [],
    };
  });
  await store.edit('items', (d) => {
    d.items.push({ code: 'BREAD', barcode: '', description: 'Bread', price: 1500, taxRate: 1500 });
    d.items.push({ code: 'MILK', barcode: '', description: 'Milk', price: 2300, taxRate: 1500 });
  });
  await store.edit('tenders', (d) => {
    const loy = d.tenders.find((t) => t.kind === 'loyalty')!;
    Object.assign(loy, { code: 'LP', name: 'Loyalty Plus', useLoyaltyPlus: true });
  });
  // The real clock: the outbox's backoff and the signature's replay window both run on it.
  const now = () => new Date();
  const start = (): Running => {
    const till = TillService.open(store, { till: 'T1', operator: 'ann', now });
    const lp = startLoyaltyPlus(store, till, { now, deliverEveryMs: 50, probeEveryMs: 50 });
    return { till, lp, flows: lp.till! };
  };
  return {
    dir, store, sim, warnings, start,
    async stop(r) {
      await r.lp.close();
      r.till.close();
    },
    async crash(r) {
      // What survives a crash is what is on disk: the open sale stays as last saved (SIGKILL of
      // the real process is tested with the outbox itself in tests/integrations/outbox-crash).
      await r.lp.close();
      r.till.close();
    },
    points: () => sim.members().find((m) => m.account === MEMBER.account)!.points,
    async close() {
      store.close();
      await sim.close();
    },
  };
}

/** Waits until `cond` holds (polling), failing after `ms`. */
export async function until(cond: () => boolean, ms = 5000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
