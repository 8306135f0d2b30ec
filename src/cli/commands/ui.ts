import { TillService } from '../../store/till-service.js';
import { backOffice } from '../../store/back-office.js';
import { onlyOptions, positionalCount, type Invocation } from '../args.js';
import { UsageError } from '../clock.js';
import { openCliStore, tillId } from '../open-store.js';
import type { Store } from '../../store/index.js';
import type { LoyaltyPlusServices } from '../../integrations/loyaltyplus/services.js';
import type { AutomationJobs } from '../../jobs/automation-jobs.js';
import type { AutomationServices } from '../../screens/app-context.js';
import { createOperatorSession } from '../../store/operators/session.js';

/** Schedules start once the till is on screen: a catch-up run must not slow the first frame. */
const JOBS_AFTER_MS = 2000;

/**
 * The screens get the jobs before they exist (they start after the first frame, from modules
 * loaded only then): this stands in until the controller is attached.
 */
function lateAutomation(): { services: AutomationServices; attach(jobs: AutomationJobs): void } {
  let jobs: AutomationJobs | null = null;
  const listeners = new Set<() => void>();
  return {
    services: {
      runner: () => jobs?.runner() ?? null,
      onChange(listener) {
        listeners.add(listener);
        return () => {
          listeners.delete(listener);
        };
      },
      refresh: () => jobs?.refresh() ?? Promise.resolve(),
    },
    attach(j) {
      jobs = j;
      j.onChange(() => {
        for (const l of [...listeners]) l();
      });
      for (const l of [...listeners]) l();
    },
  };
}

/** Accrue Loyalties beside one job per enabled automation event, following automation.json. */
async function startJobs(store: Store, now: () => Date, attach: (jobs: AutomationJobs) => void): Promise<{ stop(): Promise<void> }> {
  const [{ createAutomationJobs }, { accrualJob }, { uploadJob }] = await Promise.all([
    import('../../jobs/automation-jobs.js'), import('../../jobs/accrual.js'), import('../../jobs/uploads.js'),
  ]);
  const jobs = createAutomationJobs({
    store, now,
    builtIn: [accrualJob(store, now)],
    jobFor: (event) => (event.action === 'loyalty-plus-sales' ? uploadJob(store, now, event.name, event.cron) : null),
    log: (m) => store.warn(m),
  });
  attach(jobs);
  try {
    await jobs.start();
  } catch (err) {
    // Whatever it took (the job lock) is let go, so another till can run the jobs.
    await jobs.stop();
    throw err;
  }
  return jobs;
}

export async function uiCommand(inv: Invocation, now: () => Date): Promise<number> {
  onlyOptions(inv, ['back-office']);
  if (inv.values.operator !== undefined) throw new UsageError('the till asks for the operator on screen: --operator is for one-shot commands');
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
  const automation = lateAutomation();
  const timer = setTimeout(() => {
    jobs = startJobs(store, now, automation.attach);
    jobs.catch((err: unknown) => store.warn(`the job schedules could not start: ${(err as Error).message}`));
  }, JOBS_AFTER_MS);
  timer.unref();
  try {
    const id = tillId(inv);
    backOffice(store, now);
    const till = inv.values['back-office'] ? null : TillService.open(store, { till: id, operator: 'system', now });
    // Who is at this process: nobody until a login in a store with operators, else `system`.
    const session = createOperatorSession(store, till, now);
    let loyaltyPlus: LoyaltyPlusServices | undefined;
    try {
      // Only a store on Loyalty Plus loads it; a till started before the switch picks it up at its next start.
      if (store.get('settings').defaults2.loyaltyProvider === 'loyalty-plus') {
        loyaltyPlus = (await import('../../integrations/loyaltyplus/till/start.js')).startLoyaltyPlus(store, till, { now });
      }
      const [{ runApp }, { accrueInWorker }] = await Promise.all([import('../../screens/app.js'), import('../../jobs/accrual.js')]);
      onScreen = true;
      await runApp({ store, till, tillId: id, operator: 'system', session, accrue: (req, onProgress) => accrueInWorker(store, now, req, { onProgress }),
        automation: automation.services, ...(loyaltyPlus ? { loyaltyPlus } : {}) }, { stdin: process.stdin, stdout: process.stdout });
    } finally {
      onScreen = false;
      // Quitting ends the operator's turn at this till, in the audit trail too.
      if (session.current()) session.logout();
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
