// dist/sftp.js is bundled on its own and loaded at run time with no node_modules beside it:
// bundle the transport the way scripts/build.mjs does and run a Test through it in plain node.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSshd, type SshdServer } from './sshd-server.js';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..', '..');
let sshd: SshdServer;
let dir: string;

beforeAll(async () => {
  sshd = await startSshd();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tp-sftp-bundle-'));
});
afterAll(async () => {
  await sshd?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

it('the bundled transport runs a Test and an upload without node_modules', async () => {
  await build({
    entryPoints: [path.join(ROOT, 'src', 'integrations', 'sftp', 'index.ts')],
    outfile: path.join(dir, 'sftp.js'),
    bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning',
    external: ['*.node', 'cpu-features'],
    banner: { js: "import { createRequire as __c } from 'node:module'; const require = __c(import.meta.url); const __dirname = new URL('.', import.meta.url).pathname;" },
  });
  fs.writeFileSync(path.join(dir, 'check.mjs'), [
    "const sftp = await import(new URL('./sftp.js', import.meta.url).href);",
    'const server = JSON.parse(process.argv[2]);',
    "const ok = await sftp.testAccount(server, '/upload');",
    "const unknown = await sftp.testAccount({ ...server, hostKey: '' }, '/upload');",
    'const s = await sftp.openSession(server);',
    "await s.put(Buffer.from('from the bundle\\n'), '/upload/bundle.txt');",
    'await s.end();',
    'console.log(JSON.stringify({ ok, unknown: unknown.kind, fp: unknown.fingerprint }));',
  ].join('\n'));
  const { stdout } = await run(process.execPath, [path.join(dir, 'check.mjs'), JSON.stringify(sshd.server())], { cwd: dir });
  expect(JSON.parse(stdout)).toEqual({ ok: { ok: true, fingerprint: sshd.fingerprint }, unknown: 'host-key-unknown', fp: sshd.fingerprint });
  expect(fs.readFileSync(path.join(sshd.uploadDir, 'bundle.txt'), 'utf8')).toBe('from the bundle\n');
});
