// The transport when the server goes away or changes: a stopped server, a connection cut in the
// middle of a large put, a server that stops answering (keepalive), and a new host key.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, SftpError, testAccount } from '../../src/integrations/sftp/index.js';
import { startSshd, type SshdServer } from './sshd-server.js';

let sshd: SshdServer;
const seen: unknown[] = [];

beforeAll(async () => {
  sshd = await startSshd();
});
afterAll(async () => {
  sshd?.thaw();
  await sshd?.close();
});

async function failure(p: Promise<unknown>): Promise<SftpError> {
  try {
    await p;
  } catch (err) {
    seen.push(err);
    if (err instanceof SftpError) return err;
    throw err;
  }
  throw new Error('expected the call to fail');
}

/** Resolves once the file exists with at least one byte: the put is under way. */
async function untilWriting(localFile: string, give: Promise<unknown>): Promise<void> {
  let settled = false;
  give.then(() => (settled = true), () => (settled = true));
  for (;;) {
    if (settled) throw new Error('the put settled before it could be interrupted');
    try {
      if (fs.statSync(localFile).size > 0) return;
    } catch {
      // not created yet
    }
    await new Promise((r) => setTimeout(r, 2));
  }
}

describe('outages', () => {
  it('a stopped server is "connect"; after start() a Test passes again', async () => {
    await sshd.stop();
    const err = await failure(openSession(sshd.server()));
    expect([err.kind, err.step]).toEqual(['connect', 'connect']);
    await sshd.start();
    expect(await testAccount(sshd.server(), '/upload')).toEqual({ ok: true, fingerprint: sshd.fingerprint });
  });

  it('a server killed in the middle of a 64 MB put fails it as "transfer", and a new session works after start()', async () => {
    const session = await openSession(sshd.server(), { keepaliveIntervalMs: 1000, keepaliveCountMax: 2, operationTimeoutMs: 30_000 });
    const big = Buffer.alloc(64 * 1024 * 1024, 7);
    const put = failure(session.put(big, '/upload/big.bin'));
    await untilWriting(path.join(sshd.uploadDir, 'big.bin'), put);
    await sshd.stop();
    const err = await put;
    expect(['transfer', 'timeout']).toContain(err.kind);
    expect(err.step).toBe('write');
    expect(err.message).toContain('/upload/big.bin');
    // later calls on the dead session fail at once instead of waiting
    expect((await failure(session.stat('/upload/big.bin'))).kind).toBe('transfer');
    await session.end();

    await sshd.start();
    const again = await openSession(sshd.server());
    try {
      await again.put(Buffer.from('after the outage\n'), '/upload/after.txt');
      expect((await again.read('/upload/after.txt')).toString()).toBe('after the outage\n');
    } finally {
      await again.end();
    }
  });

  it('a server that stops answering mid-put is noticed by keepalive as "timeout", and end() still resolves', async () => {
    // an operation deadline far beyond the keepalive bound: only keepalive can end this put
    const session = await openSession(sshd.server(), { keepaliveIntervalMs: 500, keepaliveCountMax: 2, operationTimeoutMs: 50_000 });
    const put = failure(session.put(Buffer.alloc(64 * 1024 * 1024, 1), '/upload/frozen.bin'));
    try {
      await untilWriting(path.join(sshd.uploadDir, 'frozen.bin'), put);
      sshd.freeze();
      const err = await put;
      expect([err.kind, err.step]).toEqual(['timeout', 'write']);
      await session.end();
    } finally {
      sshd.thaw();
    }
    expect(await testAccount(sshd.server(), '/upload')).toMatchObject({ ok: true });
  });

  it('a server that accepts TCP but never speaks is "timeout" at step connect', async () => {
    sshd.freeze();
    try {
      const err = await failure(openSession(sshd.server(), { connectTimeoutMs: 1_000 }));
      expect([err.kind, err.step]).toEqual(['timeout', 'connect']);
    } finally {
      sshd.thaw();
    }
  });

  it('the operation deadline ends a call the server never answers', async () => {
    // keepalive off in effect (a long interval): the application timeout alone must fire
    const session = await openSession(sshd.server(), { keepaliveIntervalMs: 60_000, operationTimeoutMs: 1_500 });
    try {
      sshd.freeze();
      const err = await failure(session.stat('/upload'));
      expect([err.kind, err.step]).toEqual(['timeout', 'read']);
      expect(err.message).toContain('1500 ms');
    } finally {
      sshd.thaw();
    }
    // the timed-out connection was dropped: nothing more is sent on it
    expect((await failure(session.stat('/upload'))).kind).toBe('timeout');
    await session.end();
  });
});

describe('host key change', () => {
  it('a regenerated host key is "host-key-changed" with the new fingerprint; accepting it logs in', async () => {
    const accepted = sshd.server();
    const oldFingerprint = sshd.fingerprint;
    await sshd.regenerateHostKey();
    await sshd.stop();
    await sshd.start();
    expect(sshd.fingerprint).not.toBe(oldFingerprint);

    const answer = await testAccount(accepted, '/upload');
    seen.push(answer);
    expect(answer).toMatchObject({ ok: false, kind: 'host-key-changed', step: 'host-key', fingerprint: sshd.fingerprint });
    if (!answer.ok) {
      expect(answer.message).toContain(sshd.fingerprint);
      expect(answer.message).toContain(oldFingerprint);
      expect(answer.message).toContain('refused');
    }
    expect(await testAccount(sshd.server({ hostKey: answer.fingerprint ?? '' }), '/upload')).toEqual({ ok: true, fingerprint: sshd.fingerprint });
  });

  it('no failure here carries the password', () => {
    expect(seen.length).toBeGreaterThanOrEqual(5);
    for (const e of seen as Error[]) {
      expect(`${e.message}\n${e.stack ?? ''}\n${JSON.stringify(e)}`).not.toContain(sshd.password);
    }
  });
});
