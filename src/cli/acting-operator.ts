// Who a one-shot command acts as (SPEC section 7): the operator given by --operator CODE, with the
// PIN from TILLPOINT_PIN or typed on the terminal (never echoed), or else the built-in `system`
// operator, since whoever can write the data folder from a shell already holds every right. A
// given operator's role is checked like at the till.
import { SYSTEM_OPERATOR } from '../engine/roles.js';
import { authenticate } from '../store/operators/auth.js';
import type { Store } from '../store/index.js';
import type { Invocation } from './args.js';
import { Refusal, UsageError } from './clock.js';

/** Asks `question`; `missing` says how to give the answer when there is no terminal. */
export type SecretPrompt = (question: string, missing: string) => Promise<string>;

/** Reads a line from a terminal with echo off; refuses when there is no terminal to ask on. */
export const askOnTerminal: SecretPrompt = (question, missing) => {
  const stdin = process.stdin;
  if (!stdin.isTTY || typeof stdin.setRawMode !== 'function') return Promise.reject(new UsageError(missing));
  process.stderr.write(question);
  return new Promise((resolve, reject) => {
    let typed = '';
    const done = (err?: Error): void => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      if (err) reject(err);
      else resolve(typed);
    };
    const onData = (chunk: Buffer): void => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') return done(new UsageError('interrupted'));
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else if (ch >= ' ') typed += ch;
      }
    };
    stdin.setRawMode(true);
    stdin.on('data', onData);
    stdin.resume();
  });
};

/** Sets the store's actor for this command; refuses (exit 1) a wrong PIN, a lockout or an unknown code. */
export async function actAs(store: Store, inv: Invocation, now: () => Date, env: NodeJS.ProcessEnv = process.env, ask: SecretPrompt = askOnTerminal): Promise<string> {
  const code = inv.values.operator;
  const till = inv.values.till?.toUpperCase();
  const actor = (operator: string) => store.setActor({ operator, ...(till ? { till } : {}), now });
  if (code === undefined) {
    actor(SYSTEM_OPERATOR);
    return SYSTEM_OPERATOR;
  }
  if (code.trim().toLowerCase() === SYSTEM_OPERATOR) throw new UsageError('--operator system is the default: leave --operator out');
  actor(SYSTEM_OPERATOR);
  const pin = env.TILLPOINT_PIN ?? (await ask(`PIN for ${code.trim().toUpperCase()}: `, '--operator needs the PIN: set TILLPOINT_PIN, or run on a terminal to type it'));
  const r = authenticate(store, code, pin, { purpose: 'command' });
  if (!r.ok) throw new Refusal(r.message);
  actor(r.operator.code);
  return r.operator.code;
}
