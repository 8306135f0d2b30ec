// One SFTP login over ssh2-sftp-client 12, minding PITFALLS: a new Client per session, no
// retries here (the caller retries), keepalive on, an application deadline around every call
// that drops the connection when it passes, put() only, one operation at a time, posixRename,
// and end() under its own timeout. Messages name host, port, step and path, never a secret.
import { readFile } from 'node:fs/promises';
import ssh2 from 'ssh2';
import Client from 'ssh2-sftp-client';
import { codeTag, connectFailureKind, isConnectionLost, operationFailureKind, type RawSshError } from './classify.js';
import { fingerprintOf, hostKeyMatches } from './fingerprint.js';
import { SftpError, type RemoteStat, type SftpFailureKind, type SftpOptions, type SftpServer, type SftpSession, type SftpStep } from './types.js';

const DEFAULTS: Required<SftpOptions> = { connectTimeoutMs: 10_000, operationTimeoutMs: 30_000, keepaliveIntervalMs: 3_000, keepaliveCountMax: 3 };
/**
 * A transfer's deadline grows with its size at this many bytes a second (128 kbit/s: a slow 3G
 * uplink), so a big file on a slow line is not cut off and retried from zero forever; a dead
 * line is still noticed within the keepalive (interval x count).
 */
const SLOWEST_LINE_BYTES_PER_S = 16 * 1024;
/** end() waits this long for a clean goodbye, then drops the socket. */
const END_TIMEOUT_MS = 2_000;
/** Beyond ssh2's own readyTimeout, for a name lookup or socket that hangs outside it. */
const CONNECT_GRACE_MS = 500;

type Credentials = { password: string } | { privateKey: Buffer };
const noop = (): void => undefined;
const TIMED_OUT = Symbol('timed out');

function where(server: SftpServer): string {
  return `SFTP ${server.host}:${server.port}`;
}

function optionsOf(opts: SftpOptions): Required<SftpOptions> {
  const o = { ...DEFAULTS };
  for (const k of Object.keys(DEFAULTS) as (keyof SftpOptions)[]) {
    const v = opts[k];
    if (typeof v === 'number' && Number.isFinite(v) && v > 0) o[k] = v;
  }
  return o;
}

async function credentialsOf(server: SftpServer): Promise<Credentials> {
  if (server.password !== '') return { password: server.password };
  const file = server.privateKeyFile;
  if (file === '') {
    throw new SftpError('key-file', 'login', `${where(server)}: no password and no private key file are set for user ${server.username} (step login)`);
  }
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch (err) {
    throw new SftpError('key-file', 'login', `${where(server)}: cannot read the private key file ${file}${codeTag(err as RawSshError)} (step login)`);
  }
  if (ssh2.utils.parseKey(data) instanceof Error) {
    throw new SftpError('key-file', 'login', `${where(server)}: the private key file ${file} is not an OpenSSH private key without a passphrase (step login)`);
  }
  return { privateKey: data };
}

class Session implements SftpSession {
  fingerprint = '';
  /** The first raw ssh2 error on this connection: once there is one, the connection is done. */
  private raw: RawSshError | undefined;
  private closed = false;
  private ended = false;
  private hostKeyVerdict: 'host-key-unknown' | 'host-key-changed' | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly client: Client;

  constructor(private readonly server: SftpServer, private readonly o: Required<SftpOptions>) {
    // The library's default global listeners print to the console, which would tear the screen.
    this.client = new Client('tillpoint', { error: noop, end: noop, close: noop });
    this.client.on('error', (err) => {
      this.raw ??= { code: err.code, level: err.level };
    });
    const gone = (): void => {
      this.closed = true;
    };
    this.client.on('end', gone);
    this.client.on('close', gone);
  }

