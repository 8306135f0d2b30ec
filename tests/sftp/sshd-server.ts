// A real OpenSSH sshd on 127.0.0.1 for one test file: its own port, host key, OS user (password
// and ed25519 key) and chroot, so test files can run in parallel. Use it like this, so that
// close() runs even when a test fails:
//
//   let sshd: SshdServer;
//   beforeAll(async () => { sshd = await startSshd(); });
//   afterAll(async () => { await sshd?.close(); });
//
// A process exit handler also kills sshd and removes the user if afterAll never ran.
// Extras for fault tests: freeze()/thaw() (SIGSTOP/SIGCONT: a server that stops answering),
// denyWrites() (a folder the user cannot write), opensshPut() (OpenSSH's own client, the bench's
// baseline).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { SftpServer } from '../../src/store/uploads-settings.js';
import { addUser, answersSsh, checkMachine, freePort, removeUser, removeUserSync, signalTree, sweepStale, userIds } from './sshd-os.js';

const run = promisify(execFile);

export interface SshdServer {
  host: '127.0.0.1';
  port: number;
  user: string;
  password: string;
  /** ed25519, no passphrase; its public key is in authorized_keys. */
  privateKeyFile: string;
  /** The current host key's "SHA256:..." as `ssh-keygen -lf` prints it. */
  readonly fingerprint: string;
  /** Local path of the remote folder /upload (owned by the user, writable). */
  uploadDir: string;
  /** Local path that the remote "/" maps to. */
  chrootDir: string;
  /** A settings entry (password login, hostKey = fingerprint) for this server. */
  server(overrides?: Partial<SftpServer>): SftpServer;
  /** Kills sshd and every session it forked (connections drop); files are kept. */
  stop(): Promise<void>;
  /** Starts again on the same port with the current host key. */
  start(): Promise<void>;
  /** A new host key; takes effect at the next start(). */
  regenerateHostKey(): Promise<void>;
  /** SIGSTOP sshd and its sessions: connections stay open but nothing answers (keepalive tests). */
  freeze(): void;
  /** SIGCONT after freeze(). */
  thaw(): void;
  /** stop(), remove the user and every file. */
  close(): Promise<void>;
}

/** Below /var/lib, not /tmp: sshd refuses a chroot with any group/other-writable path component. */
const BASE = '/var/lib/tillpoint-test-sshd';
const START_DEADLINE_MS = 10_000;

async function keygen(file: string): Promise<void> {
  fs.rmSync(file, { force: true });
  fs.rmSync(`${file}.pub`, { force: true });
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'tillpoint-test', '-f', file]);
}

async function fingerprintOfFile(pubFile: string): Promise<string> {
  const { stdout } = await run('ssh-keygen', ['-lf', pubFile]);
  const fp = stdout.trim().split(/\s+/)[1] ?? '';
  if (!fp.startsWith('SHA256:')) throw new Error(`ssh-keygen -lf ${pubFile} printed no SHA256 fingerprint: ${stdout}`);
  return fp;
}

function sshdConfig(o: { port: number; hostKey: string; authorizedKeys: string; user: string; chrootDir: string }): string {
  return [
    `Port ${o.port}`,
    'ListenAddress 127.0.0.1',
    `HostKey ${o.hostKey}`,
    `AuthorizedKeysFile ${o.authorizedKeys}`,
    'PidFile none',
    'UsePAM no',
    'StrictModes no',
    'PasswordAuthentication yes',
    'PubkeyAuthentication yes',
    'KbdInteractiveAuthentication no',
    'PermitRootLogin no',
    'MaxStartups 50:30:100',
    'LogLevel INFO',
    'Subsystem sftp internal-sftp',
    `Match User ${o.user}`,
    `  ChrootDirectory ${o.chrootDir}`,
    '  ForceCommand internal-sftp',
    '  AllowTcpForwarding no',
    '',
  ].join('\n');
}

