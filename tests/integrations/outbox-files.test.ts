// The outbox's own pieces without a provider: entries told apart from other rows, builders that
// keep a retry's body byte-identical, the acks file's torn-tail repair, and the backoff curve.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AckLog, decodeAck, encodeAck } from '../../src/integrations/loyaltyplus/outbox/ack-log.js';
import { backoffMs } from '../../src/integrations/loyaltyplus/outbox/delivery.js';
import { earnEntry, isOutboxEntry, refundEntry, reverseEntry } from '../../src/integrations/loyaltyplus/outbox/entries.js';
import { Outbox } from '../../src/integrations/loyaltyplus/outbox/outbox.js';
import type { Store } from '../../src/store/index.js';
import { recordSale, tempStore } from './outbox-helpers.js';

const AT = '2026-12-01T10:00:00.000Z';
const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

describe('outbox entries', () => {
  it('builds entries keyed by document and op, and tells them from other rows', () => {
    const earn = earnEntry({ lines: [{ value: 500, qty: 1, item: 'BREAD' }], amount: 500, at: AT, sale: 'T1-000042', account: '4000001' });
    expect(earn).toMatchObject({ kind: 'lp-outbox', id: 'T1-000042:earn', op: 'earn', sale: 'T1-000042', createdAt: AT });
    // Fields in the protocol's order whatever order the caller used: the retry sends the same bytes.
    expect(JSON.stringify(earn.body)).toBe('{"account":"4000001","sale":"T1-000042","at":"2026-12-01T10:00:00.000Z","amount":500,"lines":[{"item":"BREAD","qty":1,"value":500}]}');
    const refund = refundEntry({ account: '4000001', sale: 'T1-000042', refund: 'T2-000007', at: AT, amount: 500 });
    expect(refund).toMatchObject({ id: 'T2-000007:refund', op: 'refund', sale: 'T1-000042' });
    const reverse = reverseEntry({ doc: 'T1-000043', sale: 'T1-000043', authorisation: 'A-000001', reason: 'voided', at: AT });
    expect(reverse).toMatchObject({ id: 'T1-000043:reverse:A-000001', body: { authorisation: 'A-000001', reason: 'voided' } });
    for (const e of [earn, refund, reverse]) expect(isOutboxEntry(JSON.parse(JSON.stringify(e)))).toBe(true);
    const loyaltyRow = { kind: 'earn', debtor: 'D1', amount: 375, source: 'T1-000001', period: '2026-05' };
    for (const row of [loyaltyRow, null, 'x', { ...earn, op: 'pay' }, { ...earn, id: 'has space' }, { ...earn, body: { ...earn.body, amount: 1.5 } }]) {
      expect(isOutboxEntry(row)).toBe(false);
    }
    expect(() => earnEntry({ account: '1', sale: 'T1 000001', at: AT, amount: 1, lines: [] })).toThrow(/not a valid Idempotency-Key/);
  });

  it('backs off from firstMs, doubling, never past maxMs', () => {
    const b = { firstMs: 2000, maxMs: 300_000 };
    expect([1, 2, 3, 9, 10, 50].map((n) => backoffMs(n, b, () => 1))).toEqual([2000, 4000, 8000, 300_000, 300_000, 300_000]);
    expect(backoffMs(1, b, () => 0)).toBe(1500);
  });
});

describe('the acks file', () => {
  it('checks each line, and cuts off a torn last line so the next ack stands on its own line', async () => {
    const line = encodeAck({ id: 'T1-000001:earn', at: AT, result: 'delivered', answer: { points: 5 } });
    expect(decodeAck(line.subarray(0, line.length - 1))).toMatchObject({ id: 'T1-000001:earn' });
    const damaged = Buffer.from(line);
    damaged[20] = damaged[20]! ^ 1;
    expect(decodeAck(damaged.subarray(0, damaged.length - 1))).toBeNull();

    const { dir, store, warnings } = await tempStore();
    stores.push(store);
    const w = store.claimTill('T1');
    recordSale(w, 1000, AT);
    recordSale(w, 2000, AT);
    w.release();
    const outbox = path.join(dir, 'outbox');
    fs.mkdirSync(outbox);
    fs.writeFileSync(path.join(outbox, 'T1.acks.jsonl'), Buffer.concat([line, line.subarray(0, 30)]));
    const box = Outbox.open(store, 'T1', { client: () => null, now: () => new Date(AT) });
    expect(warnings.some((m) => m.includes('torn line'))).toBe(true);
    expect(box.pending().map((p) => p.id)).toEqual(['T1-000002:earn']);
    await box.close();
    const log = AckLog.open(outbox, 'T1', () => {});
    expect(log.read(0, () => {})).toHaveLength(1);
    log.append({ id: 'T1-000002:earn', at: AT, result: 'delivered' });
    expect(log.read(0, () => {}).map((a) => a.id)).toEqual(['T1-000001:earn', 'T1-000002:earn']);
    log.close();
  });
});
