// The chosen SFTP account, tested as FTP Setup's Test does: connect, host key, login, and a probe
// file put and renamed in the Upload Path (then removed). The transport's messages name the host
// and the step and never carry the password (src/integrations/sftp/types.ts).
import { loadSftp } from '../integrations/sftp/load-sftp.js';
import type { SftpFailureKind } from '../store/uploads-settings.js';
import { chosenServer, uploadsSettingsOf } from '../store/uploads-settings.js';
import { errorText } from '../store/errors.js';
import { fail, ok, warning, type DoctorCheck, type Finding } from './types.js';

const SETUP = 'Utilities > Setup > Module Parameters > LoyaltyPlus Loyalty Uploads (FTP Setup)';

function fixFor(kind: SftpFailureKind, fingerprint: string | undefined): string {
  const fp = fingerprint ? ` (the server shows ${fingerprint})` : '';
  switch (kind) {
    case 'name-lookup': return `check Host of the account in ${SETUP} and this PC's DNS`;
    case 'connect': return `check Host and Port in ${SETUP}, the network and firewall, and that the SFTP server is up`;
    case 'timeout': return `the server did not answer in time: check the network, then try Test in ${SETUP}`;
    case 'host-key-unknown': return `press Test in ${SETUP} and accept the server's key${fp} once Loyalty Plus has confirmed it`;
    case 'host-key-changed': return `the server's key changed${fp}: confirm the new key with Loyalty Plus before accepting it with Test in ${SETUP}`;
    case 'auth': return `the server refused the login: re-enter Username and Password (or the key file) in ${SETUP} as Loyalty Plus issued them`;
    case 'path-missing': return `check Upload Path in ${SETUP} (ask Loyalty Plus for the folder)`;
    case 'permission': return `the account may not write in the Upload Path: ask Loyalty Plus to allow it, or correct Upload Path in ${SETUP}`;
    case 'key-file': return `check the private key file of the account in ${SETUP} (path, permissions, format)`;
    default: return `the transfer failed: check the network and the server's disk, then Test in ${SETUP}`;
  }
}

export const sftpCheck: DoctorCheck = {
  id: 'sftp',
  title: 'SFTP login and upload path',
  async run(ctx): Promise<Finding> {
    const settings = ctx.documents.settings();
    if (!settings) return warning('not checked: settings.json cannot be read', 'fix settings.json first (documents check)');
    const u = uploadsSettingsOf(settings);
    if (u.account === '') return ok('no SFTP account chosen (nothing to check)');
    const server = chosenServer(u);
    if (!server) return fail(`the chosen SFTP account "${u.account}" is not in the FTP Servers list: uploads cannot run`, `choose an account in ${SETUP}`);
    const where = `"${server.name}" (${server.username}@${server.host}:${server.port}, ${u.uploadPath})`;
    try {
      const { testAccount } = await loadSftp();
      const r = await testAccount(server, u.uploadPath, { connectTimeoutMs: 10_000, operationTimeoutMs: 15_000 });
      if (r.ok) return ok(`${where}: logged in, wrote and renamed a probe file in the Upload Path, removed it`);
      return fail(`${where} failed at step ${r.step} [${r.kind}]: ${r.message}`, fixFor(r.kind, r.fingerprint));
    } catch (err) {
      return fail(`${where}: the test failed unexpectedly: ${errorText(err)}`, `press Test in ${SETUP} for the details`);
    }
  },
};
