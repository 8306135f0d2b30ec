// The till's Loyalty Plus flows against the simulator over real HTTPS: attach, earn on completion
// with the points on the slip, timeouts that never stop a sale, an outage for a burst of sales,
// the tender's authorisation and its reversal when the sale is abandoned or voided after a crash,
// an authorisation whose answer never came, and a refund whose sale's earn still waits.
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { LoyaltyPlusError } from '../../src/integrations/loyaltyplus/types.js';
import { EnrolmentInvalid } from '../../src/integrations/loyaltyplus/till/till-flows.js';
import { lpFixture, MEMBER, until, type Fixture, type Running } from './lp-till-fixture.js';

let fx: Fixture | undefined;
let running: Running[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) await fx?.stop(r).catch(() => undefined);
  await fx?.close();
  fx = undefined;
});

async function setup(o: Parameters<typeof lpFixture>[0] = {}): Promise<{ f: Fixture; r: Running }> {
  fx = await lpFixture(o);
  const r = fx.start();
  running.push(r);
  return { f: fx, r };
}

function journalRecords(f: Fixture, till = 'T1'): any[] {
  const text = fs.readFileSync(`${f.dir}/journals/${till}.jsonl`, 'utf8');
  return text.trim().split('\n').map((l) => JSON.parse(l.slice(9)));
}

