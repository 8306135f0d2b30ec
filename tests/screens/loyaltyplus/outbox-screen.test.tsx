// Utilities > Loyalty Plus Outbox over a REAL outbox and provider on a temp store: sale records
// carry their earn entries, and a tiny client stands in for the service (it refuses to connect
// until `service.up` flips, and refuses one sale's earn for good). The outbox's clock is fixed
// and no timer runs, so every delivery in these tests is one the test (or the screen) asked for.
import fs from 'node:fs';
import path from 'node:path';
import { Text } from 'ink';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Outbox } from '../../../src/integrations/loyaltyplus/outbox/outbox.js';
import { LoyaltyPlusProvider } from '../../../src/integrations/loyaltyplus/provider.js';
import { LoyaltyPlusError, type LoyaltyPlusApi, type LoyaltyPlusConfig } from '../../../src/integrations/loyaltyplus/types.js';
import type { AppServices } from '../../../src/screens/app-context.js';
import { LoyaltyPlusOutboxScreen, NOT_PROVIDER_TEXT, WRONG_PIN_TEXT } from '../../../src/screens/loyaltyplus/outbox-screen.js';
import { mainMenuEntry } from '../../../src/screens/menu/main-menu.js';
import { loyaltySettingsOf, type Store, type TillJournalWriter } from '../../../src/store/index.js';
import { hashPin } from '../../../src/store/manager-pin.js';
import { recordSale, tempStore } from '../../integrations/outbox-helpers.js';
import { tallestFrame, rowWith } from '../forms/harness.js';
import { testRegistry } from '../kit/test-registry.js';
import { DOWN, ENTER, ESC, F8 } from '../keys.js';
import { render, type Rendered } from '../render.js';

const PIN = '1234';
const NOW = Date.parse('2026-05-20T08:00:00Z');
const HOUR = 60 * 60 * 1000;
const iso = (ms: number): string => new Date(ms).toISOString();

// Never used to connect: the provider only needs one config object that stays the same.
const CONFIG: LoyaltyPlusConfig = {
  url: 'https://127.0.0.1', port: 1, secretStart: 's', secretEnd: 'e', partnerId: 'P', terminalId: 'T1', apiId: 'A',
  timeoutSeconds: 1, tls: 'TLSv1.2', caFile: '',
};

/** The service as the till sees it: down until `up`; `refuse` lists sales refused for good. */
function fakeService() {
  const s = { up: false, refuse: new Set<string>(), earns: 0, lookups: 0, delivered: [] as string[] };
  const down = (): never => { throw new LoyaltyPlusError('connect', 'connection refused by 127.0.0.1:1 (test)'); };
  const api: LoyaltyPlusApi = {
    async lookup(number) {
      s.lookups += 1;
      if (!s.up) down();
      return { account: number, card: '', name: 'Probe', points: 0, pointsValue: 0 };
    },
    async earn(e) {
      s.earns += 1;
      if (!s.up) down();
      if (s.refuse.has(e.sale)) throw new LoyaltyPlusError('refused', 'INSUFFICIENT_POINTS: the account cannot take this (test)', 409, 'INSUFFICIENT_POINTS');
      s.delivered.push(e.sale);
      return { sale: e.sale, points: 1, balance: 1 };
    },
    enrol: () => Promise.reject(new Error('not used')),
    authorise: () => Promise.reject(new Error('not used')),
    reverse: () => Promise.reject(new Error('not used')),
    refund: () => Promise.reject(new Error('not used')),
    close: async () => {},
  };
  return { s, api };
}

let root: string;
let store: Store;
let writer: TillJournalWriter;
let outbox: Outbox;
let provider: LoyaltyPlusProvider;
let service: ReturnType<typeof fakeService>;
let view: Rendered | undefined;

beforeEach(async () => {
  let dir: string;
  ({ dir, store } = await tempStore());
  root = path.dirname(dir);
  await store.edit('settings', (d) => {
    d.loyalty = { ...loyaltySettingsOf(d), managerPinHash: hashPin(PIN) };
  });
  writer = store.claimTill('T1');
  service = fakeService();
  outbox = Outbox.open(store, 'T1', { client: () => service.api, now: () => new Date(NOW), warn: () => {}, random: () => 1 });
  provider = new LoyaltyPlusProvider({ config: () => CONFIG, client: () => service.api, now: () => new Date(NOW) });
});

