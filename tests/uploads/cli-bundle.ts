// `tillpoint` bundled from the current sources for this test file (the transport inlined, the
// packages left to node_modules), so child processes run the real command line with plain node
// without depending on a `npm run build` of every entry.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** Bundles `entry` (relative to the project) into a temp folder; returns the file and a remover. */
export async function bundleEntry(entry: string, name: string): Promise<{ file: string; remove(): void }> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'tillpoint-upload-bundle-'));
  const outfile = path.join(outdir, `${name}.mjs`);
  await build({
    entryPoints: [path.join(ROOT, entry)], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20',
    packages: 'external', logLevel: 'error', alias: { 'react-devtools-core': path.join(ROOT, 'src', 'cli', 'devtools-stub.ts') },
  });
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(outdir, 'node_modules'));
  return { file: outfile, remove: () => fs.rmSync(outdir, { recursive: true, force: true }) };
}

export const bundleCli = () => bundleEntry(path.join('src', 'cli', 'main.ts'), 'tillpoint');

export interface Child {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function tillpoint(bundle: string, args: string[], env: Record<string, string> = {}): Child {
  const e: NodeJS.ProcessEnv = { ...process.env, ...env };
  if (!env.TILLPOINT_CRASH_AT) delete e.TILLPOINT_CRASH_AT;
  const r = spawnSync(process.execPath, [bundle, ...args], { encoding: 'utf8', env: e, timeout: 60_000 });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}
