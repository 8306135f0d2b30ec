// The built bundle in tmux at 80x24 with CI=true inherited (as CI and tmux started from it do):
// three scanned items sold for cash and one returned, by keystrokes only.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli, tempDir } from '../cli/run-cli.js';
import { startTmux, type TmuxSession } from './tmux.js';

const SCANS = '6001000000018\r6001000000025\r6001000000032\r';
let session: TmuxSession | null = null;
afterEach(() => {
  session?.kill();
  session = null;
});

function journal(dir: string, till: string): any[] {
  const file = path.join(dir, 'journals', `${till}.jsonl`);
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l.slice(9)));
}

describe.each(['xterm-256color', 'screen'])('the till under TERM=%s', (term) => {
  it('sells three scanned items for cash, then refunds one, by keystrokes', async () => {
    const dir = path.join(tempDir(), 'store');
    expect(cli(['--data', dir, 'init', '--demo']).code).toBe(0);
    session = startTmux({ args: ['--data', dir, '--till', 'T1'], term, env: { TILLPOINT_NOW: '2026-06-15T10:00:00Z' } });
    const first = await session.waitFor('Point of Sale');
    expect(first.split('\n').length).toBeLessThanOrEqual(25);
    // A scanner: three codes and Enters in one burst.
    session.type(SCANS);
    await session.waitFor('Large eggs 18s');
    const three = await session.waitFor(/115\.47/); // the totals are drawn below the lines
    expect(three).toContain('Fresh full cream milk 2L');
    expect(three).toContain('Brown bread 700g');
    expect(three).toMatch(/115\.47/);
    session.keys('F2');
    await session.waitFor(/CASH/);
    session.type('C');
    session.type('200\r');
    // Waits for the change itself: a capture can land while the slip's frame is still being drawn.
    const done = await session.waitFor(/84\.53/); // change from R200.00
    expect(done).toContain('T1-000001');
    const sales = journal(dir, 'T1');
    expect(sales).toHaveLength(1);
    expect(sales[0].doc.lines.map((l: any) => l.itemCode)).toEqual(['MILK2L', 'BREADB', 'EGGS18']);
    const slip = fs.readFileSync(path.join(dir, 'slips', '2026-06-15', 'T1-000001-40.txt'), 'utf8');
    expect(slip).toContain('Large eggs 18s');
    expect(slip).toMatch(/115\.47/);

    // Next sale, then Refund: sale number, mark line 2, pay back in cash.
    session.keys('Enter');
    session.keys('F9');
    await session.waitFor(/[Ss]ale number/);
    session.type('T1-000001\r');
    await session.waitFor('Brown bread 700g');
    session.keys('Down');
    session.keys('Space');
    session.keys('Enter');
    await session.waitFor(/CASH/);
    session.keys('Enter');
    await session.waitFor(/Pay back \D*17\.49 in CASH\?/); // the exact payout, confirmed next
    session.keys('Enter');
    await session.waitFor('T1-000002');
    const records = journal(dir, 'T1');
    expect(records).toHaveLength(2);
    expect(records[1].kind).toBe('refund');
    expect(records[1].doc.lines).toEqual([expect.objectContaining({ lineNo: 2, itemCode: 'BREADB', qty: 1, value: 1749 })]);
    expect(fs.existsSync(path.join(dir, 'slips', '2026-06-15', 'T1-000002-80.txt'))).toBe(true);
  });
});

describe('the till after a crash', () => {
  it('reopens the open sale after SIGKILL', async () => {
    const dir = path.join(tempDir(), 'store');
    expect(cli(['--data', dir, 'init', '--demo']).code).toBe(0);
    session = startTmux({ args: ['--data', dir, '--till', 'T1'] });
    await session.waitFor('Point of Sale');
    session.type('6001000000018\r2*6001000000025\r');
    await session.waitFor('Brown bread 700g');
    process.kill(session.pid(), 'SIGKILL');
    session.kill();
    session = startTmux({ args: ['--data', dir, '--till', 'T1'] });
    const screen = await session.waitFor('Brown bread 700g');
    expect(screen).toContain('Fresh full cream milk 2L');
    expect(screen).toMatch(/reopened/i);
  });

  it('refuses a second process for the same till, naming the holder', async () => {
    const dir = path.join(tempDir(), 'store');
    expect(cli(['--data', dir, 'init', '--demo']).code).toBe(0);
    session = startTmux({ args: ['--data', dir, '--till', 'T1'] });
    await session.waitFor('Point of Sale');
    const second = cli(['--data', dir, '--till', 'T1', 'sell', '--item', 'MILK2L', '--tender', 'CASH']);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(String(session.pid()));
  });
});
