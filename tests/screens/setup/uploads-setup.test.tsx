// Utilities > Setup > Module Parameters > Services > LoyaltyPlus Loyalty Uploads on a real temp
// store: the FTP Servers list (Add, Edit, Delete) saved to settings.json, refusals at the field,
// the password never drawn, the account and Upload Path saved, Setup Automation Events. The Test
// against a real sshd is in uploads-sftp-test.test.tsx.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UploadsSetupScreen } from '../../../src/screens/setup/module-parameters/uploads-setup.js';
import { mainMenuEntry } from '../../../src/screens/menu/main-menu.js';
import { screenRegistry } from '../../../src/screens/menu/screen-registry.js';
import type { SftpServer } from '../../../src/store/uploads-settings.js';
import { render, stripAnsi, type Rendered } from '../render.js';
import { DEL, DOWN, ENTER, ESC, F10, F2, F3, INS, RIGHT, TAB, ctrl } from '../keys.js';
import { MENU_TEXT, openTempStore, renderScreen, rowWith, services, tallestFrame, type TempStore } from '../forms/harness.js';

const PASSWORD = 'Sup3r-Secret-Pw!';
const clear = ctrl('u');

let tmp: TempStore | undefined;
let view: Rendered | undefined;
afterEach(() => {
  view?.unmount();
  tmp?.cleanup();
  view = undefined;
  tmp = undefined;
});

const allFrames = (v: Rendered) => v.frames.map(stripAnsi).join('\n');
const settingsText = (t: TempStore) => readFileSync(path.join(t.dir, 'settings.json'), 'utf8');

async function open(): Promise<{ view: Rendered; tmp: TempStore }> {
  tmp = await openTempStore();
  view = await renderScreen(<UploadsSetupScreen />, tmp.store, 'LoyaltyPlus Loyalty Uploads');
  await view.waitFor('Upload Path');
  return { view, tmp };
}

const server = (over: Partial<SftpServer> = {}): SftpServer => ({
  name: 'Loyalty Plus', protocol: 'SFTP', host: 'sftp.example.com', port: 22, username: 'ftp.store17', password: PASSWORD, privateKeyFile: '', hostKey: '', ...over,
});

async function seed(t: TempStore, servers: SftpServer[], account = ''): Promise<void> {
  await t.store.edit('settings', (d) => {
    d.loyaltyPlusUploads = { servers, account, uploadPath: '/upload', testResults: [] };
  });
}

/** From the list's Add form (focus on Account Name): every field typed, Port cleared first. */
function serverKeys(o: { name: string; host: string; port?: string; user: string; password?: string; keyFile?: string }): string {
  return [o.name, TAB, TAB, o.host, TAB, clear, o.port ?? '22', TAB, o.user, TAB, o.password ?? '', TAB, o.keyFile ?? ''].join('');
}

