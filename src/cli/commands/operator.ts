// `tillpoint operator list|add|edit|unlock`: operators from a shell, for support over SSH (a
// forgotten manager PIN, a locked-out cashier). Acting as `system`, or as a manager given by
// --operator; the new PIN comes from TILLPOINT_NEW_PIN or is typed twice on the terminal.
import { ROLES, type Role } from '../../engine/roles.js';
import { lockedUntil } from '../../store/operators/auth.js';
import { assertMay } from '../../store/operators/guard.js';
import { saveOperator, unlockOperator, type OperatorInput } from '../../store/operators/operators.js';
import type { Store } from '../../store/index.js';
import { askOnTerminal } from '../acting-operator.js';
import { onlyOptions, positionalCount, type Invocation } from '../args.js';
import { Refusal, UsageError } from '../clock.js';
import { openCliStore } from '../open-store.js';

const USAGE = 'list | add CODE --name NAME --role ROLE | edit CODE [--name NAME] [--role ROLE] [--active|--inactive] [--new-pin] | unlock CODE';

function roleOf(text: string | undefined): Role | undefined {
  if (text === undefined) return undefined;
  if (!(ROLES as readonly string[]).includes(text)) throw new UsageError(`--role must be one of ${ROLES.join(', ')} (got "${text}")`);
  return text as Role;
}

async function newPin(code: string): Promise<string> {
  const env = process.env.TILLPOINT_NEW_PIN;
  if (env !== undefined) return env;
  const missing = `the new PIN of ${code}: set TILLPOINT_NEW_PIN, or run on a terminal to type it`;
  const first = await askOnTerminal(`New PIN for ${code}: `, missing);
  const again = await askOnTerminal(`New PIN for ${code} again: `, missing);
  if (first !== again) throw new Refusal('the two PINs differ: nothing was changed');
  return first;
}

function list(store: Store, inv: Invocation, now: () => Date): number {
  const rows = store.get('operators').operators.map((o) => {
    const until = lockedUntil(store, o.code, now());
    return { code: o.code, name: o.name, role: o.role, active: o.active, lockedUntil: until ? until.toISOString() : null };
  });
  if (inv.values.json) process.stdout.write(`${JSON.stringify(rows)}\n`);
  else if (rows.length === 0) process.stdout.write('No operators: the till opens without a login (tillpoint operator add CODE --name NAME --role manager)\n');
  else for (const r of rows) process.stdout.write(`${r.code.padEnd(8)} ${r.name.padEnd(24)} ${r.role.padEnd(10)} ${r.active ? 'active' : 'inactive'}${r.lockedUntil ? `  locked until ${r.lockedUntil}` : ''}\n`);
  return 0;
}

export async function operatorCommand(inv: Invocation, now: () => Date): Promise<number> {
  onlyOptions(inv, ['name', 'role', 'active', 'inactive', 'new-pin']);
  const [action, codeArg] = inv.positionals;
  if (action === 'list') positionalCount(inv, 1, 1, USAGE);
  else if (action === 'add' || action === 'edit' || action === 'unlock') positionalCount(inv, 2, 2, USAGE);
  else throw new UsageError(`usage: tillpoint operator ${USAGE}`);
  if (inv.values.active && inv.values.inactive) throw new UsageError('give --active or --inactive, not both');
  const role = roleOf(inv.values.role);
  const { store } = await openCliStore(inv);
  try {
    if (action === 'list') return list(store, inv, now);
    assertMay(store, 'setup');
    const code = codeArg!.trim().toUpperCase();
    if (action === 'unlock') {
      unlockOperator(store, code);
      process.stdout.write(`${code} may log in again\n`);
      return 0;
    }
    const existing = store.get('operators').operators.find((o) => o.code === code);
    if (action === 'add' && (inv.values.name === undefined || role === undefined)) throw new UsageError('operator add needs --name NAME and --role ROLE');
    if (action === 'edit' && !existing) throw new Refusal(`No operator with code ${code}`);
    const input: OperatorInput = {
      code,
      name: inv.values.name ?? existing?.name ?? '',
      role: role ?? existing?.role ?? 'cashier',
      active: inv.values.inactive ? false : inv.values.active ? true : existing?.active ?? true,
      ...(action === 'add' || inv.values['new-pin'] ? { pin: await newPin(code) } : {}),
    };
    const saved = await saveOperator(store, input, action);
    if (inv.values.json) process.stdout.write(`${JSON.stringify({ code: saved.code, name: saved.name, role: saved.role, active: saved.active })}\n`);
    else process.stdout.write(`${action === 'add' ? 'Added' : 'Saved'} ${saved.code} ${saved.name} (${saved.role}${saved.active ? '' : ', inactive'})\n`);
    return 0;
  } finally {
    store.close();
  }
}
