import { build } from 'esbuild';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './tmux.js';

/** Bundles a test fixture the way the product is bundled, so child processes run plain node. */
export async function bundleFixture(name: string): Promise<string> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'tillpoint-fixture-'));
  const outfile = path.join(outdir, `${name}.mjs`);
  await build({
    entryPoints: [path.join(ROOT, 'tests', 'e2e', 'fixtures', `${name}.ts`)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
    nodePaths: [path.join(ROOT, 'node_modules')],
  });
  // External packages resolve from the fixture's folder: point it at the project's node_modules.
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(outdir, 'node_modules'));
  return outfile;
}
