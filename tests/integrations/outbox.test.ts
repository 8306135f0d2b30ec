// The Loyalty Plus outbox against the real simulator over HTTPS: entries travel in the sale's own
// journal record, are delivered with their id as the Idempotency-Key, wait with backoff while
// the provider is down, and are acknowledged in outbox/<TILL>.acks.jsonl exactly once. The
// outbox's clock is a fake one moved by hand; deliverDue is called directly, so no assertion
// depends on wall-clock timing.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { earnEntry } from '../../src/integrations/loyaltyplus/outbox/entries.js';
import { Outbox, type OutboxOptions } from '../../src/integrations/loyaltyplus/outbox/outbox.js';
import type { RunningSimulator } from '../../src/integrations/loyaltyplus/simulator/server.js';
import type { LoyaltyPlusApi } from '../../src/integrations/loyaltyplus/types.js';
import { ioCounters, StoreError, type Store, type TillJournalWriter } from '../../src/store/index.js';
import { clientFor, readAcks, recordRefund, recordSale, saleDoc, SECRETS, startSim, tempStore } from './outbox-helpers.js';

let sim: RunningSimulator;
let client: LoyaltyPlusApi;
let dir: string;
let store: Store;
let writer: TillJournalWriter;
let warnings: string[];
const clock = { t: 0 };
const boxes: Outbox[] = [];
const extraClients: LoyaltyPlusApi[] = [];

beforeEach(async () => {
  sim = await startSim();
  client = clientFor(sim);
  ({ dir, store } = await tempStore());
  writer = store.claimTill('T1');
  warnings = [];
  clock.t = Date.now();
});
afterEach(async () => {
  for (const b of boxes.splice(0)) await b.close();
  writer.release();
  store.close();
  await Promise.all([client, ...extraClients.splice(0)].map((c) => c.close()));
  await sim.close();
});

const iso = () => new Date(clock.t).toISOString();
const points = () => sim.members()[0]!.points;

function open(over: Partial<OutboxOptions> = {}): Outbox {
  const box = Outbox.open(store, 'T1', { client: () => client, now: () => new Date(clock.t), warn: (m) => warnings.push(m), ...over });
  boxes.push(box);
  return box;
}

async function close(box: Outbox): Promise<void> {
  boxes.splice(boxes.indexOf(box), 1);
  await box.close();
}

/** Moves the fake clock to when the first waiting entry goes next. */
function advanceToNext(box: Outbox): number {
  const wait = Date.parse(box.pending()[0]!.nextAttemptAt) - clock.t;
  clock.t += wait;
  return wait;
}

function expectNoSecrets(text: string): void {
  for (const s of [SECRETS.secretStart, SECRETS.secretEnd]) expect(text).not.toContain(s);
}

