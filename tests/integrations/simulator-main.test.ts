// `npm run simulator`'s entry, bundled the way a script would run it, as a child process.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { Agent } from 'undici';
import { afterAll, expect, it } from 'vitest';
import { call, IDS } from './simulator-helpers.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const outdir = mkdtempSync(path.join(os.tmpdir(), 'tillpoint-sim-main-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

it('prints only the URL on stdout and the CA file on stderr, serves the demo members, and stops on SIGTERM', async () => {
  const outfile = path.join(outdir, 'simulator.mjs');
  await build({
    entryPoints: [path.join(ROOT, 'src', 'integrations', 'loyaltyplus', 'simulator', 'main.ts')],
    outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning',
  });
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(outdir, 'node_modules'));
  const env = {
    ...process.env, LP_PORT: '0', LP_PARTNER: IDS.partnerId, LP_TERMINAL: IDS.terminalId, LP_API: IDS.apiId,
    LP_SECRET_START: IDS.secretStart, LP_SECRET_END: IDS.secretEnd,
  };
  const child = spawn(process.execPath, [outfile], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => { stdout += c.toString(); });
  child.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
  const exited = once(child, 'exit');
  try {
    const lines = createInterface({ input: child.stderr });
    const [caFile] = (await once(lines, 'line')) as [string];
    await expect.poll(() => stdout).toMatch(/\n$/);
    expect(stdout).toMatch(/^https:\/\/127\.0\.0\.1:\d+\n$/);
    const agent = new Agent({ connect: { ca: await readFile(caFile, 'utf8') } });
    const target = { sim: { url: stdout.trim() }, agent, clock: { now: new Date() } };
    const r = await call(target, { path: '/v1/members/6009000000001' });
    expect(r.body).toEqual({ account: '4000001', card: '6009000000001', name: 'Thandi Mokoena', points: 1200, pointsValue: 1200 });
    await agent.close();
    child.kill('SIGTERM');
    const [code] = await exited;
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    expect(stderr).not.toContain(IDS.secretStart);
    expect(stderr).not.toContain(IDS.secretEnd);
    expect(existsSync(caFile)).toBe(false);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
});
