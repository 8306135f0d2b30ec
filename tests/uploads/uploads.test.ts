// Loyalty Plus sales uploads against a real OpenSSH sshd on loopback: what one run sends, that a
// second sends nothing, that new sales go in a file of their own, both logins, and each way the
// server refuses (nothing is marked sent, and a later good run sends everything exactly once).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runUploads } from '../../src/integrations/loyaltyplus/uploads/run.js';
import { SALES_COLUMNS } from '../../src/integrations/loyaltyplus/uploads/sales-csv.js';
import { lockNow } from '../../src/store/locks.js';
import { readLastUploadRun } from '../../src/store/upload-last-run.js';
import { ioCounters, type Store } from '../../src/store/index.js';
import { denyWrites, startSshd, type SshdServer } from '../sftp/sshd-server.js';
import { clearUploads, FAST_RETRIES, IDS, loyaltyStore, MEMBER, refundAll, sell, serverDocuments, serverFiles, useServer } from './upload-fixture.js';

let sshd: SshdServer;
let store: Store | null = null;
beforeAll(async () => {
  sshd = await startSshd();
});
afterAll(async () => {
  await sshd?.close();
});
afterEach(() => {
  store?.close();
  store = null;
  clearUploads(sshd);
});

const run = (s: Store, extra: Parameters<typeof runUploads>[1] = {}) => runUploads(s, { retryDelaysMs: FAST_RETRIES, ...extra });
const batchLog = (s: Store) => fs.readFileSync(path.join(s.dir, 'uploads', 'batches.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l.slice(9)));

describe('a run', () => {
  it('uploads one file per till whose rows are exactly the loyalty sales and refunds', async () => {
    const s = (store = (await loyaltyStore()).store);
    await useServer(s, sshd.server());
    const t1 = sell(s, 'T1', 6, 2); // T1-000001, -3, -5 have the member
    const t2 = sell(s, 'T2', 3);
    const refund = refundAll(s, 'T2', t2[0]!);
    const r = await run(s);
    expect(r.ok).toBe(true);
    expect(r).toMatchObject({ batches: 2, sales: 7, foundOnServer: 0 });
    const files = serverFiles(sshd);
    expect(files.map((f) => f.name)).toEqual([`P-300_T1_1-5.csv`, `P-300_T2_1-4.csv`]);
    expect(files[0]!.rows.map((x) => x.document)).toEqual(t1);
    expect(files[1]!.rows.map((x) => x.document)).toEqual([...t2, refund]);
    const head = fs.readFileSync(path.join(sshd.uploadDir, files[0]!.name), 'utf8').split('\n')[0];
    expect(head).toBe(SALES_COLUMNS.join(','));
    const sale = files[0]!.rows[0]!;
    expect(sale).toMatchObject({ store_id: s.get('settings').storeId, partner_id: IDS.partnerId, terminal_id: IDS.terminalId, till: 'T1', seq: '1',
      type: 'SALE', member_number: MEMBER.number, member_account: MEMBER.account, total: '15.00', tax: '1.96', loyalty_tender: '0.00', refunded_sale: '' });
    expect(new Date(sale.completed_at!).toISOString()).toBe(sale.completed_at);
    const ref = files[1]!.rows.at(-1)!;
    expect(ref).toMatchObject({ type: 'REFUND', refunded_sale: t2[0], total: '15.00' });
    expect(fs.readdirSync(sshd.uploadDir).filter((n) => n.endsWith('.part'))).toEqual([]);
    expect(fs.readdirSync(path.join(s.dir, 'uploads', 'outgoing'))).toEqual([]);
    expect(r.tills.map((t) => [t.till, t.sales])).toEqual([['T1', 3], ['T2', 4]]);
  });

  it('sends nothing on a second run, and only the new sales on the next', async () => {
    const s = (store = (await loyaltyStore()).store);
    await useServer(s, sshd.server());
    const first = sell(s, 'T1', 3);
    expect((await run(s)).batches).toBe(1);
    const again = await run(s);
    expect(again).toMatchObject({ ok: true, batches: 0, sales: 0 });
    expect(serverFiles(sshd)).toHaveLength(1);
    const later = sell(s, 'T1', 2);
    const third = await run(s);
    expect(third).toMatchObject({ ok: true, batches: 1, sales: 2 });
    const files = serverFiles(sshd);
    expect(files.map((f) => f.name)).toEqual(['P-300_T1_1-3.csv', 'P-300_T1_4-5.csv']);
    expect(files[1]!.rows.map((x) => x.document)).toEqual(later);
    expect(serverDocuments(sshd)).toEqual([...first, ...later]);
  });

  it('finds its files on the server when the batch log was lost or restored from an older backup', async () => {
    const s = (store = (await loyaltyStore()).store);
    await useServer(s, sshd.server());
    const sold = [...sell(s, 'T1', 3), ...sell(s, 'T2', 2)];
    expect(await run(s)).toMatchObject({ ok: true, batches: 2, foundOnServer: 0 });
    const before = serverFiles(sshd).map((f) => [f.name, fs.statSync(path.join(sshd.uploadDir, f.name)).mtimeMs]);
    fs.rmSync(path.join(s.dir, 'uploads'), { recursive: true });
    const again = await run(s);
    expect(again).toMatchObject({ ok: true, batches: 2, foundOnServer: 2 });
    expect(serverFiles(sshd).map((f) => [f.name, fs.statSync(path.join(sshd.uploadDir, f.name)).mtimeMs])).toEqual(before);
    expect(serverDocuments(sshd).sort()).toEqual(sold.sort());
  });

  it('splits a till into files of at most maxRows rows', async () => {
    const s = (store = (await loyaltyStore()).store);
    await useServer(s, sshd.server());
    const sold = sell(s, 'T3', 5);
    const r = await run(s, { maxRows: 2 });
    expect(r).toMatchObject({ ok: true, batches: 3, sales: 5 });
    expect(serverFiles(sshd).map((f) => f.rows.length)).toEqual([2, 2, 1]);
    expect(serverDocuments(sshd)).toEqual(sold);
  });

  it('reads only what the tills appended since the last run, not their whole journals', async () => {
    const s = (store = (await loyaltyStore()).store);
    await useServer(s, sshd.server());
    sell(s, 'T1', 2);
    sell(s, 'T1', 30, 1000); // only the first of these has the member
    expect(await run(s)).toMatchObject({ ok: true, batches: 1, sales: 3 });
    const journal = fs.statSync(path.join(s.dir, 'journals', 'T1.jsonl')).size;
    const before = ioCounters.journalBytesRead;
    expect(await run(s)).toMatchObject({ ok: true, batches: 0 });
    expect(ioCounters.journalBytesRead - before).toBeLessThan(journal / 5);
  });

  it('logs in with the private key file as well', async () => {
    const s = (store = (await loyaltyStore()).store);
    await useServer(s, sshd.server({ password: '', privateKeyFile: sshd.privateKeyFile }));
    const sold = sell(s, 'T1', 2);
    expect(await run(s)).toMatchObject({ ok: true, batches: 1 });
    expect(serverDocuments(sshd)).toEqual(sold);
  });

  it('reports progress up to the total bytes', async () => {
    const s = (store = (await loyaltyStore()).store);
    await useServer(s, sshd.server());
    sell(s, 'T1', 2);
    sell(s, 'T2', 2);
    const seen: [number, number][] = [];
    const r = await run(s, { progress: (d, t) => seen.push([d, t]) });
    expect(seen.at(-1)).toEqual([r.bytes, r.bytes]);
    expect(seen.length).toBe(3);
  });
});

describe('a run that cannot complete', () => {
  it('fails with kind auth on a wrong password, marks nothing sent, and a later run sends it all once', async () => {
    const s = (store = (await loyaltyStore()).store);
    await useServer(s, sshd.server({ password: 'wrong-password-77' }));
    const sold = sell(s, 'T1', 3);
    const r = await run(s);
    expect(r).toMatchObject({ ok: false, kind: 'auth', batches: 0, retries: 0 });
    if (!r.ok) expect(r.message).not.toContain('wrong-password-77');
    // How it ended is recorded for the till's status line, whoever ran it.
    expect(readLastUploadRun(s.dir)).toMatchObject({ ok: false, kind: 'auth' });
    expect(batchLog(s).map((x) => x.type)).toEqual(['planned']);
    expect(serverFiles(sshd)).toEqual([]);
    await useServer(s, sshd.server());
    expect(await run(s)).toMatchObject({ ok: true, batches: 1, sales: 3 });
    expect(serverDocuments(sshd)).toEqual(sold);
    expect(batchLog(s).map((x) => x.type)).toEqual(['planned', 'sent']);
    expect(readLastUploadRun(s.dir)).toEqual({ at: expect.any(String), ok: true });
  });

  it('fails with kind path-missing when the upload path is not there', async () => {
    const s = (store = (await loyaltyStore()).store);
    await useServer(s, sshd.server(), '/no-such-folder');
    sell(s, 'T1', 1);
    const r = await run(s);
    expect(r).toMatchObject({ ok: false, kind: 'path-missing' });
    if (!r.ok) expect(r.message).toContain('/no-such-folder');
  });

  it('fails with kind permission when the folder is not writable', async () => {
    const s = (store = (await loyaltyStore()).store);
    await useServer(s, sshd.server());
    const sold = sell(s, 'T1', 2);
    const giveBack = await denyWrites(sshd, sshd.uploadDir);
    try {
      const r = await run(s);
      expect(r).toMatchObject({ ok: false, kind: 'permission', batches: 0 });
    } finally {
      await giveBack();
    }
    expect(await run(s)).toMatchObject({ ok: true, batches: 1 });
    expect(serverDocuments(sshd)).toEqual(sold);
  });

  it('stops between files when aborted, and the next run sends the rest', async () => {
    const s = (store = (await loyaltyStore()).store);
    await useServer(s, sshd.server());
    const sold = [...sell(s, 'T1', 2), ...sell(s, 'T2', 2), ...sell(s, 'T3', 2)];
    const stop = new AbortController();
    const r = await run(s, { signal: stop.signal, progress: (done) => { if (done > 0) stop.abort(); } });
    expect(r).toMatchObject({ ok: false, kind: 'stopped', batches: 1 });
    expect(serverFiles(sshd)).toHaveLength(1);
    expect(await run(s)).toMatchObject({ ok: true, batches: 2 });
    expect(serverDocuments(sshd).sort()).toEqual(sold.sort());
  });

  it('says what is missing when nothing is set up, without touching the store', async () => {
    const s = (store = (await loyaltyStore()).store);
    sell(s, 'T1', 1);
    const r = await run(s);
    expect(r).toMatchObject({ ok: false, kind: 'not-set-up' });
    if (!r.ok) expect(r.message).toContain('no SFTP account is chosen');
    expect(fs.existsSync(path.join(s.dir, 'uploads'))).toBe(false);
  });

  it('is refused while another run holds the upload lock, naming its process', async () => {
    const s = (store = (await loyaltyStore()).store);
    await useServer(s, sshd.server());
    sell(s, 'T1', 1);
    const held = lockNow(path.join(s.dir, 'locks', 'uploads.lock'), 'uploads', () => undefined);
    try {
      const r = await run(s);
      expect(r).toMatchObject({ ok: false, kind: 'locked' });
      if (!r.ok) expect(r.message).toContain(`process ${process.pid}`);
      // The run in progress will say how it went; a refused one records nothing.
      expect(readLastUploadRun(s.dir)).toBeNull();
    } finally {
      held.release();
    }
    expect(serverFiles(sshd)).toEqual([]);
  });
});
