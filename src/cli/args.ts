import { parseArgs } from 'node:util';
import { UsageError } from './clock.js';

const OPTIONS = {
  data: { type: 'string' },
  till: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
  json: { type: 'boolean' },
  'back-office': { type: 'boolean' },
  demo: { type: 'boolean' },
  out: { type: 'string' },
  to: { type: 'string' },
  from: { type: 'string' },
  csv: { type: 'boolean' },
  item: { type: 'string', multiple: true },
  tender: { type: 'string', multiple: true },
  line: { type: 'string', multiple: true },
  samples: { type: 'string' },
  debtor: { type: 'string' },
  kinds: { type: 'string' },
  'zero-unused': { type: 'boolean' },
  member: { type: 'string' },
  outage: { type: 'boolean' },
  operator: { type: 'string' },
  name: { type: 'string' },
  role: { type: 'string' },
  active: { type: 'boolean' },
  inactive: { type: 'boolean' },
  'new-pin': { type: 'boolean' },
  count: { type: 'string' },
  by: { type: 'string' },
  kind: { type: 'string' },
} as const;

export type OptionName = keyof typeof OPTIONS;

export interface Invocation {
  command: string | null;
  positionals: string[];
  values: {
    data?: string;
    till?: string;
    help?: boolean;
    version?: boolean;
    json?: boolean;
    'back-office'?: boolean;
    demo?: boolean;
    out?: string;
    to?: string;
    from?: string;
    csv?: boolean;
    item?: string[];
    tender?: string[];
    line?: string[];
    samples?: string;
    debtor?: string;
    kinds?: string;
    'zero-unused'?: boolean;
    member?: string;
    outage?: boolean;
    operator?: string;
    name?: string;
    role?: string;
    active?: boolean;
    inactive?: boolean;
    'new-pin'?: boolean;
    count?: string;
    by?: string;
    kind?: string;
  };
  given: Set<OptionName>;
}

export function parseInvocation(argv: string[]): Invocation {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message.split('\n')[0] ?? 'bad arguments');
  }
  const [command = null, ...positionals] = parsed.positionals;
  const given = new Set(Object.keys(parsed.values) as OptionName[]);
  return { command, positionals, values: parsed.values, given };
}

/** Refuses options that the command does not take (global ones are always allowed). */
export function onlyOptions(inv: Invocation, allowed: OptionName[]): void {
  const ok = new Set<OptionName>(['data', 'till', 'help', 'json', 'operator', ...allowed]);
  for (const name of inv.given) {
    if (!ok.has(name)) throw new UsageError(`${inv.command ?? 'tillpoint'} does not take --${name}`);
  }
}

export function positionalCount(inv: Invocation, min: number, max: number, what: string): void {
  if (inv.positionals.length < min || inv.positionals.length > max) {
    throw new UsageError(`usage: tillpoint ${inv.command} ${what}`);
  }
}