export async function startSshd(): Promise<SshdServer> {
  checkMachine();
  const id = randomBytes(3).toString('hex');
  const user = `tpsftp_${id}`;
  const password = `pw-${randomBytes(12).toString('hex')}`;
  fs.mkdirSync(BASE, { recursive: true, mode: 0o755 });
  fs.chmodSync(BASE, 0o755);
  await sweepStale(BASE, 'tpsftp_');
  const dir = fs.mkdtempSync(path.join(BASE, `${id}-`));
  // 0755 everywhere on the way: sshd reads authorized_keys as the user.
  fs.chmodSync(dir, 0o755);
  const etc = path.join(dir, 'etc');
  const chrootDir = path.join(dir, 'root');
  const uploadDir = path.join(chrootDir, 'upload');
  fs.mkdirSync(etc, { mode: 0o755 });
  fs.mkdirSync(chrootDir, { mode: 0o755 });
  fs.chmodSync(chrootDir, 0o755);
  fs.mkdirSync(uploadDir, { mode: 0o755 });
  fs.mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });

  const hostKey = path.join(etc, 'host_ed25519');
  const privateKeyFile = path.join(etc, 'client_ed25519');
  const authorizedKeys = path.join(etc, 'authorized_keys');
  const configFile = path.join(etc, 'sshd_config');
  await Promise.all([keygen(hostKey), keygen(privateKeyFile)]);
  fs.copyFileSync(`${privateKeyFile}.pub`, authorizedKeys);
  fs.chmodSync(authorizedKeys, 0o644);
  let fingerprint = await fingerprintOfFile(`${hostKey}.pub`);

  let userAdded = false;
  let child: ChildProcess | null = null;
  let port = 0;
  const cleanupAtExit = (): void => {
    if (child?.pid) signalTree(child.pid, 'SIGKILL');
    if (userAdded) removeUserSync(user);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', cleanupAtExit);

  async function launch(): Promise<void> {
    fs.writeFileSync(configFile, sshdConfig({ port, hostKey, authorizedKeys, user, chrootDir }));
    const proc = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', configFile], { stdio: ['ignore', 'ignore', 'pipe'] });
    child = proc;
    let stderr = '';
    let exited: string | null = null;
    proc.stderr?.setEncoding('utf8');
    proc.stderr?.on('data', (d: string) => {
      // TP_SSHD_DEBUG=1 shows sshd's log (why a login was refused) while writing a test
      if (process.env.TP_SSHD_DEBUG) process.stderr.write(d);
      // keep only the head: a long test's log lines are not needed, start-up errors are
      if (stderr.length < 20_000) stderr += d;
    });
    proc.once('exit', (code, signal) => {
      exited = `exited with ${signal ?? `code ${String(code)}`}`;
    });
    const deadline = Date.now() + START_DEADLINE_MS;
    for (;;) {
      if (exited !== null) throw new Error(`sshd ${exited} before accepting connections on port ${port}:\n${stderr}`);
      if (await answersSsh(port)) return;
      if (Date.now() > deadline) {
        proc.kill('SIGKILL');
        throw new Error(`sshd did not accept connections on 127.0.0.1:${port} within ${START_DEADLINE_MS} ms:\n${stderr}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async function stop(): Promise<void> {
    const proc = child;
    child = null;
    if (!proc?.pid || proc.exitCode !== null || proc.signalCode !== null) return;
    const gone = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    signalTree(proc.pid, 'SIGKILL');
    await gone;
  }

  try {
    await addUser(user, password, '/upload');
    userAdded = true;
    const ids = await userIds(user);
    fs.chownSync(uploadDir, ids.uid, ids.gid);
    // Another process may take the free port between close and sshd's bind: try a few.
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      try {
        await launch();
        break;
      } catch (err) {
        await stop();
        if (attempt >= 3) throw err;
      }
    }
  } catch (err) {
    await stop();
    if (userAdded) await removeUser(user).catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
    process.removeListener('exit', cleanupAtExit);
    throw err;
  }

  const sshd: SshdServer = {
    host: '127.0.0.1',
    port,
    user,
    password,
    privateKeyFile,
    get fingerprint() {
      return fingerprint;
    },
    uploadDir,
    chrootDir,
    server(overrides) {
      return {
        name: 'Test SFTP', protocol: 'SFTP', host: '127.0.0.1', port, username: user,
        password, privateKeyFile: '', hostKey: fingerprint, ...overrides,
      };
    },
    stop,
    async start() {
      if (child) return;
      await launch();
    },
    freeze() {
      if (child?.pid) signalTree(child.pid, 'SIGSTOP');
    },
    thaw() {
      if (child?.pid) signalTree(child.pid, 'SIGCONT');
    },
    async regenerateHostKey() {
      await keygen(hostKey);
      fingerprint = await fingerprintOfFile(`${hostKey}.pub`);
    },
    async close() {
      await stop();
      try {
        if (userAdded) await removeUser(user);
        userAdded = false;
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
        process.removeListener('exit', cleanupAtExit);
      }
    },
  };
  return sshd;
}

/**
 * Makes a local folder inside the chroot unwritable for the test user (root-owned, 0555), for
 * "permission denied" tests. Returns a function that gives it back to the user.
 */
export async function denyWrites(sshd: SshdServer, localDir: string): Promise<() => Promise<void>> {
  const ids = await userIds(sshd.user);
  fs.chownSync(localDir, 0, 0);
  fs.chmodSync(localDir, 0o555);
  return async () => {
    fs.chownSync(localDir, ids.uid, ids.gid);
    fs.chmodSync(localDir, 0o755);
  };
}

/**
 * OpenSSH's own client puts one file (batch mode): the bench's baseline and the fixture's proof.
 * Key login by default; `password: true` logs in with the password through SSH_ASKPASS.
 */
export async function opensshPut(sshd: SshdServer, localFile: string, remotePath: string, opts: { password?: boolean } = {}): Promise<void> {
  // sftp -b turns BatchMode on, which forbids password prompts; ssh keeps the first value given,
  // so a BatchMode=no placed before -b lets the password login ask SSH_ASKPASS.
  const args = opts.password ? ['-o', 'BatchMode=no'] : [];
  args.push('-b', '-', '-P', String(sshd.port), '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'LogLevel=ERROR');
  const env: NodeJS.ProcessEnv = { ...process.env };
  let askpass = '';
  if (opts.password) {
    askpass = path.join(path.dirname(sshd.privateKeyFile), `askpass-${randomBytes(4).toString('hex')}.sh`);
    fs.writeFileSync(askpass, '#!/bin/sh\nprintf "%s\\n" "$TP_SSHD_PASSWORD"\n', { mode: 0o700 });
    args.push('-o', 'PubkeyAuthentication=no', '-o', 'PreferredAuthentications=password', '-o', 'NumberOfPasswordPrompts=1');
    Object.assign(env, { SSH_ASKPASS: askpass, SSH_ASKPASS_REQUIRE: 'force', TP_SSHD_PASSWORD: sshd.password, DISPLAY: env.DISPLAY ?? ':0' });
  } else {
    args.push('-i', sshd.privateKeyFile, '-o', 'IdentitiesOnly=yes', '-o', 'BatchMode=yes', '-o', 'PasswordAuthentication=no');
  }
  args.push(`${sshd.user}@127.0.0.1`);
  const quote = (s: string): string => `"${s.replace(/(["\\])/g, '\\$1')}"`;
  try {
    await new Promise<void>((resolve, reject) => {
      const proc = spawn('sftp', args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
      let out = '';
      proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
      proc.stderr.on('data', (d: Buffer) => (out += d.toString()));
      const timer = setTimeout(() => proc.kill('SIGKILL'), 30_000);
      proc.once('error', reject);
      proc.once('exit', (code, signal) => {
        clearTimeout(timer);
        if (code === 0) resolve();
        else reject(new Error(`sftp put ${localFile} -> ${remotePath} failed (${signal ?? `exit ${String(code)}`}):\n${out}`));
      });
      proc.stdin.end(`put ${quote(localFile)} ${quote(remotePath)}\n`);
    });
  } finally {
    if (askpass) fs.rmSync(askpass, { force: true });
  }
}
