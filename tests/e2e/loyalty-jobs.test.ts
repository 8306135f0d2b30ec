// The till process runs Accrue Loyalties itself: the nightly job catches up a missed month end
// at start-up in a worker thread (the till stays usable meanwhile), and the Loyalties menu's run
// goes through the same worker in the built bundle.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli, tempDir } from '../cli/run-cli.js';
import { abandonSaleToMenu } from './till-keys.js';
import { startTmux, type TmuxSession } from './tmux.js';

let session: TmuxSession | null = null;
afterEach(() => {
  session?.kill();
  session = null;
});

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Accrue Loyalties in the till process', () => {
  it('catches up the ended month at start-up in a worker, then a manual run from the menu posts nothing more', async () => {
    const dir = path.join(tempDir(), 'store');
    expect(cli(['init', '--demo', '--data', dir], { TILLPOINT_NOW: '2026-10-01T08:00:00Z' }).code).toBe(0);
    // R899.70 of milk for D001 (Monthly - Use As Payment, 2.5 % below R500) in November: R22.49.
    const sold = cli(['sell', '--data', dir, '--item', 'MILK2Lx30', '--tender', 'CARD', '--debtor', 'D001', '--json'], { TILLPOINT_NOW: '2026-11-05T10:00:00Z' });
    expect(JSON.parse(sold.stdout).loyaltyEarned).toBe(2249);
    const env = { TILLPOINT_NOW: '2026-12-01T10:00:00Z' };
    session = startTmux({ args: ['--data', dir, '--till', 'T1'], env });
    await session.waitFor('Point of Sale');
    // The till answers while the job runs: a scan lands on the sale.
    session.type('6001000000018\r');
    await session.waitFor('Fresh full cream milk 2L');
    let balances: { accrued: number; pendingAccrual: number } | null = null;
    for (let i = 0; i < 200 && !(balances && balances.accrued > 0); i++) {
      await wait(100);
      balances = JSON.parse(cli(['loyalty', 'D001', '--data', dir, '--json'], env).stdout);
    }
    expect(balances).toMatchObject({ accrued: 2249, pendingAccrual: 0 });
    // The job's state is written after its posting is durable, so it may trail the balances a little.
    const statePath = path.join(dir, 'jobs', 'state.json');
    let state = '';
    for (let i = 0; i < 100 && !/"lastResult":"success"/.test(state); i++) {
      await wait(50);
      state = fs.readFileSync(statePath, 'utf8');
    }
    expect(JSON.parse(state).jobs['Accrue Loyalties']).toMatchObject({ lastResult: 'success', running: null });

    // Abandon the sale, then Loyalties > Accrue Loyalties, F10, y: the worker's run finds nothing left.
    await abandonSaleToMenu(session);
    session.keys('y');
    await session.waitFor('Accrue Loyalties');
    session.keys('a');
    await session.waitFor('Zero Unused Accrued Loyalties');
    session.keys('F10');
    await session.waitFor('Accrue Loyalties? (y/n)');
    session.keys('y');
    await session.waitFor(/Accrual run BACKOFFICE-\d+ finished/);
    // Waited for, not just read: a capture can land while the frame is still being drawn.
    await session.waitFor(/Posted to Loyalties Accrued\s+R0\.00/);
    expect(JSON.parse(cli(['loyalty', 'D001', '--data', dir, '--json'], env).stdout).accrued).toBe(2249);
  });
});
