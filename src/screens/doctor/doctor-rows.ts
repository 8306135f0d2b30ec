// Text of the Doctor screen, kept apart from the keys and Ink so it is tested on its own: one row
// per check (status word first, so it reads without colour), then the selected check's detail and fix.
import { STATUS_WORD, type CheckResult, type CheckStatus } from '../../doctor/index.js';
import type { Theme } from '../theme.js';

export const DOCTOR_BREADCRUMB = ['Utilities', 'Doctor'];
export const DOCTOR_KEYS_TEXT = 'Up/Down: select   R: run the checks again   Esc: back';
/** Header, blank, detail (3), fix (2), keys: the rows besides the list. */
export const DOCTOR_CHROME_ROWS = 8;
const TITLE_WIDTH = 26;

export function statusMark(status: CheckStatus): string {
  return `[${STATUS_WORD[status].padEnd(4)}]`;
}

export function rowText(r: CheckResult): string {
  return `${statusMark(r.status)} ${r.title.padEnd(TITLE_WIDTH).slice(0, TITLE_WIDTH)} ${r.detail}`;
}

export function statusColor(status: CheckStatus, theme: Theme): string | undefined {
  return status === 'ok' ? theme.colors.success : status === 'warning' ? theme.colors.warning : theme.colors.error;
}

/** "Checking 4 of 10..." while running; then the verdict as `tillpoint doctor` prints it. */
export function headerText(results: readonly CheckResult[], running: { done: number; total: number } | null): string {
  const n = (s: CheckStatus): number => results.filter((r) => r.status === s).length;
  if (running) return `Doctor: checking ${Math.min(running.done + 1, running.total)} of ${running.total}...`;
  const verdict = n('fail') > 0 ? 'problems found' : n('warning') > 0 ? 'working, with warnings' : 'all good';
  return `Doctor: ${verdict} (${n('fail')} failed, ${n('warning')} warning(s), ${n('ok')} ok)`;
}

export function fixText(r: CheckResult): string {
  return r.status === 'ok' || r.fix === '' ? 'Nothing to do.' : `Fix: ${r.fix}`;
}
