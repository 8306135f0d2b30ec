// The network checks against real servers: the Loyalty Plus simulator over HTTPS on loopback and a
// real OpenSSH sshd. A signed lookup that the service accepts is ok; a wrong secret, a stopped
// service and a wrong SFTP password each fail with the kind, the step and the fix. No secret and
// no password appears anywhere in what the doctor prints.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../src/integrations/loyaltyplus/simulator/server.js';
import type { SettingsDoc } from '../../src/store/documents-types.js';
import { openStore } from '../../src/store/index.js';
import { IDS, MEMBER, SECRETS } from '../loyaltyplus/lp-till-fixture.js';
import { startSshd, type SshdServer } from '../sftp/sshd-server.js';
import { bundleCli, tillpoint } from '../uploads/cli-bundle.js';
import { doctorAsync, snapshot, tempRoot, tillpointAsync, type DoctorRun } from './helpers.js';

const WRONG_PASSWORD = 'not-the-Password-9Xq';
const WRONG_SECRET = 'wrong-End-Secret-4Zt';

let bundle: { file: string; remove(): void };
let root: string;
let dir: string;
let sim: RunningSimulator | undefined;
let sshd: SshdServer | undefined;
/** A copy of the simulator's CA, so the stopped service is a refused connection, not a missing CA file. */
let caFile: string;

async function setSettings(change: (d: SettingsDoc) => void): Promise<void> {
  const store = await openStore(dir, { stderr: false });
  try {
    await store.edit('settings', change);
  } finally {
    store.close();
  }
}

/** The JSON run and the text run, both searched for every secret. */
async function run(): Promise<DoctorRun> {
  const [r, text] = [await doctorAsync(bundle.file, dir), await tillpointAsync(bundle.file, ['doctor', '--data', dir])];
  const all = `${r.stdout}\n${r.stderr}\n${text.stdout}\n${text.stderr}`;
  for (const secret of [SECRETS.secretStart, SECRETS.secretEnd, WRONG_SECRET, sshd!.password, WRONG_PASSWORD]) expect(all).not.toContain(secret);
  expect(text.code).toBe(r.code);
  return r;
}

beforeAll(async () => {
  bundle = await bundleCli();
  root = tempRoot('tillpoint-doctor-net-');
  dir = path.join(root, 'store');
  sim = await startSimulator({ host: '127.0.0.1', ...IDS, ...SECRETS, members: [MEMBER] });
  caFile = path.join(root, 'ca.pem');
  fs.copyFileSync(sim.caFile, caFile);
  sshd = await startSshd();
  const init = tillpoint(bundle.file, ['--data', dir, 'init']);
  if (init.code !== 0) throw new Error(init.stderr);
  await setSettings((d) => {
    d.defaults2.loyaltyProvider = 'loyalty-plus';
    d.loyaltyPlus = { enabled: true, url: 'https://127.0.0.1', port: sim!.port, ...SECRETS, ...IDS, timeoutSeconds: 2, tls: 'TLSv1.2', caFile, testResults: [] };
    d.loyaltyPlusUploads = { servers: [sshd!.server()], account: 'Test SFTP', uploadPath: '/upload', testResults: [] };
  });
}, 60_000);

afterAll(async () => {
  await sim?.close();
  await sshd?.close();
  bundle?.remove();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

describe('doctor: web service and SFTP', () => {
  it('passes with both set up right: a signed lookup accepted, a probe file put, renamed and removed', async () => {
    const before = snapshot(dir);
    const r = await run();
    expect(r.check('web-service')).toMatchObject({ status: 'ok', fix: '' });
    expect(r.check('web-service').detail).toBe(`https://127.0.0.1:${sim!.port} accepted a signed member lookup (the account looked up is not a member)`);
    expect(r.check('sftp')).toMatchObject({ status: 'ok', fix: '' });
    expect(r.check('sftp').detail).toContain('logged in, wrote and renamed a probe file in the Upload Path, removed it');
    expect(fs.readdirSync(sshd!.uploadDir)).toEqual([]);
    expect(r.report.ok).toBe(true);
    expect(r.code).toBe(0);
    expect(snapshot(dir)).toEqual(before);
  });

  it('looks up the account of the last Test when there is one', async () => {
    await setSettings((d) => { d.loyaltyPlus!.testResults = [{ at: '2026-11-30T10:00:00Z', ok: true, account: MEMBER.account }]; });
    const r = await run();
    expect(r.check('web-service')).toMatchObject({ status: 'ok', detail: `https://127.0.0.1:${sim!.port} answered a signed member lookup` });
  });

  it('fails a wrong secret as a signature refusal, with the fix', async () => {
    await setSettings((d) => { d.loyaltyPlus!.secretEnd = WRONG_SECRET; });
    const r = await run();
    const c = r.check('web-service');
    expect(c.status).toBe('fail');
    expect(c.detail).toContain('[signature]');
    expect(c.detail).toContain('BAD_SIGNATURE');
    expect(c.fix).toContain('re-enter Secret Start and Secret End');
    expect(r.code).toBe(1);
    await setSettings((d) => { d.loyaltyPlus!.secretEnd = SECRETS.secretEnd; });
  });

  it('fails a wrong SFTP password at the login step, with the fix, never printing a password', async () => {
    await setSettings((d) => { d.loyaltyPlusUploads!.servers[0]!.password = WRONG_PASSWORD; });
    const r = await run();
    const c = r.check('sftp');
    expect(c.status).toBe('fail');
    expect(c.detail).toMatch(/failed at step login \[auth\]/);
    expect(c.detail).toContain(`${sshd!.user}@127.0.0.1:${sshd!.port}`);
    expect(c.fix).toContain('re-enter Username and Password');
    expect(r.check('web-service').status).toBe('ok');
    expect(r.code).toBe(1);
    await setSettings((d) => { d.loyaltyPlusUploads!.servers[0]!.password = sshd!.password; });
  });

  it('fails with a connect failure when the Loyalty Plus service is stopped', async () => {
    const port = sim!.port;
    await sim!.close();
    sim = undefined;
    const r = await run();
    const c = r.check('web-service');
    expect(c.status).toBe('fail');
    expect(c.detail).toContain(`could not connect to 127.0.0.1:${port} (ECONNREFUSED)`);
    expect(c.detail).toContain('[connect]');
    expect(c.fix).toContain('check the URL and Port');
    expect(c.fix).toContain('that the Loyalty Plus service is up');
    expect(r.check('sftp').status).toBe('ok');
    expect(r.code).toBe(1);
  });
});
