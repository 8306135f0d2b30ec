// Cash-up end to end: the built bundle (npm run build) in tmux, keys in, screen out, then the
// journal it wrote. The Cash-up screens are loaded lazily, so this also proves the bundle has them.
import { afterEach, describe, expect, it } from 'vitest';
import { cli, storeWithItems } from '../cli/run-cli.js';
import { startTmux, type TmuxSession } from '../e2e/tmux.js';
import { journalRecords } from './helpers.js';

const NOW = '2026-12-01T16:00:00+02:00';
const WAIT = 60_000;

let session: TmuxSession | undefined;
afterEach(() => {
  session?.kill();
  session = undefined;
});

/** Esc is taken as Esc only once ~100 ms pass with nothing after it (the key parser's wait). */
async function escape(s: TmuxSession): Promise<void> {
  s.keys('Escape');
  await new Promise((r) => setTimeout(r, 150));
}

describe('Cash-up in the real terminal', () => {
  it('records a float, shows the X, and closes the day with a Z from the drawer count', async () => {
    const dir = storeWithItems();
    expect(cli(['--data', dir, 'sell', '--item', 'A1', '--tender', 'CASH:50'], { TILLPOINT_NOW: NOW }).code).toBe(0);
    const s = (session = startTmux({ args: ['--data', dir, '--till', 'T1'], env: { TILLPOINT_NOW: NOW } }));
    await s.waitFor('Point of Sale', WAIT);
    await escape(s);
    await s.waitFor('Cash-up', WAIT);
    s.type('a');
    await s.waitFor('Opening Float', WAIT);
    s.type('f');
    await s.waitFor('Type the cash in the drawer', WAIT);
    s.type('100.00');
    s.keys('Enter');
    await s.waitFor('Opening float R100.00 recorded for till T1 (T1-000002)', WAIT);
    await escape(s);
    s.type('x');
    let screen = await s.waitFor('X REPORT (before Z 1, 2026-12-01)', WAIT);
    expect(screen).toMatch(/Sales \(1\)\s+R19\.99/);
    await escape(s);
    s.type('z');
    await s.waitFor('Cash counted in the drawer', WAIT);
    s.type('120.00');
    s.keys('Enter');
    screen = await s.waitFor('PREVIEW', WAIT);
    expect(screen).toContain('Z 1: counted R120.00, expected R119.99');
    s.keys('F10');
    await s.waitFor('Close the day with Z 1?', WAIT);
    s.type('y');
    screen = await s.waitFor('Z 1 recorded (T1-000003)', WAIT);
    expect(screen).toContain('Z REPORT 1 (2026-12-01)');
    expect(journalRecords(dir, 'T1').at(-1)).toMatchObject({ kind: 'cashup', doc: { type: 'z', z: 1, counted: 12000, overShort: { amount: 1 }, totals: { float: 10000 } } });
  }, 120_000);
});
