// Entry point of the `tillpoint` binary. One-shot commands never load Ink; the full-screen UI is
// imported lazily, after CI has been dropped from the environment (see PITFALLS: Ink stops
// drawing when it believes it runs in CI).
import { parseInvocation, type Invocation } from './args.js';
import { clockFromEnv, Refusal, UsageError } from './clock.js';
import { COMMAND_HELP, MAIN_HELP } from './help.js';
import { VERSION } from './version.js';
import { EngineError } from '../engine/errors.js';
import { StoreError } from '../store/errors.js';

type Command = (inv: Invocation, now: () => Date) => Promise<number>;

const COMMANDS: Record<string, () => Promise<Command>> = {
  init: async () => (await import('./commands/init.js')).initCommand,
  import: async () => (await import('./commands/csv-transfer.js')).importCommand,
  export: async () => (await import('./commands/csv-transfer.js')).exportCommand,
  sell: async () => (await import('./commands/sell.js')).sellCommand,
  refund: async () => (await import('./commands/refund.js')).refundCommand,
  sales: async () => (await import('./commands/sales.js')).salesCommand,
  loyalty: async () => (await import('./commands/loyalty.js')).loyaltyCommand,
  accrue: async () => (await import('./commands/accrue.js')).accrueCommand,
  upload: async () => (await import('./commands/upload.js')).uploadCommand,
  doctor: async () => (await import('./commands/doctor.js')).doctorCommand,
  restore: async () => (await import('./commands/restore.js')).restoreCommand,
  backup: async () => (await import('./commands/backup.js')).backupCommand,
  report: async () => (await import('./commands/report.js')).reportCommand,
  operator: async () => (await import('./commands/operator.js')).operatorCommand,
  cashup: async () => (await import('./commands/cashup.js')).cashupCommand,
  'loyalty-tables': async () => (await import('./commands/loyalty-tables.js')).loyaltyTablesCommand,
  bench: async () => (await import('./commands/bench.js')).benchCommand,
};

async function main(argv: string[]): Promise<number> {
  const inv = parseInvocation(argv);
  if (inv.values.version) {
    process.stdout.write(`tillpoint ${VERSION}\n`);
    return 0;
  }
  if (inv.values.help) {
    process.stdout.write(`${(inv.command && COMMAND_HELP[inv.command]) || MAIN_HELP}\n`);
    return 0;
  }
  const now = clockFromEnv();
  if (inv.command === null) return (await import('./commands/ui.js')).uiCommand(inv, now);
  const load = COMMANDS[inv.command];
  if (!load) throw new UsageError(`unknown command "${inv.command}" (see tillpoint --help)`);
  return (await load())(inv, now);
}

/** Refused input (exit 1) as opposed to a failure of tillpoint itself; loyalty and ledger errors are EngineErrors too. */
function isUserError(err: unknown): err is Error & { problems?: string[] } {
  return err instanceof Refusal || err instanceof EngineError || err instanceof StoreError;
}

function report(err: unknown, json: boolean): number {
  if (err instanceof UsageError) {
    process.stderr.write(`tillpoint: ${err.message}\n`);
    if (json) process.stdout.write(`${JSON.stringify({ error: err.message })}\n`);
    return 2;
  }
  const problems = isUserError(err) ? (err.problems ?? [err.message]) : [`unexpected failure: ${(err as Error)?.stack ?? String(err)}`];
  for (const p of problems) process.stderr.write(`tillpoint: ${p}\n`);
  if (json) process.stdout.write(`${JSON.stringify({ error: problems.join('; '), problems })}\n`);
  return 1;
}

const argv = process.argv.slice(2);
main(argv).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.exitCode = report(err, argv.includes('--json'));
  },
);
