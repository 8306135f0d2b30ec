// The last guard on the doctor's output: should any check's words carry a secret of settings.json
// (an error text from a library, say), the report shows [secret] in its place. A planted check
// that leaks proves the guard works; the real checks are searched for secrets in doctor-services.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runDoctor } from '../../src/doctor/index.js';
import { fail } from '../../src/doctor/types.js';
import { openStore } from '../../src/store/index.js';
import { tempRoot } from './helpers.js';

const root = tempRoot('tillpoint-doctor-secrets-');
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('doctor output guard', () => {
  it('replaces every web-service secret and SFTP password in detail and fix', async () => {
    const dir = path.join(root, 'store');
    const store = await openStore(dir, { stderr: false });
    await store.edit('settings', (d) => {
      d.loyaltyPlus = { enabled: false, url: '', port: 443, secretStart: 'guard-Start-1Aa', secretEnd: 'guard-End-2Bb', partnerId: '', terminalId: '', apiId: '', timeoutSeconds: 6, tls: 'TLSv1.2', caFile: '', testResults: [] };
      d.loyaltyPlusUploads = { servers: [{ name: 'S', protocol: 'SFTP', host: 'h', port: 22, username: 'u', password: 'guard-Pass-3Cc', privateKeyFile: '', hostKey: '' }], account: 'S', uploadPath: '/upload', testResults: [] };
    });
    store.close();
    const leaky = { id: 'leak', title: 'Leak', run: async () => fail('got guard-Start-1Aa and guard-End-2Bb back', 'log in with guard-Pass-3Cc') };
    const report = await runDoctor({ dir, checks: [leaky] });
    expect(report.checks).toEqual([{ id: 'leak', title: 'Leak', status: 'fail', detail: 'got [secret] and [secret] back', fix: 'log in with [secret]' }]);
    expect(report.ok).toBe(false);
  });
});
