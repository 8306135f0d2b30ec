// The tillpoint binary built from the sources now (src/cli/main.ts, bundled as scripts/build.mjs
// bundles it, into a temp folder), so the restore command is tested as a user runs it.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../e2e/tmux.js';

export async function bundleCli(): Promise<string> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'tillpoint-golive-cli-'));
  const outfile = path.join(outdir, 'tillpoint.mjs');
  await build({
    entryPoints: [path.join(ROOT, 'src', 'cli', 'main.ts')], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20',
    packages: 'external', logLevel: 'warning', nodePaths: [path.join(ROOT, 'node_modules')],
  });
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(outdir, 'node_modules'));
  return outfile;
}

export function run(bundle: string, args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bundle, ...args], { encoding: 'utf8', timeout: 30_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
