import { TillService } from '../../store/till-service.js';
import { onlyOptions, positionalCount, type Invocation } from '../args.js';
import { UsageError } from '../clock.js';
import { openCliStore, tillId } from '../open-store.js';

export async function uiCommand(inv: Invocation, now: () => Date): Promise<number> {
  onlyOptions(inv, ['back-office']);
  positionalCount(inv, 0, 0, '[--data DIR] [--till ID] [--back-office]');
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    throw new UsageError('the till needs a terminal; for scripts use the commands in tillpoint --help');
  }
  // Ink reads these at import time and then draws nothing until exit; we are on a real TTY here.
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
  const { store } = await openCliStore(inv);
  try {
    const id = tillId(inv);
    const till = inv.values['back-office'] ? null : TillService.open(store, { till: id, operator: 'system', now });
    try {
      const { runApp } = await import('../../screens/app.js');
      await runApp({ store, till, tillId: id, operator: 'system' }, { stdin: process.stdin, stdout: process.stdout });
    } finally {
      till?.close();
    }
    return 0;
  } finally {
    store.close();
  }
}