describe('LoyaltyPlus Loyalty Uploads: FTP Setup', () => {
  it('is reached from Module Parameters > Services, next to Web Services, and fits 80x24', async () => {
    tmp = await openTempStore();
    const svc = services(tmp.store);
    view = await render(null, { services: svc, stack: [mainMenuEntry(screenRegistry, svc)] });
    await view.write('us');
    await view.waitFor('Module Parameters');
    await view.write('m');
    const mp = await view.waitFor('LoyaltyPlus Loyalty Uploads');
    expect(mp).toContain('Web Services');
    expect(rowWith(mp, 'LoyaltyPlus Loyalty Uploads')).toContain('Setup: no account chosen');
    await view.write('l');
    const f = await view.waitFor('Upload Path');
    expect(f).toContain('[FTP Setup]');
    expect(f.split('\n')[0]).toContain('LoyaltyPlus Loyalty Uploads');
    expect(rowWith(f, 'Upload Path')).toContain('/upload');
    expect(rowWith(f, 'Account Name')).toContain('(none chosen)');
    expect(f).toContain('F2 FTP Servers');
    expect(f).toContain('F3 Setup Automation Events');
    expect(f).toContain('F10 Accept');
    expect(f).toContain('Esc Cancel');
    await view.write(F2);
    const list = await view.waitFor('No FTP servers yet');
    expect(list.split('\n')[0]).toContain('FTP Servers');
    await view.write(INS);
    const form = await view.waitFor('Transfer Protocol');
    for (const label of ['Account Name', 'Host', 'Port', 'Username', 'Password', 'Private key file', 'Host key: none accepted yet']) expect(form).toContain(label);
    expect(rowWith(form, 'Transfer Protocol')).toContain('SFTP (FTP via SSH)');
    expect(rowWith(form, 'Port')).toContain('22');
    expect(form).toContain('F8 Test');
    expect(tallestFrame(view)).toBeLessThanOrEqual(24);
  });

  it('adds, edits and deletes servers in settings.json; the password is never drawn', async () => {
    const { view, tmp } = await open();
    await view.write(F2);
    await view.waitFor('No FTP servers yet');
    await view.write(INS);
    await view.waitFor('Transfer Protocol');
    await view.write(serverKeys({ name: 'Loyalty Plus', host: 'sftp.example.com', user: 'ftp.store17', password: PASSWORD }));
    await view.waitFor((f) => rowWith(f, 'Password').includes('*'.repeat(PASSWORD.length)));
    await view.write(F10);
    const list = await view.waitFor('Saved FTP server Loyalty Plus');
    expect(rowWith(list, 'Loyalty Plus')).toContain('sftp.example.com');
    expect(rowWith(list, 'Loyalty Plus')).toContain('not yet');
    expect(tmp.onDisk('settings').loyaltyPlusUploads!.servers).toEqual([server()]);

    // A second one, with a key file instead of a password.
    await view.write(INS);
    await view.waitFor('Transfer Protocol');
    const keyFile = path.join(tmp.dir, 'settings.json'); // any readable file: Test says whether it is a key
    await view.write(serverKeys({ name: 'Backup', host: '10.0.0.9', port: '2222', user: 'up', keyFile }));
    await view.write(F10);
    await view.waitFor('Saved FTP server Backup');
    expect(tmp.onDisk('settings').loyaltyPlusUploads!.servers[1]).toEqual(server({ name: 'Backup', host: '10.0.0.9', port: 2222, username: 'up', password: '', privateKeyFile: keyFile }));

    // Edit the first: the Account Name is fixed, the Host changes.
    await view.write(`${'\x1b[H'}${ENTER}`);
    const edit = await view.waitFor('Edit Loyalty Plus');
    expect(rowWith(edit, 'Account Name')).toContain('(fixed)');
    await view.write(`${TAB}${clear}sftp.loyaltyplus.example${F10}`);
    await view.waitFor('Saved FTP server Loyalty Plus');
    expect(tmp.onDisk('settings').loyaltyPlusUploads!.servers[0]!.host).toBe('sftp.loyaltyplus.example');
    expect(tmp.onDisk('settings').loyaltyPlusUploads!.servers[0]!.password).toBe(PASSWORD);

    // Delete the second: asked first; n keeps it, y deletes it.
    await view.write(`${DOWN}${DEL}`);
    await view.waitFor('Delete FTP server Backup? (y/n)');
    await view.write('n');
    await view.waitFor('Not deleted: Backup is kept');
    expect(tmp.onDisk('settings').loyaltyPlusUploads!.servers).toHaveLength(2);
    await view.write(DEL);
    await view.waitFor('Delete FTP server Backup? (y/n)');
    await view.write('y');
    const after = await view.waitFor('Deleted FTP server Backup');
    expect(after).not.toContain('10.0.0.9');
    expect(tmp.onDisk('settings').loyaltyPlusUploads!.servers.map((s) => s.name)).toEqual(['Loyalty Plus']);
    expect(allFrames(view).includes(PASSWORD), 'the password was drawn in clear').toBe(false);
    expect(tallestFrame(view)).toBeLessThanOrEqual(24);
  });

  it('refuses at the field: empty host, port out of range, neither password nor key file, a name twice', async () => {
    const { view, tmp } = await open();
    await seed(tmp, [server()]);
    const before = settingsText(tmp);
    const refusedAt = async (label: string, message: string) => {
      const f = await view.waitFor(`! ${message}`);
      expect(rowWith(f, label)).toMatch(/>!/);
    };
    await view.write(F2);
    await view.waitFor('Loyalty Plus');
    await view.write(INS);
    await view.waitFor('Transfer Protocol');
    await view.write(`Loyalty Plus${TAB}`);
    await refusedAt('Account Name', 'Account Name: "Loyalty Plus" is already in the list');
    await view.write(`${clear}Store 17${TAB}${TAB}${TAB}`);
    await refusedAt('Host', 'Host is required');
    await view.write(`sftp.example.com${TAB}${clear}0${TAB}`);
    await refusedAt('Port', 'Port: 1 to 65535 (22 for SFTP)');
    await view.write(`${clear}70000${TAB}`);
    await refusedAt('Port', 'Port: 1 to 65535 (22 for SFTP)');
    await view.write(`${clear}22${TAB}ftp.store17${TAB}${TAB}/nowhere/id_ed25519${TAB}`);
    await refusedAt('Private key file', 'Private key file: /nowhere/id_ed25519 does not exist');
    await view.write(`${clear}${F10}`);
    await refusedAt('Password', 'Password: give a Password or a Private key file (one of the two is required)');
    expect(view.frame()).toContain('Transfer Protocol');
    expect(settingsText(tmp)).toBe(before);
    // Esc with edits asks; n stays, y leaves without saving.
    await view.write(ESC);
    await view.waitFor('Discard changes? (y/n)');
    await view.write('y');
    await view.waitFor((f) => f.includes('Account Name') && f.includes('Host key') && !f.includes('Transfer Protocol'));
    expect(settingsText(tmp)).toBe(before);
  });

  it('saves the chosen account and Upload Path; refuses a bad path; the chosen account cannot be deleted', async () => {
    const { view: first, tmp } = await open();
    await first.write(F2);
    await first.waitFor('No FTP servers yet');
    await first.write(INS);
    await first.waitFor('Transfer Protocol');
    await first.write(serverKeys({ name: 'Loyalty Plus', host: 'sftp.example.com', user: 'ftp.store17', password: PASSWORD }));
    await first.write(F10);
    await first.waitFor('Saved FTP server Loyalty Plus');
    await first.write(ESC);
    // Back on FTP Setup, the new server is one of the Account Name's choices at once.
    const f = await first.waitFor('1 in the list');
    expect(rowWith(f, 'Account Name')).toContain('(none chosen)');
    await first.write(RIGHT);
    await first.waitFor((fr) => rowWith(fr, 'Account Name').includes('< Loyalty Plus >'));
    await first.write(`${TAB}${clear}upload${TAB}`);
    await first.waitFor('! Upload Path: expected an absolute remote folder such as /upload');
    await first.write(`${clear}/in/loyalty${F10}`);
    await first.waitFor(MENU_TEXT);
    const u = tmp.onDisk('settings').loyaltyPlusUploads!;
    expect(u.account).toBe('Loyalty Plus');
    expect(u.uploadPath).toBe('/in/loyalty');
    expect(u.servers).toEqual([server()]);
    first.unmount();

    // Reopened: the saved values; the chosen account's Delete is refused with the reason.
    const again = await renderScreen(<UploadsSetupScreen />, tmp.store, 'LoyaltyPlus Loyalty Uploads');
    view = again;
    const g = await again.waitFor('Upload Path');
    expect(rowWith(g, 'Account Name')).toContain('Loyalty Plus');
    expect(rowWith(g, 'Upload Path')).toContain('/in/loyalty');
    await again.write(F2);
    await again.waitFor('sftp.example.com');
    await again.write(DEL);
    const refused = await again.waitFor('! Not deleted: Loyalty Plus is the Account Name the uploads use');
    expect(refused).not.toContain('(y/n)');
    expect(tmp.onDisk('settings').loyaltyPlusUploads!.servers).toHaveLength(1);
    // Esc without edits leaves at once, writing nothing.
    const before = settingsText(tmp);
    await again.write(ESC);
    await again.waitFor('Upload Path');
    await again.write(ESC);
    await again.waitFor(MENU_TEXT);
    expect(settingsText(tmp)).toBe(before);
    expect(allFrames(again).includes(PASSWORD)).toBe(false);
  });

  it('Esc with an unsaved account choice asks, and leaves nothing saved', async () => {
    const t = await openTempStore();
    tmp = t;
    await seed(t, [server()]);
    const v = await renderScreen(<UploadsSetupScreen />, t.store, 'LoyaltyPlus Loyalty Uploads');
    view = v;
    await v.waitFor('1 in the list');
    await v.write(RIGHT);
    await v.waitFor('< Loyalty Plus >');
    await v.write(ESC);
    await v.waitFor('Discard changes? (y/n)');
    await v.write('n');
    await v.waitFor((f) => !f.includes('Discard changes?') && f.includes('Upload Path'));
    await v.write(ESC);
    await v.waitFor('Discard changes? (y/n)');
    await v.write('y');
    await v.waitFor(MENU_TEXT);
    expect(t.onDisk('settings').loyaltyPlusUploads!.account).toBe('');
  });

  it('Setup Automation Events creates IQEvent_LoyaltyPlus_Sales once; the second press says it is there', async () => {
    const { view, tmp } = await open();
    expect(view.frame()).toContain('Setup Automation Events: not done yet');
    await view.write(F3);
    const f = await view.waitFor('Created IQEvent_LoyaltyPlus_Sales');
    expect(f).toContain('IQEvent_LoyaltyPlus_Sales exists');
    const events = tmp.onDisk('automation').events;
    expect(events).toEqual([expect.objectContaining({ name: 'IQEvent_LoyaltyPlus_Sales', action: 'loyalty-plus-sales', enabled: true })]);
    await view.write(F3);
    await view.waitFor('IQEvent_LoyaltyPlus_Sales is already set up');
    expect(tmp.onDisk('automation').events).toHaveLength(1);
    expect(tmp.onDisk('automation').events[0]).toEqual(events[0]);
  });
});
