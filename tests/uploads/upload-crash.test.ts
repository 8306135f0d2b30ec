// SIGKILL of a real `tillpoint upload` at each step of a run (after the batch record, half-way
// through the put, after the put before the rename, after the rename before the `sent` record),
// then an ordinary run: every sale is on the server exactly once, no temporary file is left, and
// the SFTP password is in no file but settings.json and in no output.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSshd, type SshdServer } from '../sftp/sshd-server.js';
import { bundleCli, tillpoint, type Child } from './cli-bundle.js';
import { clearUploads, filesBesidesSettings, loyaltyStore, sell, serverDocuments, useServer } from './upload-fixture.js';

let sshd: SshdServer;
let bundle: string;
let removeBundle = () => {};
const outputs: Child[] = [];
beforeAll(async () => {
  const [s, b] = await Promise.all([startSshd(), bundleCli()]);
  sshd = s;
  bundle = b.file;
  removeBundle = b.remove;
});
afterAll(async () => {
  await sshd?.close();
  removeBundle();
});

/** A store of two tills with loyalty sales (and some without a member), set up for the sshd. */
async function prepared(): Promise<{ dir: string; sold: string[] }> {
  const { dir, store } = await loyaltyStore();
  await useServer(store, sshd.server());
  const sold = [...sell(store, 'T1', 40, 3), ...sell(store, 'T2', 25)];
  store.close();
  return { dir, sold };
}

function upload(dir: string, crashAt?: string): Child {
  const r = tillpoint(bundle, ['upload', '--data', dir, '--json'], crashAt ? { TILLPOINT_CRASH_AT: crashAt } : {});
  outputs.push(r);
  return r;
}

const partFiles = () => fs.readdirSync(sshd.uploadDir).filter((n) => n.endsWith('.part'));

describe('a run killed at each step', () => {
  for (const point of ['uploads:after-planned', 'uploads:mid-put', 'uploads:after-put', 'uploads:after-rename']) {
    it(`${point}: the next run completes it and each sale is on the server once`, async () => {
      clearUploads(sshd);
      const { dir, sold } = await prepared();
      const killed = upload(dir, point);
      expect(killed.signal, killed.stderr).toBe('SIGKILL');
      if (point === 'uploads:mid-put') expect(partFiles()).toHaveLength(1);
      if (point === 'uploads:after-rename') expect(serverDocuments(sshd).length).toBeGreaterThan(0);
      if (point === 'uploads:after-planned') expect(serverDocuments(sshd)).toEqual([]);
      const next = upload(dir);
      expect(next.code, next.stderr).toBe(0);
      const summary = JSON.parse(next.stdout);
      expect(summary.foundOnServer).toBe(point === 'uploads:after-rename' ? 1 : 0);
      expect(serverDocuments(sshd).sort()).toEqual([...sold].sort());
      expect(partFiles()).toEqual([]);
      expect(fs.readdirSync(path.join(dir, 'uploads', 'outgoing'))).toEqual([]);
      const quiet = upload(dir);
      expect(JSON.parse(quiet.stdout)).toMatchObject({ batches: 0, sales: 0 });
      expect(serverDocuments(sshd)).toHaveLength(sold.length);
      for (const f of filesBesidesSettings(dir)) expect(f.text.includes(sshd.password), f.file).toBe(false);
    });
  }

  it('rebuilds a planned batch from the journal when its local copy is gone, with the same checksum', async () => {
    clearUploads(sshd);
    const { dir, sold } = await prepared();
    expect(upload(dir, 'uploads:after-planned').signal).toBe('SIGKILL');
    const outgoing = path.join(dir, 'uploads', 'outgoing');
    for (const n of fs.readdirSync(outgoing)) fs.rmSync(path.join(outgoing, n));
    const next = upload(dir);
    expect(next.code, next.stderr).toBe(0);
    expect(next.stderr).toContain('rebuilt it from journal T1');
    expect(serverDocuments(sshd).sort()).toEqual([...sold].sort());
  });

  it('cuts off a torn last line of the batch log and carries on', async () => {
    clearUploads(sshd);
    const { dir, sold } = await prepared();
    expect(upload(dir, 'uploads:after-put').signal).toBe('SIGKILL');
    const log = path.join(dir, 'uploads', 'batches.jsonl');
    fs.appendFileSync(log, '0badc0de {"type":"sent","id":"T1-1-');
    const next = upload(dir);
    expect(next.code, next.stderr).toBe(0);
    expect(next.stderr).toContain('unfinished write');
    expect(fs.readFileSync(log, 'utf8').endsWith('\n')).toBe(true);
    expect(serverDocuments(sshd).sort()).toEqual([...sold].sort());
  });

  it('never printed the password', () => {
    expect(outputs.length).toBeGreaterThan(10);
    for (const o of outputs) expect(`${o.stdout}${o.stderr}`.includes(sshd.password)).toBe(false);
  });
});
