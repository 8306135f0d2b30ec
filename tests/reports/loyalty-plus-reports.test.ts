// The Loyalty Plus reports: member sales counted in loyalty-sales, the outbox's waiting and
// refused calls read without opening it, and the upload batches of a real upload to a real sshd.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeAck } from '../../src/integrations/loyaltyplus/outbox/ack-log.js';
import { encodeBatchLine } from '../../src/integrations/loyaltyplus/uploads/batch-log.js';
import { bundleCli } from '../golive/cli-bundle.js';
import { startSshd, type SshdServer } from '../sftp/sshd-server.js';
import { snapshotDir } from '../cli/run-cli.js';
import { clearUploads, loyaltyStore, refundAll, sell, useServer } from '../uploads/upload-fixture.js';
import { runCli } from './report-cli.js';

let sshd: SshdServer;
let bundle: string;
beforeAll(async () => {
  [sshd, bundle] = await Promise.all([startSshd(), bundleCli()]);
}, 120_000);
afterAll(async () => {
  await sshd?.close();
  if (bundle) fs.rmSync(path.dirname(bundle), { recursive: true, force: true });
});

describe('Loyalty Plus reports', () => {
  it('loyalty-sales counts the member sales and refunds only; outbox lists the waiting and refused calls, changing nothing', async () => {
    const { dir, store } = await loyaltyStore();
    const members = sell(store, 'T1', 4, 2); // sales 1 and 3 with the member, 2 and 4 without
    const refund = refundAll(store, 'T1', members[0]!);
    const docs = [...members, refund].map((n) => store.journals.findDocument(n)!);
    store.close();
    // The store's zone is the machine's: ask for the days around today so the UTC date is covered.
    const around = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);
    const rows = runCli(bundle, ['--data', dir, 'report', 'loyalty-sales', '--from', around(-1), '--to', around(1), '--json']).json();
    const total = (kind: string) => docs.filter((d) => d.kind === kind).reduce((n, d) => n + (d as { total: number }).total, 0);
    expect(rows).toEqual([expect.objectContaining({ till: 'T1', sales: 2, refunds: 1, builtIn: 0, loyaltyPlus: 3 })]);
    expect(Math.round(Number(rows[0].salesValue) * 100)).toBe(total('sale'));
    expect(Math.round(Number(rows[0].refundsValue) * 100)).toBe(total('refund'));

    // Nothing delivered yet: every call waits. Then the provider's answers as the outbox writes them:
    // the first earn delivered, the second refused for good.
    const waiting = runCli(bundle, ['--data', dir, 'report', 'outbox', '--json']).json();
    expect(waiting.map((r: any) => [r.state, r.op, r.sale])).toEqual([['waiting', 'earn', members[0]], ['waiting', 'earn', members[1]], ['waiting', 'refund', members[0]]]);
    fs.mkdirSync(path.join(dir, 'outbox'), { recursive: true });
    const [first, second] = waiting;
    fs.writeFileSync(path.join(dir, 'outbox', 'T1.acks.jsonl'), Buffer.concat([
      encodeAck({ id: first.id, op: 'earn', sale: first.sale, createdAt: first.createdAt, at: new Date().toISOString(), result: 'delivered' }),
      encodeAck({ id: second.id, op: 'earn', sale: second.sale, createdAt: second.createdAt, at: '2026-03-10T10:00:00.000Z', result: 'failed', error: { kind: 'refused', message: 'member closed' } }),
    ]));
    const before = snapshotDir(dir);
    const after = runCli(bundle, ['--data', dir, 'report', 'outbox', '--json']);
    expect(after.code, after.stderr).toBe(0);
    expect(after.json()).toEqual([
      { till: 'T1', state: 'waiting', id: waiting[2].id, op: 'refund', sale: members[0], createdAt: waiting[2].createdAt, failedAt: '', reason: '' },
      { till: 'T1', state: 'failed', id: second.id, op: 'earn', sale: members[1], createdAt: second.createdAt, failedAt: '2026-03-10T10:00:00.000Z', reason: 'refused: member closed' },
    ]);
    expect(snapshotDir(dir)).toEqual(before);
    expect(runCli(bundle, ['--data', dir, 'report', 'outbox']).stdout).toMatch(/^Loyalty Plus outbox \(now\)\n.*State/);
  });

  it('uploads: the batches of a real upload run, sent, and one a stopped run left planned', async () => {
    clearUploads(sshd);
    const { dir, store } = await loyaltyStore();
    await useServer(store, sshd.server());
    sell(store, 'T1', 2);
    sell(store, 'T2', 1);
    store.close();
    const up = runCli(bundle, ['upload', '--data', dir, '--json']);
    expect(up.code, up.stderr).toBe(0);
    const rows = runCli(bundle, ['--data', dir, 'report', 'uploads', '--json']).json();
    expect(rows.map((r: any) => [r.batch, r.till, r.fromSeq, r.toSeq, r.rows, r.file, r.state, r.how])).toEqual([
      ['T1-1-2', 'T1', 1, 2, 2, 'P-300_T1_1-2.csv', 'sent', 'uploaded'],
      ['T2-1-1', 'T2', 1, 1, 1, 'P-300_T2_1-1.csv', 'sent', 'uploaded'],
    ]);
    const sizes = JSON.parse(up.stdout).tills.map((t: any) => t.bytes);
    expect(rows.map((r: any) => r.bytes)).toEqual(sizes);
    // What a run killed between planning and sending leaves: a planned line and no sent one.
    const planned = { type: 'planned' as const, id: 'T1-3-3', till: 'T1', fromSeq: 3, toSeq: 3, count: 1, name: 'P-300_T1_3-3.csv', bytes: 99, sha256: '0'.repeat(64),
      at: '2026-03-10T10:00:00.000Z', scanFrom: 0, last: { start: 0, end: 1 }, file: { storeId: 's', partnerId: 'P-300', terminalId: 'TERM-9', decimals: 2 } };
    fs.appendFileSync(path.join(dir, 'uploads', 'batches.jsonl'), encodeBatchLine(planned));
    const all = runCli(bundle, ['--data', dir, 'report', 'uploads', '--csv']);
    expect(all.stdout.split('\n')[0]).toBe('batch,till,fromSeq,toSeq,rows,bytes,file,plannedAt,state,how,sentAt');
    expect(all.stdout.trim().split('\n').at(-1)).toBe('T1-3-3,T1,3,3,1,99,P-300_T1_3-3.csv,2026-03-10T10:00:00.000Z,planned,,');
    // --from/--to pick batches by when they were planned.
    const day = runCli(bundle, ['--data', dir, 'report', 'uploads', '--from', '2026-03-10', '--to', '2026-03-10', '--json']).json();
    expect(day.map((r: any) => r.batch)).toEqual(['T1-3-3']);
  });
});
