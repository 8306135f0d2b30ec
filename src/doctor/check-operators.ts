// Operators and the audit trail, for support: a store with operators but no active manager can
// never reach setup again, a locked-out operator is a phone call, and damaged audit lines mean a
// torn write (a power cut) that support should know of. Read only.
import { readAudit } from '../store/audit/audit-log.js';
import { lockedUntilIn } from '../store/operators/auth.js';
import { errorText } from '../store/errors.js';
import { fail, ok, warning, worst, type DoctorCheck, type DoctorContext, type Finding } from './types.js';

const DAY = 24 * 60 * 60 * 1000;

function operatorFindings(ctx: DoctorContext): Finding[] {
  const doc = ctx.documents.read('operators');
  if (!doc.ok) return doc.missing ? [ok('no operators: the till opens without a login')] : [fail(`operators.json: ${doc.problem}`, 'see the documents check above')];
  const active = doc.value.operators.filter((o) => o.active);
  if (active.length === 0) return [ok('no active operators: the till opens without a login')];
  const out: Finding[] = [ok(`${active.length} active operator(s), idle lock ${doc.value.idleLockMinutes === 0 ? 'off' : `${doc.value.idleLockMinutes} min`}`)];
  if (!active.some((o) => o.role === 'manager')) {
    out.push(fail('no active manager: nobody can reach setup', 'tillpoint operator edit CODE --role manager --active (or operator add CODE --name NAME --role manager)'));
  }
  const now = ctx.now();
  for (const o of active) {
    const until = lockedUntilIn(ctx.dir, o.code, now);
    if (until) out.push(warning(`${o.code} ${o.name} is locked out after wrong PINs until ${until.toISOString()}`, `tillpoint operator unlock ${o.code} (or Utilities > Setup > Operators), once you know who typed them`));
  }
  return out;
}

export const operatorsCheck: DoctorCheck = {
  id: 'operators',
  title: 'Operators and audit trail',
  async run(ctx) {
    const findings = operatorFindings(ctx);
    try {
      const { damaged } = readAudit(ctx.dir, { fromMs: ctx.now().getTime() - 31 * DAY });
      if (damaged > 0) findings.push(warning(`${damaged} damaged line(s) in the audit trail of the last month (a write cut off, e.g. by a power cut)`, 'nothing to repair: the lines around them read; keep the PC on a UPS'));
    } catch (err) {
      findings.push(fail(`the audit trail cannot be read: ${errorText(err)}`, 'check the permissions of the audit/ folder (the till user must read and write it)'));
    }
    return worst(findings, 'no operators');
  },
};
