// `tillpoint upload` as a user runs it: the summary (text and --json), exit 1 with the reason
// when it cannot upload (and {"error"} under --json), exit 2 for a usage error, --help.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSshd, type SshdServer } from '../sftp/sshd-server.js';
import { bundleCli, tillpoint } from './cli-bundle.js';
import { clearUploads, loyaltyStore, sell, serverDocuments, useServer } from './upload-fixture.js';

let sshd: SshdServer;
let bundle: { file: string; remove(): void };
beforeAll(async () => {
  [sshd, bundle] = await Promise.all([startSshd(), bundleCli()]);
});
afterAll(async () => {
  await sshd?.close();
  bundle?.remove();
});

describe('tillpoint upload', () => {
  it('uploads and prints the summary, as JSON under --json', async () => {
    clearUploads(sshd);
    const { dir, store } = await loyaltyStore();
    await useServer(store, sshd.server());
    const sold = [...sell(store, 'T1', 2), ...sell(store, 'T2', 1)];
    store.close();
    const r = tillpoint(bundle.file, ['upload', '--data', dir, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ batches: 2, sales: 3, foundOnServer: 0, retries: 0 });
    expect(out.tills.map((t: { till: string; files: string[] }) => [t.till, t.files])).toEqual([['T1', ['P-300_T1_1-2.csv']], ['T2', ['P-300_T2_1-1.csv']]]);
    expect(serverDocuments(sshd).sort()).toEqual(sold.sort());
    const again = tillpoint(bundle.file, ['upload', '--data', dir]);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe('Loyalty Plus uploads: nothing new to upload\n');
  });

  it('prints the files per till without --json', async () => {
    clearUploads(sshd);
    const { dir, store } = await loyaltyStore();
    await useServer(store, sshd.server());
    sell(store, 'T1', 2);
    store.close();
    const r = tillpoint(bundle.file, ['upload', '--data', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Loyalty Plus uploads: 1 file\(s\), 2 sale\(s\) and refund\(s\), \d+ bytes\n  T1: 1 file\(s\), 2 sale\(s\): P-300_T1_1-2\.csv\n$/);
  });

  it('exits 1 with the reason when the server refuses the login, never showing the password', async () => {
    const { dir, store } = await loyaltyStore();
    await useServer(store, sshd.server({ password: 'Secret-Wrong-9' }));
    sell(store, 'T1', 1);
    store.close();
    const r = tillpoint(bundle.file, ['upload', '--data', dir, '--json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^tillpoint: Loyalty Plus upload failed .* at step "login" \(auth\)/);
    expect(JSON.parse(r.stdout).error).toMatch(/\(auth\)/);
    expect(`${r.stdout}${r.stderr}`).not.toContain('Secret-Wrong-9');
  });

  it('exits 1 when nothing is set up, 2 on a usage error, and has --help', async () => {
    const { dir, store } = await loyaltyStore();
    store.close();
    const r = tillpoint(bundle.file, ['upload', '--data', dir, '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).error).toContain('not set up: no SFTP account is chosen');
    expect(tillpoint(bundle.file, ['upload', 'now', '--data', dir]).code).toBe(2);
    const bad = tillpoint(bundle.file, ['upload', '--item', 'X', '--data', dir]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('upload does not take --item');
    const help = tillpoint(bundle.file, ['upload', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('IQEvent_LoyaltyPlus_Sales');
    expect(tillpoint(bundle.file, ['--help']).stdout).toContain('tillpoint upload [--json]');
  });
});
