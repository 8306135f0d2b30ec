// The FTP Setup and FTP server changes as written under the store lock, on a real temp store:
// what another terminal changed meanwhile survives, and what it made impossible is refused with a
// message naming the field, nothing half-written.
import { afterEach, describe, expect, it } from 'vitest';
import { applyServer, deleteServer, FtpServerFieldError, serverFromValues, serverValues } from '../../../src/screens/setup/module-parameters/ftp-server-fields.js';
import { applyUploads, UploadsFieldError, uploadsValues } from '../../../src/screens/setup/module-parameters/uploads-fields.js';
import type { SftpServer } from '../../../src/store/uploads-settings.js';
import { openTempStore, type TempStore } from '../forms/harness.js';

const A: SftpServer = { name: 'Loyalty Plus', protocol: 'SFTP', host: 'sftp.example.com', port: 22, username: 'u', password: 'pw-1', privateKeyFile: '', hostKey: '' };
const B: SftpServer = { ...A, name: 'Backup', host: '10.0.0.9' };
const view = { names: [], eventSet: false };

let tmp: TempStore | undefined;
afterEach(() => {
  tmp?.cleanup();
  tmp = undefined;
});

async function storeWith(servers: SftpServer[], account = ''): Promise<TempStore> {
  tmp = await openTempStore();
  await tmp.store.edit('settings', (d) => {
    d.loyaltyPlusUploads = { servers, account, uploadPath: '/upload', testResults: [{ at: '2026-12-01T10:00:00Z', ok: true, account: 'Loyalty Plus' }] };
  });
  return tmp;
}

describe('FTP server and FTP Setup changes', () => {
  it('a server added elsewhere under the same name meanwhile is refused at Account Name', async () => {
    const t = await storeWith([A]);
    await expect(t.store.edit('settings', (d) => applyServer(d, { ...A, host: 'other' }, null))).rejects.toThrow(FtpServerFieldError);
    expect(t.onDisk('settings').loyaltyPlusUploads!.servers).toEqual([A]);
  });

  it('the chosen account is not deleted even when another terminal chose it meanwhile', async () => {
    const t = await storeWith([A, B], 'Backup');
    await expect(t.store.edit('settings', (d) => deleteServer(d, 'Backup'))).rejects.toThrow(/Backup is the Account Name the uploads use/);
    await t.store.edit('settings', (d) => deleteServer(d, 'Loyalty Plus'));
    expect(t.onDisk('settings').loyaltyPlusUploads!.servers).toEqual([B]);
  });

  it('Accept on FTP Setup writes only what changed there: servers and Test results recorded meanwhile survive', async () => {
    const t = await storeWith([A]);
    const opened = uploadsValues(t.store.get('settings'), view);
    await t.store.edit('settings', (d) => applyServer(d, B, null));
    await t.store.edit('settings', (d) => applyUploads(d, { ...opened, account: 'Backup' }, opened));
    const u = t.onDisk('settings').loyaltyPlusUploads!;
    expect(u).toMatchObject({ account: 'Backup', uploadPath: '/upload', servers: [A, B] });
    expect(u.testResults).toHaveLength(1);
  });

  it('an account deleted meanwhile, or a bad path, is refused at its field with nothing written', async () => {
    const t = await storeWith([A, B]);
    const opened = uploadsValues(t.store.get('settings'), view);
    await t.store.edit('settings', (d) => deleteServer(d, 'Backup'));
    const before = JSON.stringify(t.onDisk('settings'));
    await expect(t.store.edit('settings', (d) => applyUploads(d, { ...opened, account: 'Backup', uploadPath: '/in' }, opened)))
      .rejects.toMatchObject({ field: 'account', message: expect.stringContaining('Account Name: Backup is no longer in the FTP Servers list') });
    await expect(t.store.edit('settings', (d) => applyUploads(d, { ...opened, uploadPath: '../up' }, opened)))
      .rejects.toThrow(UploadsFieldError);
    expect(JSON.stringify(t.onDisk('settings'))).toBe(before);
  });

  it('the form values stand for the server: password kept as typed, key file and host trimmed', () => {
    const values = { ...serverValues(null), name: ' Store 17 ', host: ' sftp.example.com ', port: '2222', username: 'u', password: ' pw with spaces ' };
    expect(serverFromValues(values, null, [], 'SHA256:x')).toEqual({
      name: 'Store 17', protocol: 'SFTP', host: 'sftp.example.com', port: 2222, username: 'u', password: ' pw with spaces ', privateKeyFile: '', hostKey: 'SHA256:x',
    });
    expect(() => serverFromValues({ ...values, password: '' }, null, [], '')).toThrow(/Password: give a Password or a Private key file/);
  });
});
