// The built bundle (npm run build) in tmux at 80x24, with CI=true set as tmux inherits it: Main
// Menu > Reports > Sales by Hour pages with PgDn, F3 changes the period, and Slip Reprint shows
// a slip marked REPRINT; each screen opened from the one bundle (the report screens load lazily).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE, startTmux, type TmuxSession } from '../e2e/tmux.js';
import { DAY, NOW, openShop, type Shop } from './reports-harness.js';

let shop: Shop;
let session: TmuxSession | null = null;
beforeAll(async () => {
  if (!fs.existsSync(BUNDLE)) throw new Error('run npm run build first: the end-to-end tests drive dist/tillpoint.js');
  shop = await openShop('(no CLI in this file)');
}, 60_000);
afterEach(() => {
  session?.kill();
  session = null;
});
afterAll(() => shop?.close());

function slipFiles(): string[] {
  const root = path.join(shop.tmp.dir, 'slips');
  return fs.readdirSync(root).flatMap((d) => fs.readdirSync(path.join(root, d)).map((f) => `${d}/${f}`)).sort();
}

describe('Reports in the built bundle', () => {
  it('pages a report, re-runs it for another day, and reprints a slip', async () => {
    const before = slipFiles();
    session = startTmux({ args: ['--data', shop.tmp.dir, '--back-office'], env: { TILLPOINT_NOW: NOW.toISOString() } });
    // The shop has operators: the back office asks for one first.
    await session.waitFor('Operator code');
    session.type('M1');
    session.keys('Enter');
    session.type('9999');
    session.keys('Enter');
    await session.waitFor('M1 Mandla');
    session.type('r');
    await session.waitFor('Sales by Hour');
    session.type('h');
    let s = await session.waitFor('Rows 1-11 of 14');
    expect(s).toContain(`Sales by hour: ${DAY}`);
    expect(s).toMatch(/06:00\s+1\s+10\.00/);
    session.keys('PageDown');
    s = await session.waitFor('Rows 4-14 of 14');
    expect(s).toMatch(/19:00\s+1\s/);
    expect(s.split('\n').length).toBeLessThanOrEqual(25);
    session.keys('F3');
    await session.waitFor('Sales by Hour › Filter');
    session.keys('C-u');
    session.type('2026-12-02');
    session.keys('Tab', 'C-u');
    session.type('2026-12-02');
    session.keys('F10');
    s = await session.waitFor('Nothing in this period');
    expect(s).toContain('Sales by hour: 2026-12-02');
    session.keys('Escape');
    await session.waitFor(/Slip Reprint/);
    await new Promise((r) => setTimeout(r, 200));
    session.type('s');
    await session.waitFor('Sale or refund number');
    session.type('T1-000003');
    session.keys('F10');
    s = await session.waitFor('Sale T1-000003, 40 columns');
    expect(s).toContain('*** REPRINT ***');
    expect(s).toContain('SALE T1-000003');
    // Show only, as the CLI: a reprint writes no file beside the slips.
    expect(slipFiles()).toEqual(before);
  });
});
