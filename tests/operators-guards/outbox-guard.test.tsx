// Utilities > Loyalty Plus Outbox with operators: Retry now is a manager's; a cashier's F8 asks for
// a manager's override instead of the manager PIN, Esc retries nothing, and every retry is in the
// audit trail with the approver. A real outbox over a temp store; a tiny client stands in for the
// service, and the outbox's clock is fixed, so every delivery is one the screen asked for.
import fs from 'node:fs';
import path from 'node:path';
import { Text } from 'ink';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Outbox } from '../../src/integrations/loyaltyplus/outbox/outbox.js';
import { LoyaltyPlusProvider } from '../../src/integrations/loyaltyplus/provider.js';
import { LoyaltyPlusError, type LoyaltyPlusApi, type LoyaltyPlusConfig } from '../../src/integrations/loyaltyplus/types.js';
import type { AppServices } from '../../src/screens/app-context.js';
import { LoyaltyPlusOutboxScreen } from '../../src/screens/loyaltyplus/outbox-screen.js';
import type { Store, TillJournalWriter } from '../../src/store/index.js';
import { recordSale, tempStore } from '../integrations/outbox-helpers.js';
import { ENTER, ESC, F8 } from '../screens/keys.js';
import { render, type Rendered } from '../screens/render.js';
import { addCrew, audit, loggedIn, noPinShown, PINS, type CrewCode } from './crew.js';

const NOW = Date.parse('2026-05-20T08:00:00Z');
const CONFIG: LoyaltyPlusConfig = {
  url: 'https://127.0.0.1', port: 1, secretStart: 's', secretEnd: 'e', partnerId: 'P', terminalId: 'T1', apiId: 'A',
  timeoutSeconds: 1, tls: 'TLSv1.2', caFile: '',
};

const service = { up: true, delivered: [] as string[] };
const api: LoyaltyPlusApi = {
  async lookup(number) {
    if (!service.up) throw new LoyaltyPlusError('connect', 'connection refused (test)');
    return { account: number, card: '', name: 'Probe', points: 0, pointsValue: 0 };
  },
  async earn(e) {
    if (!service.up) throw new LoyaltyPlusError('connect', 'connection refused (test)');
    service.delivered.push(e.sale);
    return { sale: e.sale, points: 1, balance: 1 };
  },
  enrol: () => Promise.reject(new Error('not used')),
  authorise: () => Promise.reject(new Error('not used')),
  reverse: () => Promise.reject(new Error('not used')),
  refund: () => Promise.reject(new Error('not used')),
  close: async () => {},
};

let root: string;
let store: Store;
let writer: TillJournalWriter;
let outbox: Outbox;
let provider: LoyaltyPlusProvider;
let view: Rendered | undefined;

beforeEach(async () => {
  let dir: string;
  ({ dir, store } = await tempStore());
  root = path.dirname(dir);
  writer = store.claimTill('T1');
  service.up = false;
  service.delivered = [];
  outbox = Outbox.open(store, 'T1', { client: () => api, now: () => new Date(NOW), warn: () => {}, random: () => 1 });
  provider = new LoyaltyPlusProvider({ config: () => CONFIG, client: () => api, now: () => new Date(NOW) });
  // One earn that could not be sent: it waits.
  outbox.noteRecorded(recordSale(writer, 2500, new Date(NOW - 3_600_000).toISOString()).rec);
  await outbox.deliverDue();
  await addCrew(store);
});

afterEach(async () => {
  view?.unmount();
  view = undefined;
  await outbox.close();
  await provider.stop();
  writer.release();
  store.close();
  fs.rmSync(root, { recursive: true, force: true });
});

async function open(code: CrewCode): Promise<Rendered> {
  const session = loggedIn(store, null, code);
  const services: AppServices = { store, till: null, tillId: 'T1', operator: code, session, loyaltyPlus: { provider, outbox, till: null, close: async () => {} } };
  view = await render(null, {
    services,
    stack: [
      { id: 'menu', title: 'Main Menu', render: () => <Text>STAND-IN MAIN MENU</Text> },
      { id: 'outbox', title: 'Loyalty Plus Outbox', render: () => <LoyaltyPlusOutboxScreen /> },
    ],
  });
  await view.waitFor('T1-000001');
  return view;
}

describe('Loyalty Plus Outbox retry with operators', () => {
  it("a cashier's retry waits for a manager's override instead of the manager PIN, and is audited with both", async () => {
    const v = await open('C1');
    service.up = true;
    await v.write(F8);
    let f = await v.waitFor('Loyalty Plus outbox retry needs a manager: approver code and PIN');
    expect(f).not.toContain('Manager PIN:');
    await v.write(ESC);
    await v.waitFor('Retry cancelled: nothing was retried');
    expect(service.delivered).toEqual([]);
    expect(audit(store, ['override', 'outbox-retry'])).toEqual([]);

    await v.write(F8);
    await v.waitFor('Loyalty Plus outbox retry needs a manager');
    await v.write(`M1${ENTER}${PINS.M1}${ENTER}`);
    f = await v.waitFor('Retried: 1 delivered');
    expect(service.delivered).toEqual(['T1-000001']);
    expect(audit(store, ['override'])).toEqual([expect.objectContaining({ operator: 'C1', approvedBy: 'M1', action: 'outbox-retry' })]);
    const [line] = audit(store, ['outbox-retry']);
    expect(line).toMatchObject({ operator: 'C1', approvedBy: 'M1', action: 'outbox-retry' });
    expect(line?.detail).toContain('sale T1-000001');
    expect(noPinShown(v)).toBe(true);
  });

  it('a manager retries at once, with no dialog and no PIN', async () => {
    const v = await open('M1');
    service.up = true;
    await v.write(F8);
    await v.waitFor('Retried: 1 delivered');
    expect(v.frames.some((fr) => fr.includes('Approval needed') || fr.includes('Manager PIN:'))).toBe(false);
    const [line] = audit(store, ['outbox-retry']);
    expect(line).toMatchObject({ operator: 'M1' });
    expect(line?.approvedBy).toBeUndefined();
  });
});
