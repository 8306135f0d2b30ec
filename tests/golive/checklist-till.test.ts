// "Enrolment tested" and "Redeem tested" from a real till on Loyalty Plus against the simulator:
// an enrolment and a sale paid with the authorised Loyalty Plus tender count only when they come
// after Delete Loyalty tables' marks, never the ones before it.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ENROLMENTS_FILE, readEnrolments } from '../../src/integrations/loyaltyplus/till/enrolment.js';
import { LoyaltyPlusTill } from '../../src/integrations/loyaltyplus/till/till-flows.js';
import { goLiveChecklist, type GoLiveRow } from '../../src/store/go-live.js';
import type { Store } from '../../src/store/index.js';
import { backupLoyaltyTables, DELETE_CONFIRMATION, deleteLoyaltyTables } from '../../src/store/loyalty-tables/index.js';
import { lpFixture, MEMBER, type Fixture, type Running } from '../loyaltyplus/lp-till-fixture.js';

let fx: Fixture | undefined;
let running: Running | undefined;
afterEach(async () => {
  if (running) await fx?.stop(running).catch(() => undefined);
  await fx?.close();
  fx = undefined;
  running = undefined;
});

const row = (s: Store, item: GoLiveRow['item']): GoLiveRow => goLiveChecklist(s).find((r) => r.item === item)!;

/** The till flows as start.ts makes them, with the enrolment log start.ts is to pass. */
function flowsWithLog(f: Fixture, r: Running, warnings: string[]): LoyaltyPlusTill {
  return new LoyaltyPlusTill({
    session: r.till, provider: r.lp.provider, outbox: r.lp.outbox!, answerWaitMs: () => 2250,
    enrolmentLog: { storeDir: f.dir, now: () => new Date(), warn: (m) => warnings.push(m) },
  });
}

async function redeemSale(flows: LoyaltyPlusTill, r: Running): Promise<string> {
  await flows.attach(MEMBER.card);
  r.till.scan('BREAD');
  const sale = await flows.tender('LP', undefined);
  expect(sale?.tenders).toEqual([expect.objectContaining({ tenderCode: 'LP', amount: 1500, authorisation: expect.any(String) })]);
  return sale!.saleNumber;
}

async function clearTables(s: Store, at: string): Promise<void> {
  const { dir } = await backupLoyaltyTables(s, { now: new Date(at) });
  await deleteLoyaltyTables(s, { backup: dir, confirmation: DELETE_CONFIRMATION, account: '9000.000.000.00', operator: 'mgr', now: new Date(at) });
}

describe('go-live checklist: enrolment and redeem at a Loyalty Plus till', () => {
  it('counts only the enrolment and the redeem after the reset marks', async () => {
    fx = await lpFixture();
    const f = fx;
    running = f.start();
    const warnings: string[] = [];
    const flows = flowsWithLog(f, running, warnings);

    // Before the tables are cleared: recorded, but not what the checklist asks for.
    await flows.enrol({ name: 'Jane Doe', cellphone: '0821234567', card: '6009111122223333' });
    running.till.abandon();
    const before = await redeemSale(flows, running);
    await flows.settling;
    expect(before).toBe('T1-000001');
    expect(row(f.store, 'enrolment-tested')).toMatchObject({ done: false, detail: expect.stringMatching(/waits for Delete Loyalty tables/) });
    expect(row(f.store, 'redeem-tested').done).toBe(false);

    await clearTables(f.store, new Date().toISOString());
    expect(row(f.store, 'tables-cleared').done).toBe(true);
    expect(row(f.store, 'enrolment-tested')).toMatchObject({ done: false, detail: 'no enrolment since the tables were deleted' });
    expect(row(f.store, 'redeem-tested')).toMatchObject({ done: false, detail: 'no sale with the Loyalty Plus tender since the tables were deleted' });

    // A cash sale after the reset is no redeem.
    running.till.scan('MILK');
    running.till.addTender('CASH');
    expect(row(f.store, 'redeem-tested').done).toBe(false);

    await flows.enrol({ name: 'Sam Bee', cellphone: '0829876543', card: '6009444455556666' });
    running.till.abandon();
    const after = await redeemSale(flows, running);
    await flows.settling;
    expect(after).toBe('T1-000003');
    const enrolled = row(f.store, 'enrolment-tested');
    expect(enrolled.done).toBe(true);
    expect(enrolled.detail).toMatch(/^card \*{12}6666 at till T1, /);
    const redeemed = row(f.store, 'redeem-tested');
    expect(redeemed.done).toBe(true);
    expect(redeemed.detail).toMatch(/^sale T1-000003, R15\.00 redeemed, /);
    expect(warnings).toEqual([]);

    // The durable trace: fsynced lines with a masked card, never the name or cellphone.
    const text = fs.readFileSync(path.join(f.dir, ENROLMENTS_FILE), 'utf8');
    expect(text).not.toMatch(/Jane|Sam|0821234567|0829876543|6009111122223333/);
    expect(readEnrolments(f.dir).map((e) => [e.till, e.card])).toEqual([['T1', '************3333'], ['T1', '************6666']]);
  });

  it('an enrolment refused by its fields leaves no trace', async () => {
    fx = await lpFixture();
    running = fx.start();
    const flows = flowsWithLog(fx, running, []);
    await expect(flows.enrol({ name: 'J', cellphone: '12', card: 'abc' })).rejects.toThrow(/Name/);
    expect(readEnrolments(fx.dir)).toEqual([]);
    expect(fs.existsSync(path.join(fx.dir, ENROLMENTS_FILE))).toBe(false);
  });
});
