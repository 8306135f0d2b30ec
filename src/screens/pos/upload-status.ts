// The till's top row says "Upload failed" while the last run of a Loyalty Plus sales event
// failed, until a later run succeeds. Read cheaply: the value is worked out when the jobs say
// something changed (and at their few-second poll), never per keystroke or repaint.
import { readJobStates } from '../../jobs/job-state.js';
import type { JobState } from '../../jobs/types.js';
import { automationEvents } from '../../store/automation.js';
import { readLastUploadRun } from '../../store/upload-last-run.js';
import type { Store } from '../../store/index.js';
import type { AutomationServices } from '../app-context.js';

export const UPLOAD_FAILED_TEXT = 'Upload failed';

/** The short state for the top row, or undefined while every upload event's last run is fine. */
export function uploadStatusText(store: Store, automation: AutomationServices | undefined): string | undefined {
  let names: string[];
  try {
    names = automationEvents(store).filter((e) => e.action === 'loyalty-plus-sales').map((e) => e.name);
  } catch {
    return undefined;
  }
  if (names.length === 0) return undefined;
  const runner = automation?.runner() ?? null;
  // The lock holder's memory is the newest word (and costs no file read on a progress tick);
  // anyone else reads what the holder wrote. A disabled event is not scheduled, so not shown.
  const states: Record<string, Pick<JobState, 'lastResult' | 'lastFinishedAt'>> = runner?.active
    ? Object.fromEntries(runner.status().map((s) => [s.name, s]))
    : readJobStates(store.dir);
  // The newest word wins: an event's last result, or how the last run ended wherever it ran (a
  // shell's `tillpoint upload` records it too, so a fix tried from SSH clears the till's line).
  let newest: { at: number; failed: boolean } | null = null;
  const consider = (at: string | null | undefined, failed: boolean): void => {
    // A result without a time (an older state file) still counts, below any timed one.
    const parsed = at ? Date.parse(at) : Number.NaN;
    const ms = Number.isFinite(parsed) ? parsed : Number.NEGATIVE_INFINITY;
    if (newest === null || ms > newest.at) newest = { at: ms, failed };
  };
  for (const n of names) {
    const s = states[n];
    if (s?.lastResult === 'failed' || s?.lastResult === 'success') consider(s.lastFinishedAt, s.lastResult === 'failed');
  }
  const last = readLastUploadRun(store.dir);
  if (last) consider(last.at, !last.ok);
  return (newest as { failed: boolean } | null)?.failed ? UPLOAD_FAILED_TEXT : undefined;
}

export interface UploadWatch {
  get(): string | undefined;
  subscribe(listener: () => void): () => void;
}

/** Follows the upload state: on the till's job events, and every `intervalMs`. */
export function createUploadWatch(store: Store, automation: AutomationServices | undefined, intervalMs = 5_000): UploadWatch {
  let value = uploadStatusText(store, automation);
  const listeners = new Set<() => void>();
  let stopSource: (() => void) | null = null;
  const look = (): void => {
    const next = uploadStatusText(store, automation);
    if (next === value) return;
    value = next;
    for (const l of [...listeners]) l();
  };
  // The jobs' change events, and a look every few seconds for a run from a shell (one small file read).
  const startSource = (): (() => void) => {
    const off = automation ? automation.onChange(look) : () => undefined;
    const t = setInterval(look, intervalMs);
    t.unref();
    return () => {
      off();
      clearInterval(t);
    };
  };
  return {
    get: () => value,
    subscribe(listener) {
      listeners.add(listener);
      if (stopSource === null) {
        stopSource = startSource();
        look();
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && stopSource !== null) {
          stopSource();
          stopSource = null;
        }
      };
    },
  };
}
