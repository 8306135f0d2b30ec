// The OS side of the sshd fixture: a real user with a password (sshd with UsePAM no checks
// /etc/shadow itself), free ports, and the process tree of one sshd.
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** What the fixture needs from the machine; a test never skips, it says what to install. */
export function checkMachine(): void {
  const missing: string[] = [];
  if (process.getuid?.() !== 0) {
    throw new Error('The sshd test fixture must run as root (it creates an OS user and a chroot); run the tests as root, as CI does.');
  }
  if (!fs.existsSync('/usr/sbin/sshd')) missing.push('/usr/sbin/sshd (Debian package openssh-server)');
  for (const bin of ['ssh-keygen', 'sftp']) {
    if (!['/usr/bin', '/bin', '/usr/local/bin'].some((d) => fs.existsSync(`${d}/${bin}`))) missing.push(`${bin} (Debian package openssh-client)`);
  }
  for (const bin of ['useradd', 'userdel', 'chpasswd']) {
    if (!['/usr/sbin', '/sbin'].some((d) => fs.existsSync(`${d}/${bin}`))) missing.push(`${bin} (Debian package passwd)`);
  }
  if (missing.length > 0) {
    throw new Error(`The sshd test fixture needs ${missing.join(', ')}: run "apt-get update && apt-get install -y openssh-server openssh-client passwd".`);
  }
}

/** useradd/userdel/chpasswd lock /etc/passwd; parallel test files collide, so retry briefly. */
async function withPasswdLock(file: string, args: string[], input?: string): Promise<void> {
  let last: unknown;
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      if (input === undefined) {
        await run(file, args);
      } else {
        await new Promise<void>((resolve, reject) => {
          const child = execFile(file, args, (err) => (err ? reject(err) : resolve()));
          child.stdin?.end(input);
        });
      }
      return;
    } catch (err) {
      last = err;
      await new Promise((r) => setTimeout(r, 100 + Math.floor(Math.random() * 200)));
    }
  }
  throw new Error(`${file} ${args.join(' ')} failed: ${String((last as { stderr?: string }).stderr ?? last)}`);
}

export async function addUser(user: string, password: string, home: string): Promise<void> {
  await withPasswdLock('useradd', ['-M', '-d', home, '-s', '/usr/sbin/nologin', user]);
  await withPasswdLock('chpasswd', [], `${user}:${password}\n`);
}

export async function removeUser(user: string): Promise<void> {
  await withPasswdLock('userdel', ['-f', user]);
}

/** Last resort at process exit (a worker ending without afterAll): no promises left to await. */
export function removeUserSync(user: string): void {
  try {
    execFileSync('userdel', ['-f', user], { stdio: 'ignore' });
  } catch {
    // already gone, or the passwd lock is busy: nothing more can be done at exit
  }
}

export async function userIds(user: string): Promise<{ uid: number; gid: number }> {
  const [uid, gid] = await Promise.all([run('id', ['-u', user]), run('id', ['-g', user])]);
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** True once something on the port answers with an SSH banner. */
export function answersSsh(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = net.connect({ host: '127.0.0.1', port });
    const done = (ok: boolean): void => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(1000, () => done(false));
    sock.once('data', (d) => done(d.toString('latin1').startsWith('SSH-')));
    sock.once('error', () => done(false));
    sock.once('close', () => done(false));
  });
}

/**
 * sshd forks a child per connection and each calls setsid(), so killing the listener or its
 * process group leaves sessions alive: collect the whole tree from /proc first.
 */
export function processTree(root: number): number[] {
  const parentOf = new Map<number, number>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parentOf.set(Number(name), Number(fields[1]));
    } catch {
      // the process ended while we looked
    }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) {
    for (const [pid, ppid] of parentOf) if (ppid === tree[i]) tree.push(pid);
  }
  return tree;
}

export function signalTree(root: number, signal: NodeJS.Signals): void {
  for (const pid of processTree(root)) {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

/**
 * A worker killed without afterAll or exit handlers leaves its user and folder on a machine that
 * is kept between sessions: remove users whose folder is gone, and folders older than an hour
 * that no running sshd uses.
 */
export async function sweepStale(base: string, prefix: string): Promise<void> {
  let dirs: string[] = [];
  try {
    dirs = fs.readdirSync(base);
  } catch {
    return;
  }
  const inUse = new Set<string>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${name}/cmdline`, 'utf8');
      for (const d of dirs) if (cmd.includes(`${base}/${d}/`)) inUse.add(d);
    } catch {
      // the process ended while we looked
    }
  }
  const hourAgo = Date.now() - 3_600_000;
  for (const d of dirs) {
    const full = `${base}/${d}`;
    try {
      if (!inUse.has(d) && fs.statSync(full).mtimeMs < hourAgo) fs.rmSync(full, { recursive: true, force: true });
    } catch {
      // another sweep got there first
    }
  }
  const ids = new Set(fs.readdirSync(base).map((d) => d.split('-')[0]));
  const users = fs.readFileSync('/etc/passwd', 'utf8').split('\n').map((l) => l.split(':')[0] ?? '');
  for (const u of users) {
    if (u.startsWith(prefix) && !ids.has(u.slice(prefix.length))) await removeUser(u).catch(() => undefined);
  }
}
