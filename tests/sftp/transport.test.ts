// The SFTP transport against a real OpenSSH sshd: logins, each failure kind a Test can meet,
// and the operations an upload run uses. Outages and host key changes: transport-outage.test.ts.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprintOf, openSession, SftpError, testAccount as runTest, type SftpSession, type SftpTestAnswer } from '../../src/integrations/sftp/index.js';
import { freePort } from './sshd-os.js';
import { denyWrites, startSshd, type SshdServer } from './sshd-server.js';

let sshd: SshdServer;
/** Every failure seen in this file, searched for secrets at the end. */
const failures: unknown[] = [];

beforeAll(async () => {
  sshd = await startSshd();
});
afterAll(async () => {
  await sshd?.close();
});

async function failure(p: Promise<unknown>): Promise<SftpError> {
  try {
    await p;
  } catch (err) {
    failures.push(err);
    if (err instanceof SftpError) return err;
    throw err;
  }
  throw new Error('expected the call to fail');
}

/** testAccount, keeping every failed answer for the secrets check. */
async function testAccount(...args: Parameters<typeof runTest>): Promise<SftpTestAnswer> {
  const answer = await runTest(...args);
  if (!answer.ok) failures.push(answer);
  return answer;
}

function leftInUpload(): string[] {
  return fs.readdirSync(sshd.uploadDir);
}

describe('logins', () => {
  it('logs in with the password, shows the fingerprint, and writes a file', async () => {
    const session = await openSession(sshd.server());
    try {
      expect(session.fingerprint).toBe(sshd.fingerprint);
      await session.put(Buffer.from('by password\n'), '/upload/pw.txt');
    } finally {
      await session.end();
    }
    expect(fs.readFileSync(path.join(sshd.uploadDir, 'pw.txt'), 'utf8')).toBe('by password\n');
  });

  it('logs in with the private key when the password is empty', async () => {
    const answer = await testAccount(sshd.server({ password: '', privateKeyFile: sshd.privateKeyFile }), '/upload');
    expect(answer).toEqual({ ok: true, fingerprint: sshd.fingerprint });
  });

  it('Test passes with the password and leaves no probe file behind', async () => {
    const before = leftInUpload();
    const answer = await testAccount(sshd.server(), '/upload/');
    expect(answer).toEqual({ ok: true, fingerprint: sshd.fingerprint });
    expect(leftInUpload()).toEqual(before);
  });

  it('a wrong password is "auth" at step login', async () => {
    const err = await failure(openSession(sshd.server({ password: 'Wrong-Secret-123' })));
    expect([err.kind, err.step]).toEqual(['auth', 'login']);
    expect(err.message).toMatch(new RegExp(`^SFTP 127\\.0\\.0\\.1:${sshd.port}: login refused for user ${sshd.user}`));
    expect(err.message).not.toContain('Wrong-Secret-123');
    const answer = await testAccount(sshd.server({ password: 'Wrong-Secret-123' }), '/upload');
    expect(answer).toMatchObject({ ok: false, kind: 'auth', step: 'login' });
  });

  it('a key the server does not know is "auth"', async () => {
    const other = path.join(path.dirname(sshd.privateKeyFile), 'host_ed25519');
    const answer = await testAccount(sshd.server({ password: '', privateKeyFile: other }), '/upload');
    expect(answer).toMatchObject({ ok: false, kind: 'auth', step: 'login' });
  });

  it('a missing key file is "key-file", naming the file', async () => {
    const missing = path.join(sshd.chrootDir, 'no-such-key');
    const err = await failure(openSession(sshd.server({ password: '', privateKeyFile: missing })));
    expect([err.kind, err.step]).toEqual(['key-file', 'login']);
    expect(err.message).toContain(missing);
  });

  it('a file that is no private key is "key-file", without its content', async () => {
    const notKey = path.join(sshd.chrootDir, 'not-a-key');
    fs.writeFileSync(notKey, 'CONTENT-THAT-MUST-NOT-LEAK\n');
    const err = await failure(openSession(sshd.server({ password: '', privateKeyFile: notKey })));
    expect(err.kind).toBe('key-file');
    expect(err.message).toContain(notKey);
    expect(`${err.message}\n${err.stack}`).not.toContain('CONTENT-THAT-MUST-NOT-LEAK');
  });

  it('no password and no key file is "key-file"', async () => {
    const answer = await testAccount(sshd.server({ password: '', privateKeyFile: '' }), '/upload');
    expect(answer).toMatchObject({ ok: false, kind: 'key-file', step: 'login' });
  });
});

describe('host key', () => {
  it('an unaccepted key is "host-key-unknown" with the fingerprint ssh-keygen prints, and nothing is written', async () => {
    const before = leftInUpload();
    const err = await failure(openSession(sshd.server({ hostKey: '' })));
    expect([err.kind, err.step, err.fingerprint]).toEqual(['host-key-unknown', 'host-key', sshd.fingerprint]);
    const answer = await testAccount(sshd.server({ hostKey: '' }), '/upload');
    expect(answer).toMatchObject({ ok: false, kind: 'host-key-unknown', fingerprint: sshd.fingerprint });
    expect(leftInUpload()).toEqual(before);
  });

  it('a different accepted key is "host-key-changed": no login happens', async () => {
    const other = fingerprintOf(Buffer.from('some other key'));
    const err = await failure(openSession(sshd.server({ hostKey: other })));
    expect([err.kind, err.fingerprint]).toEqual(['host-key-changed', sshd.fingerprint]);
    expect(err.message).toContain(sshd.fingerprint);
    expect(err.message).toContain('identity has changed');
  });
});

