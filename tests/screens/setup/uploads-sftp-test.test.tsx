// The FTP server Test of LoyaltyPlus Loyalty Uploads against a real OpenSSH sshd on loopback
// (tests/sftp/sshd-server.ts): success recorded, the first host key shown and accepted, a changed
// key refused, a wrong password and a missing Upload Path named, Esc stops waiting for a server
// that does not answer. The password is never drawn.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { UploadsSetupScreen } from '../../../src/screens/setup/module-parameters/uploads-setup.js';
import type { SftpServer } from '../../../src/store/uploads-settings.js';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startSshd, type SshdServer } from '../../sftp/sshd-server.js';
import { freePort } from '../../sftp/sshd-os.js';
import { stripAnsi, type Rendered } from '../render.js';
import { ENTER, ESC, F10, F2, F8, INS, SHIFT_TAB, TAB, ctrl } from '../keys.js';
import { MENU_TEXT, openTempStore, renderScreen, rowWith, tallestFrame, type TempStore } from '../forms/harness.js';

const clear = ctrl('u');
const SLOW = 15_000;

let sshd: SshdServer;
beforeAll(async () => {
  sshd = await startSshd();
}, 30_000);
afterAll(async () => {
  await sshd?.close();
});

let tmp: TempStore | undefined;
let view: Rendered | undefined;
afterEach(() => {
  view?.unmount();
  tmp?.cleanup();
  view = undefined;
  tmp = undefined;
});

const allFrames = (v: Rendered) => v.frames.map(stripAnsi).join('\n');
const passwordNeverShown = (v: Rendered) => expect(allFrames(v).includes(sshd.password), 'the password was drawn in clear').toBe(false);
const uploads = (t: TempStore) => t.onDisk('settings').loyaltyPlusUploads!;

/** The uploads screen over a store holding `servers`; FTP Servers open, the first one selected. */
async function openList(servers: SftpServer[], uploadPath?: string): Promise<{ view: Rendered; tmp: TempStore }> {
  tmp = await openTempStore();
  const t = tmp;
  if (servers.length > 0) {
    await t.store.edit('settings', (d) => {
      d.loyaltyPlusUploads = { servers, account: '', uploadPath: '/upload', testResults: [] };
    });
  }
  view = await renderScreen(<UploadsSetupScreen />, t.store, 'LoyaltyPlus Loyalty Uploads');
  await view.waitFor('Upload Path');
  if (uploadPath !== undefined) await view.write(`${TAB}${clear}${uploadPath}`);
  await view.write(F2);
  await view.waitFor(servers.length === 0 ? 'No FTP servers yet' : (servers[0] as SftpServer).name);
  return { view, tmp: t };
}

async function editFirstAndTest(v: Rendered): Promise<void> {
  await v.write(ENTER);
  await v.waitFor('Transfer Protocol');
  await v.write(F8);
}

