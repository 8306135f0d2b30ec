import { TillService } from '../../store/till-service.js';
import { backOffice } from '../../store/back-office.js';
import { onlyOptions, positionalCount, type Invocation } from '../args.js';
import { UsageError } from '../clock.js';
import { openCliStore, tillId } from '../open-store.js';
import type { Store } from '../../store/index.js';
import type { LoyaltyPlusServices } from '../../integrations/loyaltyplus/services.js';

/** Schedules start once the till is on screen: a catch-up run must not slow the first frame. */
const JOBS_AFTER_MS = 2000;

async function startJobs(store: Store, now: () => Date): Promise<{ stop(): Promise<void> }> {
  const [{ createJobRunner }, { accrualJob }] = await Promise.all([import('../../jobs/index.js'), import('../../jobs/accrual.js')]);
  const runner = createJobRunner({ store, jobs: [accrualJob(store, now)], now, timeZone: () => store.get('settings').company.timeZone, log: (m) => store.warn(m) });
  await runner.start();
  return runner;
}

export async function uiCommand(inv: Invocation, now: () => Date): Promise<number> {
  onlyOptions(inv, ['back-office']);
  positionalCount(inv, 0, 0, '[--data DIR] [--till ID] [--back-office]');
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    throw new UsageError('the till needs a terminal; for scripts use the commands in tillpoint --help');
  }
  // Ink reads these at import time and then draws nothing until exit; we are on a real TTY here.
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
  // While the full screen is up, warnings go to logs/tillpoint.log only: stderr would draw over it.
  let onScreen = false;
  const { store } = await openCliStore(inv, undefined, { stderr: () => !onScreen });
  let jobs: Promise<{ stop(): Promise<void> }> | null = null;
  const timer = setTimeout(() => {
    jobs = startJobs(store, now);
    jobs.catch((err: unknown) => store.warn(`the job schedules could not start: ${(err as Error).message}`));
  }, JOBS_AFTER_MS);
  timer.unref();
  try {
    const id = tillId(inv);
    backOffice(store, now);
    const till = inv.values['back-office'] ? null : TillService.open(store, { till: id, operator: 'system', now });
    let loyaltyPlus: LoyaltyPlusServices | undefined;
    try {
      // Only a store on Loyalty Plus loads it; a till started before the switch picks it up at its next start.
      if (store.get('settings').defaults2.loyaltyProvider === 'loyalty-plus') {
        loyaltyPlus = (await import('../../integrations/loyaltyplus/till/start.js')).startLoyaltyPlus(store, till, { now });
      }
      const [{ runApp }, { accrueInWorker }] = await Promise.all([import('../../screens/app.js'), import('../../jobs/accrual.js')]);
      onScreen = true;
      await runApp({ store, till, tillId: id, operator: 'system', accrue: (req, onProgress) => accrueInWorker(store, now, req, { onProgress }),
        ...(loyaltyPlus ? { loyaltyPlus } : {}) }, { stdin: process.stdin, stdout: process.stdout });
    } finally {
      onScreen = false;
      await loyaltyPlus?.close().catch((err: unknown) => store.warn(`Loyalty Plus did not close cleanly: ${(err as Error).message}`));
      till?.close();
    }
    return 0;
  } finally {
    clearTimeout(timer);
    if (jobs) await (jobs as Promise<{ stop(): Promise<void> }>).then((r) => r.stop(), () => undefined);
    store.close();
  }
}