afterEach(async () => {
  if (view) expect(tallestFrame(view)).toBeLessThanOrEqual(24);
  view?.unmount();
  view = undefined;
  await outbox.close();
  await provider.stop();
  writer.release();
  store.close();
  fs.rmSync(root, { recursive: true, force: true });
});

/**
 * T1-000001 refused for good (while the service was up), then the service goes down:
 * T1-000002 (30 h old, so stale) tried once and waiting, T1-000003 and T1-000004 not tried yet.
 */
async function seed(): Promise<void> {
  service.s.up = true;
  service.s.refuse.add('T1-000001');
  outbox.noteRecorded(recordSale(writer, 1000, iso(NOW - 40 * HOUR)).rec);
  await outbox.deliverDue();
  service.s.up = false;
  for (const at of [NOW - 30 * HOUR, NOW - 2 * HOUR, NOW - HOUR]) outbox.noteRecorded(recordSale(writer, 2500, iso(at)).rec);
  await outbox.deliverDue();
  // A till call that cannot connect marks the provider offline, as at a real till.
  await provider.call((api) => api.lookup('4000001')).catch(() => undefined);
  expect(provider.state()).toBe('offline');
}

function services(withLoyaltyPlus: boolean): AppServices {
  const base: AppServices = { store, till: null, tillId: 'T1', operator: 'system' };
  return withLoyaltyPlus ? { ...base, loyaltyPlus: { provider, outbox, till: null, close: async () => {} } } : base;
}

async function open(withLoyaltyPlus = true): Promise<Rendered> {
  view = await render(null, {
    services: services(withLoyaltyPlus),
    stack: [
      { id: 'menu', title: 'Main Menu', render: () => <Text>STAND-IN MAIN MENU</Text> },
      { id: 'utilities.loyalty-plus-outbox', title: 'Loyalty Plus Outbox', render: () => <LoyaltyPlusOutboxScreen /> },
    ],
  });
  return view;
}

/** The second row of a call: why it waits or failed. */
const reasonOf = (frame: string, sale: string): string => {
  const lines = frame.split('\n');
  return lines[lines.findIndex((l) => l.includes(sale)) + 1] ?? '';
};