describe('FTP server Test against a real sshd', () => {
  it('first connection: shows the fingerprint, accepting stores it, the Test passes and is recorded', async () => {
    const { view, tmp } = await openList([]);
    await view.write(INS);
    await view.waitFor('Transfer Protocol');
    await view.write([sshd.server().name, TAB, TAB, '127.0.0.1', TAB, clear, String(sshd.port), TAB, sshd.user, TAB, sshd.password].join(''));
    await view.write(F8);
    const ask = await view.waitFor('Accept this host key? (y/n)', SLOW);
    expect(ask).toContain(sshd.fingerprint);
    expect(ask.split('\n')[0]).toContain('Test');
    // Recorded at once, before the operator answers.
    expect(uploads(tmp).testResults).toEqual([{ at: expect.stringMatching(/^\d{4}-/), ok: false, kind: 'host-key-unknown', account: 'Test SFTP' }]);
    await view.write('y');
    const ok = await view.waitFor('Test: Successful', SLOW);
    expect(ok).toContain(`Host key: ${sshd.fingerprint}`);
    expect(uploads(tmp).testResults.map((r) => [r.ok, r.kind])).toEqual([[false, 'host-key-unknown'], [true, undefined]]);
    // The server itself is not saved by the Test: only its results.
    expect(uploads(tmp).servers).toEqual([]);
    await view.write(ESC);
    const form = await view.waitFor((f) => f.includes('Transfer Protocol') && !f.includes('Test FTP server'));
    expect(form).toContain('Host key accepted (SHA256 fingerprint):');
    expect(form).toContain(sshd.fingerprint);
    await view.write(F10);
    await view.waitFor('Saved FTP server Test SFTP');
    expect(uploads(tmp).servers).toEqual([sshd.server()]);
    expect(sshd.server().hostKey).toBe(sshd.fingerprint);

    // Tested again as saved: no question, straight through.
    await editFirstAndTest(view);
    await view.waitFor('Test: Successful', SLOW);
    expect(view.frame()).not.toContain('Accept this host key');
    expect(uploads(tmp).testResults).toHaveLength(3);
    passwordNeverShown(view);
    expect(tallestFrame(view)).toBeLessThanOrEqual(24);
  });

  it('a key file login works too', async () => {
    const { view, tmp } = await openList([sshd.server({ password: '', privateKeyFile: sshd.privateKeyFile })]);
    await editFirstAndTest(view);
    await view.waitFor('Test: Successful', SLOW);
    expect(uploads(tmp).testResults.at(-1)).toMatchObject({ ok: true, account: 'Test SFTP' });
  });

  it('a wrong password names the login step and records kind auth', async () => {
    const wrong = 'not-the-password-42';
    const { view, tmp } = await openList([sshd.server({ password: wrong })]);
    await editFirstAndTest(view);
    const f = await view.waitFor('Test failed at: login', SLOW);
    expect(f).toContain('check Username and Password');
    expect(uploads(tmp).testResults).toEqual([{ at: expect.any(String), ok: false, kind: 'auth', account: 'Test SFTP' }]);
    expect(allFrames(view).includes(wrong)).toBe(false);
  });

  it('a missing Upload Path (typed on FTP Setup, unsaved) is named', async () => {
    const { view, tmp } = await openList([sshd.server()], '/nowhere');
    await editFirstAndTest(view);
    const f = await view.waitFor('Test failed at: upload path missing', SLOW);
    expect(f).toContain('Upload Path /nowhere');
    expect(uploads(tmp).testResults.at(-1)).toMatchObject({ ok: false, kind: 'path-missing' });
    // The path was only typed: FTP Setup still has it unsaved.
    expect(uploads(tmp).uploadPath).toBe('/upload');
    passwordNeverShown(view);
  });

  it('an Upload Path the user may not write in names permission denied', async () => {
    const locked = path.join(sshd.chrootDir, 'locked');
    mkdirSync(locked, { mode: 0o755 });
    chmodSync(locked, 0o755); // root's folder: the SFTP user can read it, not write in it
    const { view, tmp } = await openList([sshd.server()], '/locked');
    await editFirstAndTest(view);
    await view.waitFor('Test failed at: permission denied', SLOW);
    expect(uploads(tmp).testResults.at(-1)).toMatchObject({ ok: false, kind: 'permission' });
  });

  it('nothing listening on the port names the connect step', async () => {
    const { view, tmp } = await openList([sshd.server({ port: await freePort() })]);
    await editFirstAndTest(view);
    const f = await view.waitFor('Test failed at: connect', SLOW);
    expect(f).toContain('check Host, Port');
    expect(uploads(tmp).testResults.at(-1)).toMatchObject({ ok: false, kind: 'connect' });
  });

  it('a Private key file that is not a key names the key file', async () => {
    const notKey = path.join(sshd.chrootDir, '..', 'not-a-key.txt');
    writeFileSync(notKey, 'this is not an OpenSSH private key\n');
    const { view, tmp } = await openList([sshd.server({ password: '', privateKeyFile: notKey })]);
    await editFirstAndTest(view);
    await view.waitFor('Test failed at: private key file', SLOW);
    expect(uploads(tmp).testResults.at(-1)).toMatchObject({ ok: false, kind: 'key-file' });
  });

  it('Esc stops waiting for a server that does not answer, recording nothing', async () => {
    const { view, tmp } = await openList([sshd.server()]);
    sshd.freeze();
    try {
      await editFirstAndTest(view);
      await view.waitFor('Testing... (Esc stops waiting)');
      await view.write(ESC);
      await view.waitFor('Test stopped: no longer waiting for the server (nothing recorded)');
    } finally {
      sshd.thaw();
    }
    expect(uploads(tmp).testResults).toEqual([]);
    await view.write(ESC);
    await view.waitFor((f) => f.includes('Transfer Protocol') && !f.includes('Test FTP server'));
  });

  it('a changed host key is refused with a warning, not accepted by y; Forget host key then lets a new one in', async () => {
    const { view, tmp } = await openList([sshd.server()]);
    const old = sshd.fingerprint;
    await sshd.regenerateHostKey();
    await sshd.stop();
    await sshd.start();
    expect(sshd.fingerprint).not.toBe(old);

    await editFirstAndTest(view);
    const f = await view.waitFor('Test failed at: host key changed', SLOW);
    expect(f).toContain('WARNING');
    expect(f).toContain(`New fingerprint: ${sshd.fingerprint}`);
    expect(f).not.toContain('Accept this host key');
    await view.write('y');
    await view.waitFor('A changed host key cannot be accepted here');
    expect(uploads(tmp).servers[0]!.hostKey).toBe(old);
    expect(uploads(tmp).testResults).toEqual([{ at: expect.any(String), ok: false, kind: 'host-key-changed', account: 'Test SFTP' }]);

    // Deliberately: Forget host key (the last field), Test, check and accept the new key.
    await view.write(ESC);
    await view.waitFor((fr) => fr.includes('Forget host key') && !fr.includes('Test FTP server'));
    await view.write(SHIFT_TAB);
    await view.waitFor((fr) => rowWith(fr, 'Forget host key').includes('>'));
    await view.write(' ');
    await view.waitFor((fr) => rowWith(fr, 'Forget host key').includes('[x] Yes'));
    await view.write(F8);
    const ask = await view.waitFor('Accept this host key? (y/n)', SLOW);
    expect(ask).toContain(sshd.fingerprint);
    await view.write('y');
    await view.waitFor('Test: Successful', SLOW);
    await view.write(ESC);
    await view.waitFor((fr) => fr.includes(sshd.fingerprint) && fr.includes('Forget host key') && !fr.includes('Test FTP server'));
    // Accept asks before replacing the key that guarded the login.
    await view.write(F10);
    await view.waitFor('Replace the accepted host key? (y/n)');
    await view.write('y');
    await view.waitFor('Saved FTP server Test SFTP');
    expect(uploads(tmp).servers[0]!.hostKey).toBe(sshd.fingerprint);
    passwordNeverShown(view);
    expect(tallestFrame(view)).toBeLessThanOrEqual(24);
    await view.write(ESC);
    await view.waitFor('Upload Path');
    await view.write(ESC);
    await view.waitFor(MENU_TEXT);
  });
});
