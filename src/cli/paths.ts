import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder of this package (dist/tillpoint.js or src/cli/*.ts both live two levels below). */
export function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && JSON.parse(fs.readFileSync(pkg, 'utf8')).name === 'tillpoint') return dir;
    dir = path.dirname(dir);
  }
  throw new Error('cannot find the tillpoint package folder');
}

/** The embedded default store: `data/` beside the package, unless TILLPOINT_DATA says otherwise. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): { dir: string; embedded: boolean } {
  if (env.TILLPOINT_DATA) return { dir: path.resolve(env.TILLPOINT_DATA), embedded: false };
  return { dir: path.join(packageRoot(), 'data'), embedded: true };
}

export function demoDir(): string {
  return path.join(packageRoot(), 'data', 'demo');
}
