// The FTP server Test's words, pure: every SftpFailureKind names its step and what to check, the
// password never survives into a message, and what settings.json keeps of a Test.
import { describe, expect, it } from 'vitest';
import { SFTP_FAILURE_KINDS, type SftpServer } from '../../../src/store/uploads-settings.js';
import { SFTP_FAILURE_STEPS, sftpBrokenText, sftpOutcomeText, sftpTestRecord } from '../../../src/screens/setup/module-parameters/sftp-test-text.js';

const PASSWORD = 'pw-0123456789abcdef';
const SERVER: SftpServer = {
  name: 'Loyalty Plus', protocol: 'SFTP', host: 'sftp.example.com', port: 22, username: 'ftp.store17', password: PASSWORD, privateKeyFile: '', hostKey: '',
};
const FP = `SHA256:${'A'.repeat(43)}`;

const STEP_WORDS: Record<string, string> = {
  'name-lookup': 'name lookup', 'connect': 'connect', 'timeout': 'timeout', 'host-key-unknown': 'host key unknown',
  'host-key-changed': 'host key changed', 'auth': 'login', 'key-file': 'private key file', 'path-missing': 'upload path missing',
  'permission': 'permission denied', 'transfer': 'transfer',
};

describe('FTP server Test words', () => {
  it.each(SFTP_FAILURE_KINDS.filter((k) => k !== 'host-key-changed'))('%s names its step and keeps the password out', (kind) => {
    const t = sftpOutcomeText({ ok: false, kind, step: 'connect', message: `failed with password ${PASSWORD}`, fingerprint: FP }, SERVER, '/upload');
    expect(t.ok).toBe(false);
    expect(t.headline).toBe(`Test failed at: ${STEP_WORDS[kind]}`);
    expect(t.details).toContain(SFTP_FAILURE_STEPS[kind].hint);
    expect(JSON.stringify(t).includes(PASSWORD)).toBe(false);
  });

  it('a changed key warns and shows the new fingerprint; no other kind does', () => {
    const changed = sftpOutcomeText({ ok: false, kind: 'host-key-changed', step: 'host-key', message: 'x', fingerprint: FP }, SERVER, '/upload');
    expect(changed.details.join('\n')).toContain('WARNING');
    expect(changed.details).toContain(`New fingerprint: ${FP}`);
    expect(changed.headline).toBe('Test failed at: host key changed');
    expect(changed.details.join('\n')).toContain('Forget host key');
    // Every line fits 76 columns (80 less the frame), so the warning is never cut.
    for (const line of changed.details) expect(line.length).toBeLessThanOrEqual(76);
    const auth = sftpOutcomeText({ ok: false, kind: 'auth', step: 'login', message: 'x' }, SERVER, '/upload');
    expect(auth.details.join('\n')).not.toContain('WARNING');
  });

  it('success says where the probe file went; a broken Test hides the password too', () => {
    const ok = sftpOutcomeText({ ok: true, fingerprint: FP }, SERVER, '/in');
    expect(ok).toEqual({ ok: true, headline: 'Test: Successful', details: [expect.stringContaining('probe file in /in')] });
    expect(sftpBrokenText(new Error(`boom ${PASSWORD}`), SERVER).details[0]).toBe('boom ***');
  });

  it('records the account, the outcome and the kind only', () => {
    const at = new Date('2026-12-01T10:00:00Z');
    expect(sftpTestRecord({ ok: true, fingerprint: FP }, 'Loyalty Plus', at)).toEqual({ at: '2026-12-01T10:00:00.000Z', ok: true, account: 'Loyalty Plus' });
    expect(sftpTestRecord({ ok: false, kind: 'auth', step: 'login', message: PASSWORD }, 'Loyalty Plus', at))
      .toEqual({ at: '2026-12-01T10:00:00.000Z', ok: false, kind: 'auth', account: 'Loyalty Plus' });
    expect(sftpTestRecord(null, 'Loyalty Plus', at)).toEqual({ at: '2026-12-01T10:00:00.000Z', ok: false, account: 'Loyalty Plus' });
  });
});
