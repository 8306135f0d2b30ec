// The Loyalty Plus sales upload in the real till binary in a real terminal (tmux) against a real
// OpenSSH server on loopback: the event "Setup Automation Events" made is caught up at start-up
// off the till's thread (the till takes a scan meanwhile), Utilities > Automation shows its result,
// and F8 Run now after more sales uploads only those: every sale on the server exactly once.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureLoyaltyPlusSalesEvent } from '../../src/store/automation.js';
import { openStore } from '../../src/store/index.js';
import { startSshd, type SshdServer } from '../sftp/sshd-server.js';
import { loyaltyStore, sell, serverDocuments, useServer } from '../uploads/upload-fixture.js';
import { abandonSaleToMenu } from './till-keys.js';
import { startTmux, type TmuxSession } from './tmux.js';

let sshd: SshdServer;
let session: TmuxSession | null = null;
beforeAll(async () => {
  sshd = await startSshd();
});
afterAll(async () => {
  await sshd?.close();
});
afterEach(() => {
  session?.kill();
  session = null;
});

const sorted = (xs: string[]) => [...xs].sort();

describe('sales uploads in the till process (tmux, bundles, sshd)', () => {
  it('catches the event up at start-up, shows it under Utilities > Automation, and Run now sends only the new sales', async () => {
    const { dir, store } = await loyaltyStore();
    await useServer(store, sshd.server());
    await ensureLoyaltyPlusSalesEvent(store, new Date());
    const first = sell(store, 'T1', 3);
    store.close();

    session = startTmux({ args: ['--data', dir, '--till', 'T2'] });
    await session.waitFor('Point of Sale');
    session.type('BREAD\r');
    await session.waitFor('Bread, "farm" style');
    // The event never ran: the till's job runner runs it once at start-up, in a worker.
    for (let i = 0; i < 300 && serverDocuments(sshd).length < first.length; i++) await new Promise((r) => setTimeout(r, 100));
    expect(sorted(serverDocuments(sshd))).toEqual(sorted(first));

    await abandonSaleToMenu(session);
    session.keys('u');
    await session.waitFor('Automation');
    session.keys('a');
    await session.waitFor('IQEvent_LoyaltyPlus_Sales');
    await session.waitFor(/IQEvent_LoyaltyPlus_Sales.*success/);

    // More sales in another till's journal, then Run now on the event (the first row, selected).
    const other = await openStore(dir, { stderr: false });
    const second = sell(other, 'T3', 2);
    other.close();
    session.keys('F8');
    await session.waitFor(/IQEvent_LoyaltyPlus_Sales: run finished: 1 file\(s\), 2 sale\(s\)/);
    expect(sorted(serverDocuments(sshd))).toEqual(sorted([...first, ...second]));
  });
});
