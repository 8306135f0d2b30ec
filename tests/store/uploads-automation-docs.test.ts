// settings.json's LoyaltyPlus Loyalty Uploads and go-live ticks, and automation.json: validated
// naming the field, created quietly in a store from before them, and the event created once.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { StoreError } from '../../src/store/index.js';
import { ensureLoyaltyPlusSalesEvent, changeEvent } from '../../src/store/automation.js';
import { chosenServer, uploadsSettingsOf, type SftpServer } from '../../src/store/uploads-settings.js';
import { quietStore, tempDir } from './helpers.js';

const server = (over: Partial<SftpServer> = {}): SftpServer => ({
  name: 'Loyalty Plus', protocol: 'SFTP', host: 'sftp.example.com', port: 22, username: 'store1',
  password: 'pw', privateKeyFile: '', hostKey: '', ...over,
});

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(StoreError);
    return (err as StoreError).message;
  }
  throw new Error('expected a StoreError');
}

describe('uploads settings, go-live ticks and automation.json', () => {
  it('a new store has an empty automation.json and the uploads defaults', async () => {
    const dir = tempDir();
    const { store, warnings } = await quietStore(dir);
    expect(store.get('automation')).toEqual({ schemaVersion: 1, events: [] });
    expect(fs.existsSync(path.join(dir, 'automation.json'))).toBe(true);
    expect(uploadsSettingsOf(store.get('settings'))).toEqual({ servers: [], account: '', uploadPath: '/upload', testResults: [] });
    expect(warnings).toEqual([]);
    store.close();
  });

  it('a store from before automation.json gets one without a warning', async () => {
    const dir = tempDir();
    (await quietStore(dir)).store.close();
    fs.rmSync(path.join(dir, 'automation.json'));
    fs.rmSync(path.join(dir, 'automation.json.bak'), { force: true });
    const { store, warnings } = await quietStore(dir);
    expect(store.get('automation').events).toEqual([]);
    expect(warnings).toEqual([]);
    store.close();
  });

  it('keeps servers, the chosen account and the upload path', async () => {
    const { store } = await quietStore(tempDir());
    await store.edit('settings', (d) => {
      d.loyaltyPlusUploads = { servers: [server(), server({ name: 'Backup', password: '', privateKeyFile: '/etc/key', hostKey: `SHA256:${'A'.repeat(43)}` })], account: 'Backup', uploadPath: '/in', testResults: [] };
    });
    expect(chosenServer(uploadsSettingsOf(store.get('settings')))?.privateKeyFile).toBe('/etc/key');
    store.close();
  });

  it.each<[string, Partial<SftpServer> | null, Record<string, unknown>, string]>([
    ['port', { port: 0 }, {}, 'loyaltyPlusUploads.servers[0].port: expected a port from 1 to 65535 (22 for SFTP)'],
    ['host', { host: '' }, {}, 'loyaltyPlusUploads.servers[0].host: expected a host name or address'],
    ['credentials', { password: '', privateKeyFile: '' }, {}, 'loyaltyPlusUploads.servers[0].password: expected a password or a private key file'],
    ['host key', { hostKey: 'MD5:ab' }, {}, 'loyaltyPlusUploads.servers[0].hostKey: expected a host key fingerprint such as SHA256:... (empty until accepted)'],
    ['account', null, { account: 'Nobody' }, 'loyaltyPlusUploads.account: expected an account from the FTP Servers list'],
    ['upload path', null, { uploadPath: 'upload' }, 'loyaltyPlusUploads.uploadPath: expected an absolute remote folder such as /upload'],
  ])('refuses a bad %s naming the field, changing nothing', async (_what, spoil, top, message) => {
    const dir = tempDir();
    const { store } = await quietStore(dir);
    const before = fs.readFileSync(path.join(dir, 'settings.json'), 'utf8');
    const text = await refusal(store.edit('settings', (d) => {
      d.loyaltyPlusUploads = { servers: [server(spoil ?? {})], account: '', uploadPath: '/upload', testResults: [], ...top };
    }));
    expect(text).toBe(`settings.json: ${message}`);
    expect(fs.readFileSync(path.join(dir, 'settings.json'), 'utf8')).toBe(before);
    store.close();
  });

  it('refuses two servers with one account name', async () => {
    const { store } = await quietStore(tempDir());
    const text = await refusal(store.edit('settings', (d) => {
      d.loyaltyPlusUploads = { servers: [server(), server()], account: '', uploadPath: '/upload', testResults: [] };
    }));
    expect(text).toBe('settings.json: loyaltyPlusUploads.servers[1].name: account "Loyalty Plus" is there twice');
    store.close();
  });

  it('refuses a go-live tick of an unknown item', async () => {
    const { store } = await quietStore(tempDir());
    const text = await refusal(store.edit('settings', (d) => {
      d.goLive = { ticks: [{ item: 'coffee' as never, by: 'system', at: '2026-12-01T10:00:00Z' }] };
    }));
    expect(text).toMatch(/^settings\.json: goLive\.ticks\[0\]\.item: expected one of partner-details, /);
    store.close();
  });

  it('Setup Automation Events creates IQEvent_LoyaltyPlus_Sales once and keeps what the operator changed', async () => {
    const { store } = await quietStore(tempDir());
    const now = new Date('2026-12-01T10:00:00Z');
    const first = await ensureLoyaltyPlusSalesEvent(store, now);
    expect(first).toEqual({ created: true, event: { name: 'IQEvent_LoyaltyPlus_Sales', action: 'loyalty-plus-sales', cron: '*/15 * * * *', enabled: true, createdAt: now.toISOString() } });
    await changeEvent(store, 'IQEvent_LoyaltyPlus_Sales', { cron: '0 * * * *', enabled: false });
    const again = await ensureLoyaltyPlusSalesEvent(store, new Date('2026-12-02T10:00:00Z'));
    expect(again.created).toBe(false);
    expect(again.event).toMatchObject({ cron: '0 * * * *', enabled: false, createdAt: now.toISOString() });
    expect(store.get('automation').events).toHaveLength(1);
    store.close();
  });

  it('refuses a bad schedule before writing', async () => {
    const dir = tempDir();
    const { store } = await quietStore(dir);
    await ensureLoyaltyPlusSalesEvent(store, new Date('2026-12-01T10:00:00Z'));
    const before = fs.readFileSync(path.join(dir, 'automation.json'), 'utf8');
    const text = await refusal(changeEvent(store, 'IQEvent_LoyaltyPlus_Sales', { cron: '61 * * * *' }));
    expect(text).toMatch(/^automation\.json: events\[0\]\.cron: expected a cron expression/);
    expect(fs.readFileSync(path.join(dir, 'automation.json'), 'utf8')).toBe(before);
    store.close();
  });
});