  async connect(creds: Credentials): Promise<void> {
    const { server, o } = this;
    const attempt = this.client.connect({
      host: server.host, port: server.port, username: server.username, ...creds,
      readyTimeout: o.connectTimeoutMs,
      keepaliveInterval: o.keepaliveIntervalMs,
      keepaliveCountMax: o.keepaliveCountMax,
      tryKeyboard: false,
      hostVerifier: (key) => this.verifyHostKey(key),
    });
    attempt.catch(noop);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<typeof TIMED_OUT>((resolve) => {
      timer = setTimeout(() => resolve(TIMED_OUT), o.connectTimeoutMs + CONNECT_GRACE_MS);
    });
    try {
      const outcome = await Promise.race([attempt, deadline]);
      if (outcome === TIMED_OUT) throw this.connectError(undefined, true);
    } catch (err) {
      this.destroy();
      throw err instanceof SftpError ? err : this.connectError(err as RawSshError, false);
    } finally {
      clearTimeout(timer);
    }
  }

  private verifyHostKey(key: Buffer): boolean {
    this.fingerprint = fingerprintOf(key);
    if (this.server.hostKey.trim() === '') this.hostKeyVerdict = 'host-key-unknown';
    else if (!hostKeyMatches(this.server.hostKey, this.fingerprint)) this.hostKeyVerdict = 'host-key-changed';
    return this.hostKeyVerdict === null;
  }

  private connectError(wrapped: RawSshError | undefined, timedOut: boolean): SftpError {
    const { server } = this;
    const w = where(server);
    if (this.hostKeyVerdict === 'host-key-unknown') {
      return new SftpError('host-key-unknown', 'host-key', `${w}: the server's host key ${this.fingerprint} is not accepted yet (step host-key); confirm it with the provider, then accept it`, this.fingerprint);
    }
    if (this.hostKeyVerdict === 'host-key-changed') {
      return new SftpError('host-key-changed', 'host-key',
        `${w}: WARNING: the server's identity has changed, so the connection was refused (step host-key). `
        + `It now shows host key ${this.fingerprint}, not the accepted ${server.hostKey.trim()}. `
        + 'This happens when the provider replaces the server, but also when someone intercepts the connection: '
        + 'confirm the new fingerprint with the provider before accepting it.', this.fingerprint);
    }
    const kind: SftpFailureKind = timedOut ? 'timeout' : connectFailureKind(this.raw, wrapped);
    const step: SftpStep = kind === 'name-lookup' ? 'resolve' : kind === 'auth' || this.fingerprint !== '' ? 'login' : 'connect';
    const tag = codeTag(this.raw ?? wrapped);
    const method = server.password !== '' ? 'password' : `key ${server.privateKeyFile}`;
    const messages: Partial<Record<SftpFailureKind, string>> = {
      'name-lookup': `the host name ${server.host} could not be resolved (step resolve)${tag}`,
      'timeout': `no answer within ${this.o.connectTimeoutMs} ms (step ${step})${tag}`,
      'auth': `login refused for user ${server.username} with the ${method} (step login)${tag}`,
    };
    const text = messages[kind] ?? `could not connect: refused or dropped by the server or the network (step ${step})${tag}`;
    return new SftpError(kind, step, `${w}: ${text}`);
  }

  /** One operation at a time, each under its own deadline. */
  private run<T>(step: SftpStep, what: string, path: string, fn: () => Promise<T>, bytes = 0): Promise<T> {
    const ms = this.o.operationTimeoutMs + Math.ceil((bytes / SLOWEST_LINE_BYTES_PER_S) * 1000);
    const next = this.queue.then(() => this.guarded(step, what, path, fn, ms));
    this.queue = next.catch(noop);
    return next;
  }

