// `npm start` with no --data: the embedded store in data/ beside the bundle, filled with the demo
// data the first time. Run on a copy of the package so the clone's own data/ is left alone.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli, tempDir } from '../cli/run-cli.js';
import { BUNDLE, ROOT, startTmux, type TmuxSession } from './tmux.js';

function packageCopy(): { root: string; bundle: string } {
  const root = path.join(tempDir(), 'tillpoint');
  fs.mkdirSync(path.join(root, 'dist'), { recursive: true });
  fs.mkdirSync(path.join(root, 'data', 'demo'), { recursive: true });
  fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(root, 'package.json'));
  fs.copyFileSync(BUNDLE, path.join(root, 'dist', 'tillpoint.js'));
  // The whole demo folder: the first start loads items, debtors and contracts from it.
  for (const f of fs.readdirSync(path.join(ROOT, 'data', 'demo'))) {
    fs.copyFileSync(path.join(ROOT, 'data', 'demo', f), path.join(root, 'data', 'demo', f));
  }
  fs.copyFileSync(path.join(ROOT, 'data', 'README.md'), path.join(root, 'data', 'README.md'));
  return { root, bundle: path.join(root, 'dist', 'tillpoint.js') };
}

let session: TmuxSession | null = null;
afterEach(() => {
  session?.kill();
  session = null;
});

describe('the embedded default store', () => {
  it('opens the till on the demo store on first start', async () => {
    const pkg = packageCopy();
    session = startTmux({ args: [], bundle: pkg.bundle, env: { TILLPOINT_DATA: '' } });
    const screen = await session.waitFor('Point of Sale');
    expect(screen).toContain('Till T1');
    session.type('6001000000018\r');
    await session.waitFor('Fresh full cream milk 2L');
    expect(fs.existsSync(path.join(pkg.root, 'data', 'settings.json'))).toBe(true);
  });

  it('is what one-shot commands use without --data, and keeps its demo data once', () => {
    const pkg = packageCopy();
    const run = (args: string[]) => cli(args, { TILLPOINT_DATA: '' }, pkg.bundle);
    const items = run(['export', 'items']);
    expect(items.code).toBe(0);
    expect(items.stdout).toContain('MILK2L,6001000000018');
    const sale = run(['sell', '--item', 'MILK2L', '--tender', 'CASH', '--json']);
    expect(sale.json().saleNumber).toBe('T1-000001');
    // A second start does not load the demo again over the store's own data.
    expect(run(['export', 'items']).stdout).toBe(items.stdout);
    expect(fs.readFileSync(path.join(pkg.root, 'data', 'journals', 'T1.jsonl'), 'utf8').trim().split('\n')).toHaveLength(1);
  });
});
