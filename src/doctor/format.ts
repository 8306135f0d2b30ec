// The doctor's report as text lines: one line per check, and the fix on the next when not ok.
// The status word carries the meaning, so the text reads the same without colour.
import type { CheckResult, CheckStatus } from './types.js';

export const STATUS_WORD: Record<CheckStatus, string> = { ok: 'OK', warning: 'WARN', fail: 'FAIL' };

export function checkLines(r: CheckResult): string[] {
  const head = `[${STATUS_WORD[r.status].padEnd(4)}] ${r.title}: ${r.detail}`;
  return r.status === 'ok' || r.fix === '' ? [head] : [head, `       fix: ${r.fix}`];
}

export function summaryLine(results: readonly CheckResult[]): string {
  const n = (s: CheckStatus): number => results.filter((r) => r.status === s).length;
  const verdict = n('fail') > 0 ? 'problems found' : n('warning') > 0 ? 'working, with warnings' : 'all good';
  return `doctor: ${verdict} (${n('fail')} failed, ${n('warning')} warning(s), ${n('ok')} ok)`;
}