  private async guarded<T>(step: SftpStep, what: string, path: string, fn: () => Promise<T>, ms: number): Promise<T> {
    const w = where(this.server);
    if (this.ended) throw new SftpError('transfer', step, `${w}: ${what} ${path} after the session was ended (step ${step})`);
    if (this.closed || this.raw) {
      const kind = operationFailureKind(this.raw ?? {}, undefined);
      throw new SftpError(kind, step, `${w}: the connection was already lost before ${what} ${path} (step ${step})${codeTag(this.raw)}`);
    }
    const op = fn();
    op.catch(noop);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<typeof TIMED_OUT>((resolve) => {
      timer = setTimeout(() => resolve(TIMED_OUT), ms);
    });
    try {
      const outcome = await Promise.race([op, deadline]);
      if (outcome === TIMED_OUT) {
        this.raw ??= { level: 'client-timeout' };
        this.destroy();
        throw new SftpError('timeout', step, `${w}: ${what} ${path} got no answer within ${ms} ms (step ${step}); the connection was dropped`);
      }
      return outcome;
    } catch (err) {
      throw err instanceof SftpError ? err : this.operationError(step, what, path, err as RawSshError);
    } finally {
      clearTimeout(timer);
    }
  }

  private operationError(step: SftpStep, what: string, path: string, wrapped: RawSshError | undefined): SftpError {
    const lost = this.raw ?? (this.closed ? {} : undefined);
    const kind = operationFailureKind(lost, wrapped);
    const tag = codeTag(this.raw ?? wrapped);
    const texts: Partial<Record<SftpFailureKind, string>> = {
      'path-missing': `${what} ${path}: no such file or folder (step ${step})${tag}`,
      'permission': `${what} ${path}: permission denied (step ${step})${tag}`,
      'timeout': `the server stopped answering during ${what} ${path} (step ${step})${tag}`,
    };
    const transfer = lost || isConnectionLost(wrapped)
      ? `the connection was lost during ${what} ${path} (step ${step})${tag}`
      : `${what} ${path} failed on the server (step ${step})${tag}`;
    return new SftpError(kind, step, `${where(this.server)}: ${texts[kind] ?? transfer}`);
  }

  stat(remotePath: string): Promise<RemoteStat | null> {
    return this.run('read', 'reading the size of', remotePath, async () => {
      try {
        const s = await this.client.stat(remotePath);
        return { size: s.size };
      } catch (err) {
        // stat() turns SFTP status 2 into ENOENT; only "there is none" is an answer here
        if ((err as RawSshError).code === 'ENOENT') return null;
        throw err;
      }
    });
  }

  isFolder(remotePath: string): Promise<boolean> {
    return this.run('upload-path', 'checking the folder', remotePath, async () => {
      try {
        return (await this.client.stat(remotePath)).isDirectory;
      } catch (err) {
        if ((err as RawSshError).code === 'ENOENT') return false;
        throw err;
      }
    });
  }

  put(data: Buffer, remotePath: string): Promise<void> {
    return this.run('write', 'writing', remotePath, async () => {
      await this.client.put(data, remotePath);
    }, data.length);
  }

  rename(from: string, to: string): Promise<void> {
    return this.run('rename', `renaming ${from} to`, to, async () => {
      await this.client.posixRename(from, to);
    });
  }

  remove(remotePath: string): Promise<void> {
    return this.run('remove', 'removing', remotePath, async () => {
      await this.client.delete(remotePath);
    });
  }

  read(remotePath: string, expectedBytes = 0): Promise<Buffer> {
    return this.run('read', 'reading', remotePath, () => this.client.get(remotePath), expectedBytes);
  }

  async end(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    if (!this.closed) {
      let timer: NodeJS.Timeout | undefined;
      const giveUp = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, END_TIMEOUT_MS);
      });
      await Promise.race([this.client.end().catch(noop), giveUp]);
      clearTimeout(timer);
    }
    this.destroy();
  }

  private destroy(): void {
    try {
      this.client.client.destroy();
    } catch {
      // already gone
    }
  }
}

/** Connects, checks the host key and logs in; throws SftpError. */
export async function openSession(server: SftpServer, opts: SftpOptions = {}): Promise<SftpSession> {
  const creds = await credentialsOf(server);
  const session = new Session(server, optionsOf(opts));
  await session.connect(creds);
  return session;
}
