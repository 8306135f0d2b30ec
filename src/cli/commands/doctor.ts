// `tillpoint doctor [--json]`: read-only checks of the store for remote support over SSH. Exit 1
// when any check fails, 0 otherwise (warnings included), as SPEC section 7 says. The store is not
// opened (that would take the store lock and repair files); the checks read the folder directly.
import { checkLines, runDoctor, summaryLine } from '../../doctor/index.js';
import { onlyOptions, positionalCount, type Invocation } from '../args.js';
import { cliStoreDir } from '../open-store.js';

export async function doctorCommand(inv: Invocation, now: () => Date): Promise<number> {
  onlyOptions(inv, []);
  positionalCount(inv, 0, 0, '[--json] [--data DIR]');
  const { dir } = cliStoreDir(inv);
  const json = inv.values.json === true;
  const report = await runDoctor({
    dir, now, env: process.env,
    // Text lines go out as each check ends: over a slow link the network checks take seconds.
    ...(json ? {} : { onResult: (r) => process.stdout.write(`${checkLines(r).join('\n')}\n`) }),
  });
  if (json) process.stdout.write(`${JSON.stringify({ checks: report.checks, ok: report.ok })}\n`);
  else process.stdout.write(`${summaryLine(report.checks)}\n`);
  return report.ok ? 0 : 1;
}
