// Makes a fresh clone ready: dependencies installed, bundle built, `npx tillpoint` linked and,
// with --for-tests, the system tools the tests drive (tmux, openssh-server).
// Uses only Node built-ins: it runs before node_modules exists.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const forTests = process.argv.includes('--for-tests');

function fail(line) {
  process.stderr.write(`tillpoint: ${line}\n`);
  process.exit(1);
}

function run(cmd, args, quiet = false) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: quiet ? 'ignore' : 'inherit' });
  return r.status === 0;
}

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) fail(`Node.js 20.19 or newer is needed (this is ${process.versions.node})`);

function mtime(p) {
  try {
    return fs.statSync(p).mtimeMs;
  } catch {
    return 0;
  }
}

function newestUnder(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestUnder(p) : mtime(p));
  }
  return newest;
}

// npm records what it installed in node_modules/.package-lock.json; a newer lock means new deps.
const installed = mtime(path.join(root, 'node_modules', '.package-lock.json'));
if (!installed || installed < mtime(path.join(root, 'package-lock.json'))) {
  process.stderr.write('tillpoint: installing dependencies (npm ci)...\n');
  if (!run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'])) fail('npm ci failed; see the messages above');
}

const bundle = path.join(root, 'dist', 'tillpoint.js');
const sources = Math.max(newestUnder(path.join(root, 'src')), mtime(path.join(root, 'package-lock.json')), mtime(path.join(root, 'scripts', 'build.mjs')));
if (Math.min(mtime(bundle), ...['accrual-job.js', 'simulator.js', 'loyalty-plus.js', 'sftp.js', 'upload-job.js'].map((f) => mtime(path.join(root, 'dist', f)))) < sources) {
  if (!run(process.execPath, [path.join(root, 'scripts', 'build.mjs')])) fail('the build failed; see the messages above');
}

// `npx tillpoint` inside the clone resolves through node_modules/.bin.
const link = path.join(root, 'node_modules', '.bin', 'tillpoint');
try {
  if (fs.readlinkSync(link) !== '../../dist/tillpoint.js') throw new Error('stale');
} catch {
  fs.mkdirSync(path.dirname(link), { recursive: true });
  fs.rmSync(link, { force: true });
  fs.symlinkSync('../../dist/tillpoint.js', link);
}

if (forTests) {
  // sshd for the SFTP tests' loopback server; sftp (OpenSSH's client) is the upload bench's baseline.
  const tools = [{ bin: 'tmux', pkg: 'tmux' }, { bin: '/usr/sbin/sshd', pkg: 'openssh-server' }, { bin: 'sftp', pkg: 'openssh-client' }];
  const missing = tools.filter((t) => !run('sh', ['-c', `command -v ${t.bin}`], true));
  if (missing.length) {
    const pkgs = missing.map((t) => t.pkg);
    if (process.getuid?.() === 0) {
      process.stderr.write(`tillpoint: installing ${pkgs.join(', ')} with apt-get...\n`);
      const ok = run('apt-get', ['update', '-qq']) && run('apt-get', ['install', '-y', '-qq', ...pkgs]);
      if (!ok) fail(`apt-get could not install ${pkgs.join(', ')}`);
    } else {
      fail(`the tests need the Debian package ${pkgs.join(', ')}: run apt-get install ${pkgs.join(' ')} as root`);
    }
  }
}