describe('the Loyalty Plus outbox', () => {
  it('delivers an earn once with its id as the key, acknowledges it, and finds records it was not told about', async () => {
    const box = open();
    const changes: number[] = [];
    box.onChange(() => changes.push(box.status().waiting));
    const { rec } = recordSale(writer, 2500, iso());
    box.noteRecorded(rec);
    expect(box.pending()).toEqual([expect.objectContaining({ id: 'T1-000001:earn', op: 'earn', sale: 'T1-000001', attempts: 0, stale: false })]);
    await box.deliverDue();
    expect(sim.counts().earn).toBe(1);
    expect(readAcks(dir)).toEqual([expect.objectContaining({ id: 'T1-000001:earn', result: 'delivered', answer: { sale: 'T1-000001', points: 25, balance: 25 } })]);
    expect(box.pending()).toEqual([]);
    expect(box.status()).toEqual({ online: true, waiting: 0, stale: 0, failed: 0 });
    expect(changes).toContain(1);
    expect(changes.at(-1)).toBe(0);

    recordSale(writer, 1000, iso()); // not noted: the next pass reads it from the journal
    await box.deliverDue();
    await box.deliverDue();
    expect(sim.counts().earn).toBe(2);
    expect(readAcks(dir).map((a) => a.id)).toEqual(['T1-000001:earn', 'T1-000002:earn']);
    expect(points()).toBe(35);
  });

  it('holds a burst of 20 sales while the provider is down, backing off, and applies each earn once when it is back', async () => {
    const box = open();
    sim.setFaults({ status: 500 });
    let expected = 0;
    for (let i = 1; i <= 20; i++) {
      box.noteRecorded(recordSale(writer, i * 100, iso()).rec);
      expected += i;
    }
    await box.deliverDue();
    expect(sim.counts().earn).toBe(0);
    expect(box.status()).toMatchObject({ online: false, waiting: 20 });
    const [head, ...rest] = box.pending();
    expect(head).toMatchObject({ id: 'T1-000001:earn', attempts: 1, lastError: { kind: 'http-status' } });
    expectNoSecrets(head!.lastError!.message);
    // The pass stopped at the first failure: the others were not sent, and wait behind it.
    expect(rest.every((p) => p.attempts === 0 && p.nextAttemptAt === head!.nextAttemptAt)).toBe(true);

    // Not due yet: a pass sends nothing.
    await box.deliverDue();
    expect(box.pending()[0]!.attempts).toBe(1);

    const waits = [Date.parse(head!.nextAttemptAt) - clock.t];
    for (let i = 0; i < 10; i++) {
      advanceToNext(box);
      await box.deliverDue();
      waits.push(Date.parse(box.pending()[0]!.nextAttemptAt) - clock.t);
    }
    expect(box.pending()[0]!.attempts).toBe(11);
    expect(waits[0]).toBeGreaterThanOrEqual(1500);
    expect(waits[0]).toBeLessThanOrEqual(2000);
    // Doubling (with jitter that only shortens) until the cap of 5 minutes.
    for (let i = 1; i < 7; i++) expect(waits[i]!).toBeGreaterThan(waits[i - 1]!);
    expect(Math.max(...waits)).toBeLessThanOrEqual(300_000);
    expect(waits.at(-1)!).toBeGreaterThanOrEqual(225_000);

    sim.setFaults({ drop: true }); // a lost connection is retried too
    advanceToNext(box);
    await box.deliverDue();
    expect(box.pending()[0]).toMatchObject({ attempts: 12, lastError: { kind: 'connect' } });

    sim.setFaults({ times: 0 });
    advanceToNext(box);
    await box.deliverDue();
    expect(sim.counts().earn).toBe(20);
    const acks = readAcks(dir);
    expect(acks.map((a) => a.id)).toEqual(Array.from({ length: 20 }, (_, i) => `T1-${String(i + 1).padStart(6, '0')}:earn`));
    expect(acks.every((a) => a.result === 'delivered')).toBe(true);
    expect(box.status()).toEqual({ online: true, waiting: 0, stale: 0, failed: 0 });
    expect(points()).toBe(expected);
  });

  it('applies an earn the provider took but answered too late only once', async () => {
    const slow = clientFor(sim, 1);
    extraClients.push(slow);
    const box = open({ client: () => slow });
    box.noteRecorded(recordSale(writer, 4200, iso()).rec);
    sim.setFaults({ delayMs: 3000, times: 1 });
    await box.deliverDue();
    expect(sim.counts().earn).toBe(1); // applied, but the answer never came in time
    expect(box.pending()[0]).toMatchObject({ attempts: 1, lastError: { kind: 'timeout' } });
    expect(readAcks(dir)).toEqual([]);
    advanceToNext(box);
    await box.deliverDue();
    expect(sim.counts().earn).toBe(1);
    expect(readAcks(dir)).toEqual([expect.objectContaining({ id: 'T1-000001:earn', result: 'delivered', answer: expect.objectContaining({ points: 42 }) })]);
    expect(points()).toBe(42);
  });

  it('sends the refund of a sale whose earn still waits after that earn', async () => {
    const box = open();
    sim.setFaults({ status: 503 });
    const { rec, sale } = recordSale(writer, 2500, iso());
    box.noteRecorded(rec);
    box.noteRecorded(recordRefund(writer, sale, iso()));
    await box.deliverDue();
    expect(box.pending().map((p) => [p.id, p.op, p.sale, p.attempts])).toEqual([
      ['T1-000001:earn', 'earn', 'T1-000001', 1],
      ['T1-000002:refund', 'refund', 'T1-000001', 0],
    ]);
    sim.setFaults({ times: 0 });
    advanceToNext(box);
    await box.deliverDue();
    expect(sim.counts()).toMatchObject({ earn: 1, refund: 1 });
    // Sent the other way round, the refund would have found no points to take back.
    expect(readAcks(dir).map((a) => [a.id, a.answer?.points])).toEqual([['T1-000001:earn', 25], ['T1-000002:refund', 25]]);
    expect(points()).toBe(0);
  });

  it('flags an entry waiting more than 24 hours as stale, keeps retrying it, and waits quietly without a client', async () => {
    let current: LoyaltyPlusApi | null = null;
    const box = open({ client: () => current });
    box.noteRecorded(recordSale(writer, 700, iso()).rec);
    await box.deliverDue();
    expect(box.status()).toEqual({ online: false, waiting: 1, stale: 0, failed: 0 });
    clock.t += 24 * 3600_000 + 1;
    expect(box.pending()[0]).toMatchObject({ stale: true, attempts: 0 });
    expect(box.status()).toMatchObject({ waiting: 1, stale: 1 });
    await box.deliverDue();
    expect(warnings.filter((w) => w.includes('more than 24 hours'))).toHaveLength(1);
    await box.deliverDue();
    expect(warnings.filter((w) => w.includes('more than 24 hours'))).toHaveLength(1);
    current = client;
    await box.deliverDue();
    expect(sim.counts().earn).toBe(1);
    expect(box.status()).toEqual({ online: true, waiting: 0, stale: 0, failed: 0 });
  });

  it('acknowledges a final refusal as failed, reports it for reconciliation, never retries it, and goes on', async () => {
    const box = open();
    const at = iso();
    const unknown = earnEntry({ account: '4999999', sale: 'T1-000001', at, amount: 900, lines: [{ item: 'BREAD', qty: 1, value: 900 }] });
    box.noteRecorded(writer.append({ kind: 'sale', operator: 'system', at, doc: saleDoc('T1', 1, 900, at), rows: [unknown] }));
    box.noteRecorded(recordSale(writer, 1500, iso()).rec);
    await box.deliverDue();
    const acks = readAcks(dir);
    expect(acks.map((a) => [a.id, a.result])).toEqual([['T1-000001:earn', 'failed'], ['T1-000002:earn', 'delivered']]);
    expect(acks[0]!.error).toMatchObject({ kind: 'unknown-account' });
    expect(box.failed()).toEqual([expect.objectContaining({ id: 'T1-000001:earn', op: 'earn', sale: 'T1-000001', error: expect.objectContaining({ kind: 'unknown-account' }) })]);
    expect(box.status()).toEqual({ online: true, waiting: 0, stale: 0, failed: 1 });
    expect(warnings.some((w) => w.includes('T1-000001:earn') && w.includes('reconciliation'))).toBe(true);
    clock.t += 3600_000;
    await box.deliverDue();
    expect(readAcks(dir)).toHaveLength(2);
    await expect(box.retryNow('T1-000001:earn')).rejects.toThrow(/no Loyalty Plus call T1-000001:earn is waiting/);
    expectNoSecrets(warnings.join('\n') + fs.readFileSync(path.join(dir, 'outbox', 'T1.acks.jsonl'), 'utf8'));

    // Still known after a reopen, from the state file or the acks.
    await close(box);
    expect(open().failed().map((f) => f.id)).toEqual(['T1-000001:earn']);
  });

  it('retries now on a manager\'s request, whatever the backoff says', async () => {
    const box = open();
    sim.setFaults({ status: 500 });
    box.noteRecorded(recordSale(writer, 300, iso()).rec);
    box.noteRecorded(recordSale(writer, 400, iso()).rec);
    await box.deliverDue();
    await box.deliverDue();
    expect(box.pending()[0]!.attempts).toBe(1);
    sim.setFaults({ times: 0 });
    await box.retryNow('T1-000001:earn');
    expect(sim.counts().earn).toBe(2);
    expect(box.pending()).toEqual([]);
  });

  it('after a reopen sends only what is not yet acknowledged, reading from its state, and survives a bad state', async () => {
    let box = open();
    for (let i = 0; i < 3; i++) recordSale(writer, 1000, iso());
    await box.deliverDue();
    expect(sim.counts().earn).toBe(3);
    for (let i = 0; i < 3; i++) recordSale(writer, 2000, iso());
    await close(box);
    const state = JSON.parse(fs.readFileSync(path.join(dir, 'outbox', 'T1.state.json'), 'utf8'));
    expect(state).toMatchObject({ v: 1, till: 'T1', journal: { seq: 3 } });

    const size = fs.statSync(path.join(dir, 'journals', 'T1.jsonl')).size;
    const before = ioCounters.journalBytesRead;
    box = open();
    expect(ioCounters.journalBytesRead - before).toBeLessThan(size - state.journal.start + 1);
    expect(box.pending().map((p) => p.id)).toEqual(['T1-000004:earn', 'T1-000005:earn', 'T1-000006:earn']);
    await box.deliverDue();
    expect(sim.counts().earn).toBe(6);
    await close(box);

    // A state that does not check out is ignored, loudly; the acks still keep anything from going twice.
    fs.writeFileSync(path.join(dir, 'outbox', 'T1.state.json'), JSON.stringify({ ...state, journal: { start: 0, end: 10, seq: 9 } }));
    recordSale(writer, 500, iso());
    box = open();
    expect(warnings.some((w) => w.startsWith('ignoring outbox/T1.state.json'))).toBe(true);
    expect(box.pending().map((p) => p.id)).toEqual(['T1-000007:earn']);
    await box.deliverDue();
    expect(sim.counts().earn).toBe(7);
    expect(new Set(readAcks(dir).map((a) => a.id)).size).toBe(7);
  });

  it('refuses a second outbox for the same till while one is open', () => {
    open();
    expect(() => open()).toThrow(StoreError);
  });

  it('delivers in the background on a timer once started, and stops', async () => {
    const box = open({ now: () => new Date() });
    box.start(20);
    recordSale(writer, 800, new Date().toISOString());
    await expect.poll(() => sim.counts().earn, { timeout: 10_000 }).toBe(1);
    box.stop();
    recordSale(writer, 800, new Date().toISOString());
    await new Promise((r) => setTimeout(r, 200));
    expect(sim.counts().earn).toBe(1);
  });
});
