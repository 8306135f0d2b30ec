// Runs the built bundle as a user would, in a temp store.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BUNDLE } from '../e2e/tmux.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  json(): any;
}

export function cli(args: string[], env: Record<string, string> = {}, bundle = BUNDLE): CliResult {
  const r = spawnSync(process.execPath, [bundle, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 30_000 });
  return {
    code: r.status ?? -1,
    stdout: r.stdout,
    stderr: r.stderr,
    json: () => JSON.parse(r.stdout),
  };
}

export function tempDir(prefix = 'tillpoint-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Every file of a folder with its bytes: two snapshots equal means nothing changed. */
export function snapshotDir(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    if (!fs.existsSync(d)) return;
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (!p.includes(`${path.sep}locks${path.sep}`) && !p.endsWith('tillpoint.log')) out[path.relative(dir, p)] = fs.readFileSync(p, 'base64');
    }
  };
  walk(dir);
  return out;
}

export const ITEMS_CSV = `code,barcode,description,price,taxRate
A1,6001000000011,Apple juice 1L,19.99,15
B2,6001000000028,Brown bread,17.49,0
C3,6001000000035,Coffee 200g,89.99,15
`;

export function storeWithItems(): string {
  const dir = path.join(tempDir(), 'store');
  const csv = path.join(path.dirname(dir), 'items.csv');
  fs.writeFileSync(csv, ITEMS_CSV);
  const r = cli(['--data', dir, 'import', 'items', csv]);
  if (r.code !== 0) throw new Error(`import failed: ${r.stderr}`);
  return dir;
}
