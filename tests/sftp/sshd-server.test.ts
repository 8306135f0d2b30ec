// The fixture itself, proven with OpenSSH's own sftp client: if these fail, the transport's tests
// say nothing about the transport.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { opensshPut, startSshd, type SshdServer } from './sshd-server.js';

const run = promisify(execFile);
let sshd: SshdServer;
let local: string;

beforeAll(async () => {
  sshd = await startSshd();
  local = fs.mkdtempSync(path.join(os.tmpdir(), 'tp-sshd-test-'));
});
afterAll(async () => {
  await sshd?.close();
  fs.rmSync(local, { recursive: true, force: true });
});

function localFile(name: string, body: string): string {
  const file = path.join(local, name);
  fs.writeFileSync(file, body);
  return file;
}

describe('sshd fixture', () => {
  it('accepts key login: a batch put lands in uploadDir', async () => {
    await opensshPut(sshd, localFile('key.txt', 'by key\n'), '/upload/key.txt');
    expect(fs.readFileSync(path.join(sshd.uploadDir, 'key.txt'), 'utf8')).toBe('by key\n');
  });

  it('accepts password login', async () => {
    await opensshPut(sshd, localFile('pw.txt', 'by password\n'), '/upload/pw.txt', { password: true });
    expect(fs.readFileSync(path.join(sshd.uploadDir, 'pw.txt'), 'utf8')).toBe('by password\n');
  });

  it('refuses a wrong password', async () => {
    const wrong = { ...sshd, password: 'not-the-password' } as SshdServer;
    await expect(opensshPut(wrong, localFile('no.txt', 'x'), '/upload/no.txt', { password: true })).rejects.toThrow(/sftp put/);
    expect(fs.existsSync(path.join(sshd.uploadDir, 'no.txt'))).toBe(false);
  });

  it('reports the host key fingerprint the way ssh-keyscan + ssh-keygen see it', async () => {
    const { stdout } = await run('ssh-keyscan', ['-p', String(sshd.port), '-t', 'ed25519', '127.0.0.1']);
    const keyFile = path.join(local, 'scanned.pub');
    fs.writeFileSync(keyFile, stdout);
    const { stdout: fp } = await run('ssh-keygen', ['-lf', keyFile]);
    expect(fp.split(/\s+/)[1]).toBe(sshd.fingerprint);
    expect(sshd.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  });

  it('stops, starts on the same port, and serves a new host key after regenerateHostKey', async () => {
    const before = sshd.fingerprint;
    await sshd.regenerateHostKey();
    expect(sshd.fingerprint).not.toBe(before);
    await sshd.stop();
    await expect(opensshPut(sshd, localFile('down.txt', 'x'), '/upload/down.txt')).rejects.toThrow();
    await sshd.start();
    const { stdout } = await run('ssh-keyscan', ['-p', String(sshd.port), '-t', 'ed25519', '127.0.0.1']);
    fs.writeFileSync(path.join(local, 'new.pub'), stdout);
    const { stdout: fp } = await run('ssh-keygen', ['-lf', path.join(local, 'new.pub')]);
    expect(fp.split(/\s+/)[1]).toBe(sshd.fingerprint);
    await opensshPut(sshd, localFile('again.txt', 'again\n'), '/upload/again.txt');
    expect(fs.readFileSync(path.join(sshd.uploadDir, 'again.txt'), 'utf8')).toBe('again\n');
  });

  it('gives a settings entry for password login', () => {
    expect(sshd.server()).toMatchObject({ host: '127.0.0.1', port: sshd.port, username: sshd.user, password: sshd.password, hostKey: sshd.fingerprint, protocol: 'SFTP' });
    expect(sshd.user).toMatch(/^tpsftp_[0-9a-f]{6}$/);
  });
});