describe('network', () => {
  it('a port nobody listens on is "connect"', async () => {
    const port = await freePort();
    const answer = await testAccount(sshd.server({ port }), '/upload');
    expect(answer).toMatchObject({ ok: false, kind: 'connect', step: 'connect' });
    if (!answer.ok) expect(answer.message).toContain(`SFTP 127.0.0.1:${port}:`);
  });

  it('a host name that does not resolve is "name-lookup" at step resolve', async () => {
    const err = await failure(openSession(sshd.server({ host: 'nonexistent.invalid' })));
    expect([err.kind, err.step]).toEqual(['name-lookup', 'resolve']);
    expect(err.message).toContain('nonexistent.invalid');
  });
});

describe('upload path', () => {
  it('a missing folder is "path-missing"', async () => {
    const answer = await testAccount(sshd.server(), '/upload/nope');
    expect(answer).toMatchObject({ ok: false, kind: 'path-missing', step: 'upload-path', fingerprint: sshd.fingerprint });
  });

  it('a file where the folder should be is "path-missing"', async () => {
    fs.writeFileSync(path.join(sshd.uploadDir, 'plain-file'), 'x');
    const answer = await testAccount(sshd.server(), '/upload/plain-file');
    expect(answer).toMatchObject({ ok: false, kind: 'path-missing', step: 'upload-path' });
  });

  it('a relative Upload Path is refused before connecting', async () => {
    const answer = await testAccount(sshd.server(), 'upload');
    expect(answer).toMatchObject({ ok: false, kind: 'path-missing', step: 'upload-path' });
  });

  it('a folder the user cannot write is "permission" at step write', async () => {
    const dir = path.join(sshd.uploadDir, 'locked');
    fs.mkdirSync(dir);
    const restore = await denyWrites(sshd, dir);
    try {
      const answer = await testAccount(sshd.server(), '/upload/locked');
      expect(answer).toMatchObject({ ok: false, kind: 'permission', step: 'write', fingerprint: sshd.fingerprint });
      expect(fs.readdirSync(dir)).toEqual([]);
    } finally {
      await restore();
    }
    expect(await testAccount(sshd.server(), '/upload/locked')).toMatchObject({ ok: true });
  });
});

describe('operations', () => {
  let session: SftpSession;
  beforeAll(async () => {
    session = await openSession(sshd.server(), { operationTimeoutMs: 10_000 });
  });
  afterAll(async () => {
    await session?.end();
  });

  it('put then posixRename replaces an existing file', async () => {
    fs.writeFileSync(path.join(sshd.uploadDir, 'batch.csv'), 'old contents\n');
    await session.put(Buffer.from('new contents\n'), '/upload/batch.csv.part');
    await session.rename('/upload/batch.csv.part', '/upload/batch.csv');
    expect(fs.readFileSync(path.join(sshd.uploadDir, 'batch.csv'), 'utf8')).toBe('new contents\n');
    expect(fs.existsSync(path.join(sshd.uploadDir, 'batch.csv.part'))).toBe(false);
  });

  it('stat gives the size or null, read gives the bytes, remove removes', async () => {
    expect(await session.stat('/upload/batch.csv')).toEqual({ size: 13 });
    expect(await session.stat('/upload/none.csv')).toBeNull();
    expect((await session.read('/upload/batch.csv')).toString()).toBe('new contents\n');
    expect(await session.isFolder('/upload')).toBe(true);
    expect(await session.isFolder('/upload/batch.csv')).toBe(false);
    await session.remove('/upload/batch.csv');
    expect(fs.existsSync(path.join(sshd.uploadDir, 'batch.csv'))).toBe(false);
  });

  it('calls made together run one after another', async () => {
    const names = Array.from({ length: 5 }, (_, i) => `/upload/together-${i}.txt`);
    await Promise.all(names.map((n, i) => session.put(Buffer.from(`file ${i}\n`), n)));
    const sizes = await Promise.all(names.map((n) => session.stat(n)));
    expect(sizes).toEqual(names.map((_, i) => ({ size: `file ${i}\n`.length })));
  });

  it('missing files and folders are "path-missing"; a root-owned target is "permission"', async () => {
    expect((await failure(session.put(Buffer.from('x'), '/upload/no-dir/x.txt'))).kind).toBe('path-missing');
    expect((await failure(session.rename('/upload/missing.part', '/upload/missing'))).kind).toBe('path-missing');
    expect((await failure(session.read('/upload/missing'))).kind).toBe('path-missing');
    const err = await failure(session.put(Buffer.from('x'), '/outside-upload.txt'));
    expect([err.kind, err.step]).toEqual(['permission', 'write']);
    // the session is still usable after failures the server answered
    await session.put(Buffer.from('still fine\n'), '/upload/after.txt');
    expect(fs.readFileSync(path.join(sshd.uploadDir, 'after.txt'), 'utf8')).toBe('still fine\n');
  });

  it('a session used after end() fails cleanly, and end() twice resolves', async () => {
    const s = await openSession(sshd.server());
    await s.end();
    await s.end();
    expect((await failure(s.put(Buffer.from('x'), '/upload/late.txt'))).kind).toBe('transfer');
  });
});

describe('secrets', () => {
  it('the password never appears in any error message, stack or field', () => {
    expect(failures.length).toBeGreaterThanOrEqual(20);
    for (const err of failures) {
      const e = err as Error;
      const text = `${e.message}\n${e.stack ?? ''}\n${JSON.stringify(e)}\n${String(e)}`;
      expect(e.message).toMatch(/^SFTP [^ ]+:\d+: /);
      expect(text).not.toContain(sshd.password);
    }
  });
});