describe('Loyalty Plus at the till', () => {
  it('attaches a member, earns once on completion and prints the points and balance on the slip', async () => {
    const { f, r } = await setup();
    const { member, offline } = await r.flows.attach(MEMBER.card);
    expect(offline).toBe(false);
    expect(member).toMatchObject({ account: MEMBER.account, name: MEMBER.name, points: 5000 });
    r.till.scan('BREAD', 2);
    const sale = r.till.addTender('CASH')!;
    expect(sale.member?.account).toBe(MEMBER.account);
    // The earn is a row of the sale's own record.
    const rec = journalRecords(f).find((x) => x.doc.saleNumber === sale.saleNumber);
    expect(rec.rows.filter((x: any) => x.kind === 'lp-outbox').map((x: any) => x.id)).toEqual([`${sale.saleNumber}:earn`]);
    await r.flows.settling;
    expect(f.sim.counts().earn).toBe(1);
    expect(f.points()).toBe(5030);
    const slip = r.till.slipText(r.till.getState().last!, 40);
    expect(slip).toMatch(/Points earned\s+30/);
    expect(slip).toMatch(/Points balance\s+5030/);
    expect(slip).toContain('Loyalty Plus: Thandi Mokoena ***0001');
    expect(fs.readFileSync(r.till.slipPaths(sale).w40, 'utf8')).toMatch(/Points balance\s+5030/);
  });

  it('an unknown number attaches nothing', async () => {
    const { r } = await setup();
    await expect(r.flows.attach('999')).rejects.toMatchObject({ kind: 'unknown-account' });
    expect(r.till.getState().sale).toBeNull();
  });

  it('a timeout never stops the sale: the first sale of the outage waits once, the next ones not at all', async () => {
    const { f, r } = await setup({ timeoutSeconds: 1 });
    await r.flows.attach(MEMBER.card);
    f.sim.setFaults({ delayMs: 1500, times: 1 });
    r.till.scan('BREAD');
    const first = r.till.addTender('CASH')!;
    expect(first.saleNumber).toBe('T1-000001');
    await r.flows.settling;
    expect(r.till.slipText(first, 40)).toContain('Loyalty pending');
    await until(() => r.lp.provider.state() === 'offline', 3000, 'the provider to go offline');
    // Down for a burst: the card is kept offline, sales complete without a call.
    await f.sim.close().catch(() => undefined);
    const before = Date.now();
    for (let i = 0; i < 9; i++) {
      const { offline } = await r.flows.attach(MEMBER.card);
      expect(offline).toBe(true);
      r.till.scan('MILK');
      const s = r.till.addTender('CASH')!;
      await r.flows.settling;
      expect(r.till.slipText(s, 40)).toContain('Loyalty pending');
    }
    expect(Date.now() - before).toBeLessThan(1000 * 9); // none of them waited for the 1 s timeout
    expect(r.lp.outbox!.status().waiting).toBe(10);
  });

  it('provider down for a burst of sales then back: every earn is delivered exactly once', async () => {
    const { f, r } = await setup({ timeoutSeconds: 1 });
    await r.flows.attach(MEMBER.card);
    f.sim.setFaults({ status: 500, times: 1000 });
    for (let i = 0; i < 10; i++) {
      if (i > 0) await r.flows.attach(MEMBER.card);
      r.till.scan('BREAD');
      r.till.addTender('CASH');
      await r.flows.settling;
    }
    expect(r.lp.provider.state()).toBe('offline');
    expect(f.sim.counts().earn ?? 0).toBe(0);
    f.sim.setFaults({ times: 0 });
    await until(() => r.lp.outbox!.status().waiting === 0, 10000, 'the outbox to empty');
    expect(f.sim.counts().earn).toBe(10);
    expect(f.points()).toBe(5000 + 10 * 15);
    expect(r.lp.provider.state()).toBe('online');
  });

  it('the Loyalty Plus tender authorises before the sale completes and the points go down', async () => {
    const { f, r } = await setup();
    await r.flows.attach(MEMBER.account);
    r.till.scan('BREAD');
    const done = await r.flows.tender('LP', 1000);
    expect(done).toBeNull();
    expect(r.till.getState().sale!.tenders[0]).toMatchObject({ tenderCode: 'LP', amount: 1000, authorisation: 'A-000001' });
    expect(f.points()).toBe(4000);
    const sale = await r.flows.tender('LP', undefined);
    expect(sale?.tenders.map((t) => t.amount)).toEqual([1000, 500]);
    await r.flows.settling;
    expect(f.sim.counts().authorise).toBe(2);
    expect(f.sim.counts().reverse ?? 0).toBe(0);
  });

  it('redemption needs the provider online and says so; more than the points is refused and leaves nothing behind', async () => {
    const { f, r } = await setup();
    await r.flows.attach(MEMBER.account);
    r.till.scan('MILK', 3);
    await expect(r.flows.tender('LP', 6000)).rejects.toMatchObject({ kind: 'refused', code: 'INSUFFICIENT_POINTS' });
    expect(r.till.getState().sale!.authorising).toBeUndefined();
    expect(r.till.getState().sale!.tenders).toEqual([]);
    expect(() => r.till.addTender('LP', 100)).toThrow(/authorisation/);
    f.sim.setFaults({ drop: true, times: 5 });
    await expect(r.flows.attach(MEMBER.account)).resolves.toMatchObject({ offline: true });
    await expect(r.flows.tender('LP', 100)).rejects.toThrow(/Redemption needs Loyalty Plus online/);
  });

  it('an abandoned sale reverses its authorisations, once', async () => {
    const { f, r } = await setup();
    await r.flows.attach(MEMBER.account);
    r.till.scan('MILK');
    await r.flows.tender('LP', 700);
    expect(f.points()).toBe(4300);
    r.till.abandon();
    const voidRec = journalRecords(f).find((x) => x.kind === 'void');
    expect(voidRec.doc).toMatchObject({ reason: 'abandoned', tenders: [{ authorisation: 'A-000001', amount: 700 }] });
    await until(() => f.sim.counts().reverse === 1, 5000, 'the reversal');
    expect(f.points()).toBe(5000);
    await r.lp.outbox!.retryNow().catch(() => undefined);
    expect(f.sim.counts().reverse).toBe(1);
  });

  it('a sale open when the till crashed, then voided, reverses its authorisation', async () => {
    const { f, r } = await setup();
    await r.flows.attach(MEMBER.account);
    r.till.scan('MILK');
    await r.flows.tender('LP', 500);
    await f.crash(running.pop()!);
    const again = f.start();
    running.push(again);
    expect(again.till.getState().resumed).toBe(true);
    again.till.abandon();
    expect(journalRecords(f).find((x) => x.kind === 'void').doc.reason).toBe('voided');
    await until(() => f.sim.counts().reverse === 1, 5000, 'the reversal');
    expect(f.points()).toBe(5000);
  });

  it('an authorisation asked for when the till crashed is reversed by its key at the next start', async () => {
    const { f, r } = await setup();
    await r.flows.attach(MEMBER.account);
    r.till.scan('MILK');
    // The answer is lost: the simulator applies it, the till never hears.
    f.sim.setFaults({ delayMs: 3000, times: 1 });
    const asked = r.flows.tender('LP', 900, { signal: AbortSignal.timeout(300) });
    await expect(asked).rejects.toThrow();
    // Esc (the abort) left it unanswered: a void record queues the reversal by key.
    const voided = journalRecords(f).find((x) => x.kind === 'void');
    expect(voided.doc.reason).toBe('uncertain');
    expect(voided.rows[0].body).toMatchObject({ key: voided.doc.pending[0].key, authorise: { amount: 900 } });
    await until(() => f.sim.counts().reverse === 1, 8000, 'the reversal by key');
    expect(f.sim.counts().authorise).toBe(1); // asked again with the same key: answered, not applied twice
    expect(f.points()).toBe(5000);
    expect(r.till.getState().sale!.authorising).toBeUndefined();
  });

  it('an authorisation saved but never sent before a crash is cancelled at restart without taking points', async () => {
    const { f, r } = await setup();
    await r.flows.attach(MEMBER.account);
    r.till.scan('MILK');
    r.till.noteAuthorising({ key: 'T1:auth:crashed', tenderCode: 'LP', account: MEMBER.account, amount: 400 });
    await f.crash(running.pop()!);
    const again = f.start();
    running.push(again);
    expect(again.till.getState().sale!.authorising).toBeUndefined();
    await until(() => again.lp.outbox!.status().waiting === 0 && (f.sim.counts().reverse ?? 0) === 1, 8000, 'the cancel');
    expect(f.points()).toBe(5000);
  });

  it('a refund of a sale whose earn still waits goes after the earn, each once', async () => {
    const { f, r } = await setup({ timeoutSeconds: 1 });
    f.sim.setFaults({ drop: true, times: 1000 });
    await r.flows.attach(MEMBER.card);
    r.till.scan('BREAD', 4);
    const sale = r.till.addTender('CASH')!;
    await r.flows.settling;
    const refund = r.till.refund(sale.saleNumber, [{ lineNo: 1, qty: 2 }]);
    expect(refund.member?.number).toBe(MEMBER.card);
    expect(r.lp.outbox!.pending().map((p) => p.op)).toEqual(['earn', 'refund']);
    f.sim.setFaults({ times: 0 });
    await until(() => r.lp.outbox!.status().waiting === 0, 10000, 'the outbox to empty');
    expect(f.sim.counts()).toMatchObject({ earn: 1, refund: 1 });
    expect(f.points()).toBe(5000 + 60 - 30);
  });

  it('enrols a member after checking the fields, and attaches them', async () => {
    const { f, r } = await setup();
    const bad = await r.flows.enrol({ name: 'J', cellphone: '12', card: 'abc' }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(EnrolmentInvalid);
    expect(Object.keys((bad as EnrolmentInvalid).problems).sort()).toEqual(['card', 'cellphone', 'name']);
    expect(f.sim.counts().enrol ?? 0).toBe(0);
    const m = await r.flows.enrol({ name: ' Jane  Doe ', cellphone: '082 123 4567', card: '6009 1111 2222 33' });
    expect(m).toMatchObject({ name: 'Jane Doe', card: '60091111222233', points: 0 });
    expect(r.till.getState().sale!.member).toMatchObject({ account: m.account, name: 'Jane Doe' });
    // The same enrolment again (a retry after a timeout) is answered, not made twice.
    await r.flows.enrol({ name: 'Jane Doe', cellphone: '0821234567', card: '60091111222233' });
    expect(f.sim.counts().enrol).toBe(1);
    expect((await r.flows.balance()).points).toBe(0);
  });

  it('a balance enquiry needs the provider', async () => {
    const { f, r } = await setup({ timeoutSeconds: 1 });
    expect((await r.flows.balance(MEMBER.account)).points).toBe(5000);
    await f.sim.close();
    await expect(r.flows.balance(MEMBER.account)).rejects.toBeInstanceOf(LoyaltyPlusError);
  });
});
