// The till's top row says "Upload failed" while the last run of a Loyalty Plus sales event
// failed, until a later run succeeds. Read cheaply: the value is worked out when the jobs say
// something changed (and at their few-second poll), never per keystroke or repaint.
import { readJobStates } from '../../jobs/job-state.js';
import type { JobState } from '../../jobs/types.js';
import { automationEvents } from '../../store/automation.js';
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
  const states: Record<string, Pick<JobState, 'lastResult'>> = runner?.active
    ? Object.fromEntries(runner.status().map((s) => [s.name, s]))
    : readJobStates(store.dir);
  return names.some((n) => states[n]?.lastResult === 'failed') ? UPLOAD_FAILED_TEXT : undefined;
}

export interface UploadWatch {
  get(): string | undefined;
  subscribe(listener: () => void): () => void;
}

/**
 * Follows the upload state. With the till's jobs, their change events drive it; without them
 * (another kind of session) it looks every `intervalMs`.
 */
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
  const startSource = (): (() => void) => {
    if (automation) return automation.onChange(look);
    const t = setInterval(look, intervalMs);
    t.unref();
    return () => clearInterval(t);
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