describe('Loyalty Plus Outbox screen', () => {
  it('lists what waits and why, the stale one marked, and what failed for good', async () => {
    await seed();
    const v = await open();
    const f = await v.waitFor('Loyalty Plus: offline');
    expect(f.split('\n')[0]).toContain('Main Menu › Utilities › Loyalty Plus Outbox');
    expect(f).toContain('Loyalty Plus: offline · 3 waiting · 1 older than 24 h · 1 failed');
    expect(rowWith(f, 'T1-000002')).toMatch(/STALE\s+T1-000002\s+earn\s+2026-05-19 \d\d:00\s+1\s/);
    expect(reasonOf(f, 'T1-000002')).toContain('last error: connect: connection refused by 127.0.0.1:1 (test)');
    expect(rowWith(f, 'T1-000003')).not.toContain('STALE');
    expect(rowWith(f, 'T1-000003')).toMatch(/T1-000003\s+earn\s+\S+ \S+\s+0\s/);
    expect(reasonOf(f, 'T1-000003')).toContain('not tried yet');
    expect(rowWith(f, 'T1-000001')).toMatch(/FAILED\s+T1-000001\s+earn/);
    expect(reasonOf(f, 'T1-000001')).toContain('refused for good (refused): INSUFFICIENT_POINTS: the account cannot');
    // The hint says a retry takes everything before the selected call with it.
    expect(f).toContain('every call before it (delivery is in order)');
    expect(f).toContain('F8 Retry now');
  });

  it('a wrong PIN retries nothing; the right one probes, delivers in order and the calls leave the list', async () => {
    await seed();
    const v = await open();
    await v.waitFor('T1-000004');
    await v.write(DOWN);
    await v.waitFor((f) => rowWith(f, 'T1-000003').includes('> '));
    await v.write(F8);
    await v.waitFor('Retry now: T1-000003 and the 1 waiting before it');
    const earns = service.s.earns;
    const lookups = service.s.lookups;
    await v.write(`9999${ENTER}`);
    let f = await v.waitFor(WRONG_PIN_TEXT);
    expect(rowWith(f, WRONG_PIN_TEXT)).toContain('Manager PIN:');
    expect(service.s.earns).toBe(earns);
    expect(service.s.lookups).toBe(lookups);
    expect(outbox.pending()).toHaveLength(3);

    service.s.up = true;
    await v.write(`${PIN}${ENTER}`);
    // The two asked for went in order; T1-000004, never tried and so already due, went with them.
    f = await v.waitFor('Retried: 3 delivered');
    expect(f).not.toContain('still waiting');
    expect(service.s.delivered).toEqual(['T1-000002', 'T1-000003', 'T1-000004']);
    // The provider was offline, so it was asked first, and is online again.
    expect(service.s.lookups).toBe(lookups + 1);
    expect(service.s.earns).toBe(earns + 3);
    expect(f).toContain('Loyalty Plus: online · 0 waiting · 0 older than 24 h · 1 failed');
    for (const sale of ['T1-000002', 'T1-000003', 'T1-000004']) expect(f).not.toContain(sale);
    expect(rowWith(f, 'T1-000001')).toContain('FAILED');
    expect(outbox.pending()).toEqual([]);
  });

  it('says what still waits when the service is still down, and Esc at the PIN retries nothing', async () => {
    await seed();
    const v = await open();
    await v.waitFor('T1-000004');
    await v.write(F8);
    await v.waitFor('Retry now: T1-000002');
    await v.write(ESC);
    await v.waitFor('Retry cancelled: nothing was retried');
    const earns = service.s.earns;
    expect(outbox.pending()[0]!.attempts).toBe(1);
    await v.write(F8);
    await v.waitFor('Retry now: T1-000002');
    await v.write(`${PIN}${ENTER}`);
    const f = await v.waitFor('Retried: 0 delivered, 1 still waiting (connect: connection refused');
    // The connection check found the service still down.
    expect(f).toContain('Loyalty Plus: offline · 3 waiting');
    expect(service.s.earns).toBe(earns + 1);
    expect(outbox.pending()[0]!.attempts).toBe(2);
    expect(rowWith(f, 'T1-000002')).toMatch(/STALE\s+T1-000002\s+earn\s+\S+ \S+\s+2\s/);
  });

  it('a failed call cannot be retried', async () => {
    await seed();
    const v = await open();
    await v.waitFor('T1-000004');
    await v.write(`${DOWN}${DOWN}${DOWN}`);
    await v.waitFor((f) => rowWith(f, 'T1-000001').includes('> FAILED'));
    await v.write(F8);
    await v.waitFor('never retried');
    expect(v.frame()).not.toContain('Manager PIN:');
  });

  it('without Loyalty Plus it says why instead of listing, and Utilities offers the screen', async () => {
    view = await render(null, {
      services: services(false),
      stack: [mainMenuEntry({ ...testRegistry, loyaltyPlusOutbox: LoyaltyPlusOutboxScreen }, { till: null })],
    });
    const v = view;
    let f = await v.waitFor('Utilities');
    expect(rowWith(f, 'Utilities')).toContain('Loyalty Plus Outbox');
    await v.write('u');
    f = await v.waitFor('Main Menu › Utilities');
    expect(rowWith(f, 'Loyalty Plus Outbox')).toContain('Loyalty Plus calls waiting or failed; manager re');
    await v.write('o');
    f = await v.waitFor('Main Menu › Utilities › Loyalty Plus Outbox');
    expect(f).toContain(NOT_PROVIDER_TEXT.slice(0, 40));
    expect(f).not.toContain('waiting ·');
  });

  it('the Utilities item is offered disabled when a registry lacks the screen', async () => {
    view = await render(null, { services: services(false), stack: [mainMenuEntry(testRegistry, { till: null })] });
    await view.write('u');
    await view.waitFor('Loyalty Plus Outbox');
    await view.write('o');
    await view.waitFor('not available in this session');
  });
});
